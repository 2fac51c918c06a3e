/**
 * Padding as numpy.pad (modes constant, edge, reflect, symmetric) and librosa.util.pad_center.
 */
import { ParameterError } from "../util/errors";
import { assertNonNegativeInt } from "../util/validate";

/** numpy.pad modes supported for audio. */
export type PadMode = "constant" | "edge" | "reflect" | "symmetric";

/** Index into [0, n) that numpy's `mode` maps the out-of-range index `i` to; -1 means zero. */
function padIndex(i: number, n: number, mode: PadMode): number {
  if (i >= 0 && i < n) return i;
  switch (mode) {
    case "constant":
      return -1;
    case "edge":
      return i < 0 ? 0 : n - 1;
    case "reflect": {
      if (n === 1) return 0;
      const period = 2 * (n - 1);
      let j = ((i % period) + period) % period;
      if (j >= n) j = period - j;
      return j;
    }
    case "symmetric": {
      const period = 2 * n;
      let j = ((i % period) + period) % period;
      if (j >= n) j = period - 1 - j;
      return j;
    }
    default:
      throw new ParameterError(`padMode=${JSON.stringify(mode)} must be one of "constant", "edge", "reflect", "symmetric"`);
  }
}

/**
 * Pads `y` with `before` samples in front and `after` behind, as numpy.pad(y, (before, after), mode).
 * @param into optional array of y's type (length ≥ before + n + after) to write to instead of a new one
 * @returns an array [before + n + after] of the same type as `y` (a view of `into` when given)
 * @example pad(Float32Array.of(1, 2, 3), 2, 1, "reflect")  // [3, 2, 1, 2, 3, 2]
 */
export function pad<T extends Float32Array | Float64Array>(y: T, before: number, after: number, mode: PadMode = "constant", into?: T): T {
  assertNonNegativeInt("before", before);
  assertNonNegativeInt("after", after);
  const n = y.length;
  if (n === 0 && mode !== "constant" && before + after > 0) throw new ParameterError(`cannot pad an empty array with mode ${JSON.stringify(mode)}`);
  const total = before + n + after;
  if (into && into.length < total) throw new ParameterError(`pad: into has ${into.length} values, ${total} needed`);
  const out = into ? (into.subarray(0, total) as T) : new (y.constructor as new (len: number) => T)(total);
  out.set(y, before);
  for (let i = 0; i < before; i++) {
    const j = padIndex(i - before, n, mode);
    out[i] = j < 0 ? 0 : y[j];
  }
  for (let i = 0; i < after; i++) {
    const j = padIndex(n + i, n, mode);
    out[before + n + i] = j < 0 ? 0 : y[j];
  }
  return out;
}

/**
 * librosa.util.pad_center: zero-pads `data` on both sides to length `size` (the extra sample,
 * if any, goes at the end).
 */
export function padCenter<T extends Float32Array | Float64Array>(data: T, size: number): T {
  const n = data.length;
  if (size < n) throw new ParameterError(`target size (${size}) must be at least input size (${n})`);
  const lpad = Math.floor((size - n) / 2);
  return pad(data, lpad, size - n - lpad, "constant");
}
