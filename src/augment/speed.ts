/**
 * Speed change by resampling: duration and pitch change together (the tape-speed effect).
 */
import { ParameterError } from "../util/errors";
import { assertPlainObject, assertPositive, validAudio } from "../util/validate";
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
  /** Sample rate of `y` in Hz, > 0. */
  sr: number;
  /** Speed factor in [0.25, 4]; > 1 is faster and higher. */
  factor: number;
  /** Resampler (librosa's `res_type`). Default "soxr_hq". */
  resType?: ResType;
}

/**
 * Plays audio `factor` times faster: resamples from sr·factor to sr, so the result lasts
 * ⌈n / factor⌉ samples and every frequency is multiplied by `factor`.
 * @param y mono audio [n], non-empty and finite
 * @param options `{ sr, factor, resType }`
 * @returns Float32Array [⌈n / factor⌉]
 * @example const fast = speed(y, { sr: 22050, factor: 1.1 });  // 10 % shorter, 10 % higher
 */
export function speed(y: Float32Array, options: SpeedOptions): Float32Array {
  validAudio(y);
  assertPlainObject("speed options", options);
  const { sr, factor } = options;
  assertPositive("sr", sr);
  assertSpeedFactor(factor);
  const out = resample(y, { origSr: sr * factor, targetSr: sr, resType: options.resType });
  return out === y ? Float32Array.from(y) : out;
}
