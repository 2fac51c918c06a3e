/**
 * SpecAugment-style masking of feature sequences (Park et al., Interspeech 2019): random spans of
 * frames (time masks) and of feature columns (frequency masks) set to a fill value — 0, the mean of
 * standardised features. Applied to training batches only, fresh masks every batch.
 */
import { ParameterError } from "../util/errors";
import { assertNonNegativeInt } from "../util/validate";
import type { Rng } from "../util/rng";

/** Options of {@link specAugment}; every field optional. */
export interface SpecAugmentOptions {
  /** Time masks per clip, integer ≥ 0. Default 2. */
  timeMasks?: number;
  /** Widest time mask, frames (each mask's width is uniform in [0, timeWidth]). Default 12. */
  timeWidth?: number;
  /** Frequency (feature-column) masks per clip, integer ≥ 0. Default 2. */
  freqMasks?: number;
  /** Widest frequency mask, columns. Default 8. */
  freqWidth?: number;
}

/** {@link SpecAugmentOptions} with defaults filled in. */
export type ResolvedSpecAugment = Required<SpecAugmentOptions>;

/** Fills in and checks the options. */
export function resolveSpecAugment(options: SpecAugmentOptions): ResolvedSpecAugment {
  if (options === null || typeof options !== "object")
    throw new ParameterError(`specAugment=${JSON.stringify(options)} must be an object of options (or false)`);
  const known = ["timeMasks", "timeWidth", "freqMasks", "freqWidth"];
  for (const k of Object.keys(options))
    if (!known.includes(k)) throw new ParameterError(`unknown specAugment field ${JSON.stringify(k)}; known: ${known.join(", ")}`);
  const r = { timeMasks: options.timeMasks ?? 2, timeWidth: options.timeWidth ?? 12, freqMasks: options.freqMasks ?? 2, freqWidth: options.freqWidth ?? 8 };
  for (const [k, v] of Object.entries(r)) assertNonNegativeInt(`specAugment.${k}`, v);
  return r;
}

/**
 * Masks one clip in place.
 * @param x the clip, row-major [T, F] (row t = frame t)
 * @param shape [T, F]
 * @param options masks and widths (resolved)
 * @param rng the generator (one draw sequence per clip)
 * @param fill value of masked cells. Default 0
 * @returns x
 * @example specAugment(clip, [130, 177], resolveSpecAugment({}), new Rng(7));
 */
export function specAugment(x: Float32Array, shape: [number, number], options: ResolvedSpecAugment, rng: Rng, fill = 0): Float32Array {
  const [T, F] = shape;
  if (x.length !== T * F) throw new ParameterError(`specAugment: x has ${x.length} values, expected ${T} × ${F}`);
  for (let m = 0; m < options.timeMasks; m++) {
    const w = rng.integers(0, Math.min(options.timeWidth, T) + 1);
    const t0 = rng.integers(0, T - w + 1);
    x.fill(fill, t0 * F, (t0 + w) * F);
  }
  for (let m = 0; m < options.freqMasks; m++) {
    const w = rng.integers(0, Math.min(options.freqWidth, F) + 1);
    const f0 = rng.integers(0, F - w + 1);
    for (let t = 0; t < T; t++) x.fill(fill, t * F + f0, t * F + f0 + w);
  }
  return x;
}
