/**
 * Gain in decibels: y · 10^(db / 20).
 */
import { ParameterError } from "../util/errors";
import { assertPlainObject, validAudio } from "../util/validate";

/** Options of {@link gain}. */
export interface GainOptions {
  /** Gain in dB, finite, in [−120, 120]. */
  db: number;
}

/** Largest |db| accepted by {@link gain}: beyond ±120 dB the result is silence or overflow. */
export const MAX_GAIN_DB = 120;

/** Checks a gain in dB: finite, |db| ≤ {@link MAX_GAIN_DB}. */
export function assertGainDb(db: number, name = "db"): void {
  if (!(typeof db === "number" && Number.isFinite(db) && Math.abs(db) <= MAX_GAIN_DB)) {
    throw new ParameterError(`${name}=${db} must be a finite number in [-${MAX_GAIN_DB}, ${MAX_GAIN_DB}] dB`);
  }
}

/**
 * Scales audio by a gain in dB (amplitude factor 10^(db/20); −20·log10 2 ≈ −6.02 dB halves it).
 * No clipping is applied: samples may leave [−1, 1] for positive gains.
 * @param y mono audio [n], non-empty and finite
 * @param options `db`: gain in dB, finite, in [−120, 120]
 * @returns a new Float32Array [n]
 * @example const quieter = gain(y, { db: -6 });   // ≈ 0.501 · y
 */
export function gain(y: Float32Array, options: GainOptions): Float32Array {
  validAudio(y);
  assertPlainObject("gain options", options);
  const { db } = options;
  assertGainDb(db);
  const g = Math.pow(10, db / 20);
  const out = new Float32Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = y[i] * g;
  return out;
}
