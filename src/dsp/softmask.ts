/**
 * librosa.util.softmask in float32 arithmetic: M = X^p / (X^p + XRef^p), computed relative to
 * max(X, XRef) so that large powers neither overflow nor underflow; the masks of HPSS (hpss.ts).
 */
import { ParameterError } from "../util/errors";
import type { Matrix } from "../util/matrix";
import { FLOAT32_TINY } from "../util/numeric";

const fround = Math.fround;
// a module-level alias: an imported name in the per-element loop is a getter call under tsx (see spectra.ts)
const TINY = FLOAT32_TINY;

/** Options of {@link softmask}. */
export interface SoftmaskOptions {
  /** Exponent of the mask, > 0; Infinity gives the hard mask X > XRef. Default 1. */
  power?: number;
  /** Where X and XRef are both (near) zero: 0.5 when true, 0 when false. Default false. */
  splitZeros?: boolean;
}

/**
 * librosa.util.softmask: M = X^p / (X^p + XRef^p), computed relative to max(X, XRef) in float32.
 * @param X non-negative Matrix [rows, cols]
 * @param XRef non-negative Matrix of the same shape
 * @returns Matrix [rows, cols] with values in [0, 1]
 * @example const M = softmask(H, P, { power: 2, splitZeros: true });
 */
export function softmask(X: Matrix, XRef: Matrix, options: SoftmaskOptions = {}): Matrix {
  const { power = 1, splitZeros = false } = options;
  if (X.rows !== XRef.rows || X.cols !== XRef.cols) throw new ParameterError(`Shape mismatch: [${X.rows}, ${X.cols}] != [${XRef.rows}, ${XRef.cols}]`);
  if (!(power > 0)) throw new ParameterError(`power=${power} must be strictly positive`);
  const out = new Float32Array(X.data.length);
  softmaskInto(X.data, XRef.data, power, splitZeros, 1, out);
  return { data: out, rows: X.rows, cols: X.cols };
}

/** softmask of X against (margin · XRef) into `out`; X, XRef non-negative float32. */
export function softmaskInto(x: Float32Array, xr: Float32Array, power: number, splitZeros: boolean, margin: number, out: Float32Array): void {
  const fill = splitZeros ? 0.5 : 0;
  const n = x.length;
  for (let i = 0; i < n; i++) {
    const a = x[i];
    const b = margin === 1 ? xr[i] : fround(xr[i] * margin);
    if (a < 0 || b < 0) throw new ParameterError("X and X_ref must be non-negative");
    if (!Number.isFinite(power)) {
      out[i] = a > b ? 1 : 0;
      continue;
    }
    const z = a > b ? a : b;
    if (z < TINY) {
      out[i] = fill;
      continue;
    }
    let m: number;
    let mr: number;
    if (power === 2) {
      const qa = fround(a / z);
      const qb = fround(b / z);
      m = fround(qa * qa);
      mr = fround(qb * qb);
    } else {
      m = fround(fround(a / z) ** power);
      mr = fround(fround(b / z) ** power);
    }
    out[i] = fround(m / fround(m + mr));
  }
}
