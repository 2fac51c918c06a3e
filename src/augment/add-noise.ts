/**
 * Additive white Gaussian noise, either at a signal-to-noise ratio relative to the clip's power or
 * with the seed project's scale `amp × max|y|` (its `noise()` draws `0.035·U(0,1)·np.amax(data)`).
 */
import { ParameterError } from "../util/errors";
import { validAudio } from "../util/validate";
import type { Rng } from "../util/rng";

/**
 * How loud the noise is:
 * - `{ snrDb }`: noise power = mean(y²) / 10^(snrDb/10), snrDb finite in [−30, 120] dB;
 * - `{ amp }`: noise standard deviation = amp · max|y|, amp finite in [0, 10] (the seed project
 *   draws amp uniformly in [0, 0.035)).
 */
export type NoiseOptions = { snrDb: number } | { amp: number };

/** Range accepted for `snrDb`, in dB. */
export const SNR_DB_RANGE: readonly [number, number] = [-30, 120];
/** Range accepted for `amp`. */
export const NOISE_AMP_RANGE: readonly [number, number] = [0, 10];

/** Checks a {@link NoiseOptions} (exactly one of snrDb, amp; each in its range). */
export function assertNoiseOptions(options: NoiseOptions): void {
  const o = options as { snrDb?: unknown; amp?: unknown };
  const hasSnr = o.snrDb !== undefined;
  const hasAmp = o.amp !== undefined;
  if (hasSnr === hasAmp) throw new ParameterError(`noise options need exactly one of snrDb or amp, but got ${JSON.stringify(options)}`);
  if (hasSnr) {
    const v = o.snrDb as number;
    if (!(typeof v === "number" && v >= SNR_DB_RANGE[0] && v <= SNR_DB_RANGE[1])) {
      throw new ParameterError(`snrDb=${String(v)} must lie in the range [${SNR_DB_RANGE[0]}, ${SNR_DB_RANGE[1]}] dB`);
    }
  } else {
    const v = o.amp as number;
    if (!(typeof v === "number" && v >= NOISE_AMP_RANGE[0] && v <= NOISE_AMP_RANGE[1])) {
      throw new ParameterError(`amp=${String(v)} must lie in the range [${NOISE_AMP_RANGE[0]}, ${NOISE_AMP_RANGE[1]}]`);
    }
  }
}

/** The noise standard deviation {@link addNoise} uses for `y` and `options`. */
export function noiseStd(y: Float32Array, options: NoiseOptions): number {
  if ("snrDb" in options) {
    let p = 0;
    for (let i = 0; i < y.length; i++) p += y[i] * y[i];
    p /= y.length;
    return Math.sqrt(p / Math.pow(10, options.snrDb / 10));
  }
  let peak = 0;
  for (let i = 0; i < y.length; i++) {
    const a = Math.abs(y[i]);
    if (a > peak) peak = a;
  }
  return options.amp * peak;
}

/**
 * Adds white Gaussian noise: out[i] = y[i] + σ·N(0, 1), σ from {@link noiseStd}. The SNR is met
 * in expectation (the realised SNR of one draw is within ≈ ±0.03 dB for a 3 s clip at 22050 Hz).
 * A silent clip gets no noise in either mode (σ = 0).
 * @param y mono audio [n], non-empty and finite
 * @param options `{ snrDb }` or `{ amp }` (see {@link NoiseOptions})
 * @param rng the random generator; n normal draws
 * @returns a new Float32Array [n]
 * @example const noisy = addNoise(y, { snrDb: 20 }, new Rng(7));
 */
export function addNoise(y: Float32Array, options: NoiseOptions, rng: Rng): Float32Array {
  validAudio(y);
  assertNoiseOptions(options);
  const sigma = noiseStd(y, options);
  const out = new Float32Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = y[i] + sigma * rng.normal();
  return out;
}
