/**
 * librosa.util.fix_length for mono audio: trim to `size` samples, or pad at the end.
 */
import { ParameterError } from "../util/errors";
import { assertNonNegativeInt, assertOneOf, assertPlainObject } from "../util/validate";

/** Options of {@link fixLength}. */
export interface FixLengthOptions {
  /** Target length, integer ≥ 0 (librosa's `size`). */
  size: number;
  /**
   * How to pad (numpy.pad modes): "constant" zeros (default, librosa's), "edge" repeats the last
   * sample, "reflect" mirrors without repeating the edge sample (periodically, for pads longer
   * than the signal, as numpy).
   */
  mode?: "constant" | "edge" | "reflect";
}

/**
 * Fix the length of `y` to exactly `size` samples, as `librosa.util.fix_length(y, size=size)`:
 * longer input is trimmed at the end, shorter input is padded at the end.
 *
 * @param y audio [n]
 * @param options `size` (target length, integer ≥ 0) and `mode`
 * @returns [size]: `y` itself when `n === size`, otherwise a new array
 * @example fixLength(new Float32Array([1, 2, 3]), { size: 5 })   // Float32Array [1, 2, 3, 0, 0]
 */
export function fixLength(y: Float32Array, options: FixLengthOptions): Float32Array {
  assertPlainObject("fixLength options", options);
  const { size, mode = "constant" } = options;
  assertNonNegativeInt("size", size);
  assertOneOf("mode", mode, ["constant", "edge", "reflect"] as const);
  const n = y.length;
  if (n === size) return y;
  if (n > size) return y.slice(0, size);
  const out = new Float32Array(size);
  out.set(y);
  if (mode === "constant") return out;
  if (n === 0) throw new ParameterError(`mode=${JSON.stringify(mode)} cannot pad an empty signal (as numpy.pad); use mode="constant"`);
  if (mode === "edge" || n === 1) {
    out.fill(y[n - 1], n);
    return out;
  }
  const period = 2 * (n - 1);
  for (let p = n; p < size; p++) {
    const q = p % period;
    out[p] = q < n ? y[q] : y[period - q];
  }
  return out;
}
