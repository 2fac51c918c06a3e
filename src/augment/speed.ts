/**
 * Speed change by resampling: duration and pitch change together (the tape-speed effect).
 */
import { ParameterError } from "../util/errors";
import { assertPositive, validAudio } from "../util/validate";
import { resample, type ResType } from "../dsp/resample";

/** Accepted range of the speed factor: [0.25, 4]. */
export const SPEED_FACTOR_RANGE: readonly [number, number] = [0.25, 4];

/** Checks a speed factor: finite, within {@link SPEED_FACTOR_RANGE}. */
export function assertSpeedFactor(factor: number, name = "factor"): void {
  if (!(typeof factor === "number" && factor >= SPEED_FACTOR_RANGE[0] && factor <= SPEED_FACTOR_RANGE[1])) {
    throw new ParameterError(`${name}=${factor} must be a finite number in [${SPEED_FACTOR_RANGE[0]}, ${SPEED_FACTOR_RANGE[1]}]`);
  }
}

/** Options of {@link speed}. */
export interface SpeedOptions {
  /** Resampler (librosa's `res_type`). Default "soxr_hq". */
  resType?: ResType;
}

/**
 * Plays audio `factor` times faster: resamples from sr·factor to sr, so the result lasts
 * ⌈n / factor⌉ samples and every frequency is multiplied by `factor`.
 * @param y mono audio [n], non-empty and finite
 * @param sr sample rate in Hz, > 0
 * @param factor speed factor in [0.25, 4]; > 1 is faster and higher
 * @param options `{ resType }`
 * @returns Float32Array [⌈n / factor⌉]
 * @example const fast = speed(y, 22050, 1.1);  // 10 % shorter, 10 % higher
 */
export function speed(y: Float32Array, sr: number, factor: number, options: SpeedOptions = {}): Float32Array {
  validAudio(y);
  assertPositive("sr", sr);
  assertSpeedFactor(factor);
  const out = resample(y, sr * factor, sr, { resType: options.resType });
  return out === y ? Float32Array.from(y) : out;
}
