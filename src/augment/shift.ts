/**
 * Time shift of a clip: a circular rotation (numpy.roll, as the seed project's `shift()`) or a
 * delay/advance that fills the vacated samples with zeros.
 */
import { ParameterError } from "../util/errors";
import { assertOneOf, assertPlainObject, assertPositive, validAudio } from "../util/validate";
import type { Rng } from "../util/rng";

/** How {@link shift} treats samples pushed past an end. */
export type ShiftMode = "roll" | "zero";

/** Options of {@link shift}. */
export interface ShiftOptions {
  /** Sample rate of `y` in Hz, > 0. */
  sr: number;
  /** Shift in milliseconds; > 0 delays (content moves later), < 0 advances. Finite, |ms| ≤ 600000. */
  ms: number;
  /** "roll": samples leaving one end re-enter at the other (np.roll); "zero": they are dropped and
   *  the gap is filled with zeros. Default "roll". */
  mode?: ShiftMode;
}

/** Largest |ms| accepted (10 minutes): anything longer is surely a unit mistake. */
export const MAX_SHIFT_MS = 600_000;

/** Checks a shift in ms. */
export function assertShiftMs(ms: number, name = "ms"): void {
  if (!(typeof ms === "number" && Number.isFinite(ms) && Math.abs(ms) <= MAX_SHIFT_MS)) {
    throw new ParameterError(`${name}=${ms} must be a finite number of milliseconds in [-${MAX_SHIFT_MS}, ${MAX_SHIFT_MS}]`);
  }
}

/** The shift in samples for `ms` at `sr`: round(ms · sr / 1000) (half away from zero). */
export function shiftSamples(ms: number, sr: number): number {
  const k = (ms * sr) / 1000;
  return Math.sign(k) * Math.round(Math.abs(k));
}

/**
 * Shifts a clip in time by `ms` milliseconds (round(ms·sr/1000) samples).
 * With mode "roll", out[(i + k) mod n] = y[i] (numpy.roll(y, k)); with "zero", out[i + k] = y[i]
 * where 0 ≤ i + k < n and zeros elsewhere.
 * @param y mono audio [n], non-empty and finite
 * @param options `{ sr, ms, mode }`
 * @returns a new Float32Array [n]
 * @example const later = shift(y, { sr: 22050, ms: 100, mode: "zero" });  // 2205 leading zeros
 */
export function shift(y: Float32Array, options: ShiftOptions): Float32Array {
  validAudio(y);
  assertPlainObject("shift options", options);
  const { sr, ms, mode = "roll" } = options;
  assertPositive("sr", sr);
  assertShiftMs(ms);
  assertOneOf("mode", mode, ["roll", "zero"] as const);
  const n = y.length;
  const k = shiftSamples(ms, sr);
  const out = new Float32Array(n);
  if (mode === "roll") {
    const r = ((k % n) + n) % n;
    out.set(y.subarray(n - r), 0);
    out.set(y.subarray(0, n - r), r);
  } else if (k >= 0) {
    if (k < n) out.set(y.subarray(0, n - k), k);
  } else if (-k < n) {
    out.set(y.subarray(-k), 0);
  }
  return out;
}

/** Options of {@link randomShift}. */
export interface RandomShiftOptions {
  /** Range [lo, hi] of the shift in ms, drawn uniformly. Default [-500, 500]. */
  ms?: readonly [number, number];
  /** As {@link ShiftOptions.mode}. Default "roll". */
  mode?: ShiftMode;
}

/**
 * Draws a shift uniformly from `options.ms` with `rng` and applies it (the seed project's
 * `shift()` rolls by a uniform ±5000 samples, about ±227 ms at 22050 Hz).
 * @param y mono audio [n]
 * @param sr sample rate in Hz, > 0
 * @param rng the random generator (one uniform draw)
 * @returns `{ y, ms }`: the shifted clip [n] and the shift drawn, in ms
 * @example const { y: shifted, ms } = randomShift(y, 22050, { ms: [-200, 200] }, new Rng(7));
 */
export function randomShift(y: Float32Array, sr: number, options: RandomShiftOptions, rng: Rng): { y: Float32Array; ms: number } {
  const [lo, hi] = options.ms ?? [-500, 500];
  assertShiftMs(lo, "ms[0]");
  assertShiftMs(hi, "ms[1]");
  if (hi < lo) throw new ParameterError(`ms=[${lo}, ${hi}] must satisfy ms[0] ≤ ms[1]`);
  const ms = rng.uniform(lo, hi);
  return { y: shift(y, { sr, ms, mode: options.mode ?? "roll" }), ms };
}
