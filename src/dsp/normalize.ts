/**
 * librosa.util.normalize for 2-D data: scale each column (axis 0) or each row (axis 1) to unit
 * norm. Lengths are computed in float64 (librosa: `np.abs(S).astype(float)`), results stored as
 * float32 for a Matrix, float64 for a Float64Array-backed call.
 */
import { ParameterError } from "../util/errors";
import type { Matrix } from "../util/matrix";
import { repr } from "../util/validate";
import { FLOAT32_TINY } from "../util/numeric";

/** Options of {@link normalize}. */
export interface NormalizeOptions {
  /** The norm: Infinity (max |x|, default), -Infinity (min |x|), 0 (count of non-zeros), p > 0 (ℓp), or null (no normalisation). */
  norm?: number | null;
  /** 0: normalise each column over the rows (librosa axis=0, the default); 1: each row over the columns. */
  axis?: 0 | 1;
  /** Vectors whose length is below this are left alone (fill undefined), zeroed (false) or filled (true). Default: float32 tiny (1.1754944e-38). */
  threshold?: number;
  /** What to do with vectors below threshold: undefined leaves them unscaled, false sets them to 0, true fills with the uniform unit vector. */
  fill?: boolean;
}

// the thresholds callers pass (librosa.util.tiny), defined once in util/numeric
export { FLOAT32_TINY, FLOAT64_TINY } from "../util/numeric";

/**
 * Whether `norm` is an order librosa.util.normalize accepts: a number ≥ 0 (+Infinity included) or
 * −Infinity; not NaN, not a negative finite number.
 * @example isNormOrder(2)  // true; isNormOrder(-1), isNormOrder(NaN), isNormOrder("l2") are false
 */
export function isNormOrder(norm: unknown): norm is number {
  return typeof norm === "number" && (norm >= 0 || norm === -Infinity);
}

/**
 * Normalises the vectors of `data` viewed as a rows × cols row-major array, in place into `out`
 * (which may be `data`). Shared by {@link normalize} and the filter-bank builders.
 * @example normalizeInto(w, rows, cols, w, { norm: 2, axis: 0, threshold: FLOAT64_TINY });  // in place
 */
export function normalizeInto(
  data: ArrayLike<number>,
  rows: number,
  cols: number,
  out: Float32Array | Float64Array,
  options: NormalizeOptions & { threshold: number },
): void {
  const { norm = Infinity, axis = 0, threshold, fill } = options;
  if (!(threshold > 0)) throw new ParameterError(`threshold=${repr(threshold)} must be strictly positive`);
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) throw new ParameterError("Input must be finite");
  if (norm === null) {
    if (out !== data) for (let i = 0; i < data.length; i++) out[i] = data[i];
    return;
  }
  if (!isNormOrder(norm)) throw new ParameterError(`Unsupported norm: ${repr(norm)}`);
  if (norm === 0 && fill === true) throw new ParameterError("Cannot normalize with norm=0 and fill=True");
  const nVec = axis === 0 ? cols : rows;
  const len = axis === 0 ? rows : cols;
  const stride = axis === 0 ? cols : 1;
  const step = axis === 0 ? 1 : cols;
  const fillNorm = norm > 0 && Number.isFinite(norm) ? len ** (-1 / norm) : 1;
  for (let v = 0; v < nVec; v++) {
    const base = v * step;
    let length: number;
    if (norm === Infinity) {
      length = 0;
      for (let i = 0; i < len; i++) length = Math.max(length, Math.abs(data[base + i * stride]));
    } else if (norm === -Infinity) {
      length = Infinity;
      for (let i = 0; i < len; i++) length = Math.min(length, Math.abs(data[base + i * stride]));
    } else if (norm === 0) {
      length = 0;
      for (let i = 0; i < len; i++) if (data[base + i * stride] !== 0) length++;
    } else {
      let s = 0;
      for (let i = 0; i < len; i++) s += Math.abs(data[base + i * stride]) ** norm;
      length = norm === 2 ? Math.sqrt(s) : norm === 1 ? s : s ** (1 / norm);
    }
    const small = length < threshold;
    for (let i = 0; i < len; i++) {
      const j = base + i * stride;
      if (!small) out[j] = data[j] / length;
      else if (fill === undefined) out[j] = data[j];
      else if (fill === false) out[j] = 0;
      else out[j] = fillNorm;
    }
  }
}

/**
 * Normalises each column (axis 0, default) or row (axis 1) of `S` to unit norm (librosa.util.normalize).
 * @param S Matrix [d, t]
 * @returns a new Matrix [d, t]
 * @example normalize(chroma, { norm: Infinity })  // each frame's maximum becomes 1
 */
export function normalize(S: Matrix, options: NormalizeOptions = {}): Matrix {
  const out = new Float32Array(S.data.length);
  normalizeInto(S.data, S.rows, S.cols, out, { ...options, threshold: options.threshold ?? FLOAT32_TINY });
  return { data: out, rows: S.rows, cols: S.cols };
}
