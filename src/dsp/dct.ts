/**
 * Discrete cosine transforms of types 1, 2 and 3 as scipy.fft.dct (the transform librosa's mfcc
 * uses), along the rows of a Matrix (librosa's axis −2), through a memoised float64 basis — the
 * sizes are small (n ≤ a few hundred mel bands), so a matrix product beats an FFT-based DCT.
 */
import { memoize } from "../util/memo";
import { ParameterError } from "../util/errors";
import type { Matrix } from "../util/matrix";
import { assertPositiveInt, repr } from "../util/validate";
import { accumulateRowProduct } from "./row-product";

/** DCT type: 1, 2 (default) or 3. */
export type DctType = 1 | 2 | 3;

/** Options of {@link dct} and {@link dctBasis}. */
export interface DctOptions {
  /** Transform type, 1, 2 or 3. Default 2. */
  type?: DctType;
  /** "ortho" for the orthonormal scaling, null for scipy's unnormalised ("backward") transform. Default "ortho" (librosa's mfcc default). */
  norm?: "ortho" | null;
  /** Keep only the first `nOut` coefficients (librosa's `[:n_mfcc]`), 1 ≤ nOut ≤ n. Default n. */
  nOut?: number;
}

function buildBasis(n: number, type: DctType, ortho: boolean, nOut: number): Float64Array {
  const B = new Float64Array(nOut * n);
  for (let k = 0; k < nOut; k++) {
    for (let i = 0; i < n; i++) {
      let v: number;
      if (type === 2) {
        // y[k] = 2 Σ x[i] cos(πk(2i+1)/(2n)); ortho: × sqrt(1/(4n)) for k = 0, sqrt(1/(2n)) otherwise
        v = 2 * Math.cos((Math.PI * k * (2 * i + 1)) / (2 * n));
        if (ortho) v *= k === 0 ? Math.sqrt(1 / (4 * n)) : Math.sqrt(1 / (2 * n));
      } else if (type === 3) {
        // y[k] = x[0] + 2 Σ_{i≥1} x[i] cos(πi(2k+1)/(2n)); ortho: x[0]/sqrt(n) + sqrt(2/n) Σ_{i≥1} ...
        if (i === 0) v = ortho ? Math.sqrt(1 / n) : 1;
        else v = (ortho ? Math.sqrt(2 / n) : 2) * Math.cos((Math.PI * i * (2 * k + 1)) / (2 * n));
      } else {
        // y[k] = x[0] + (−1)^k x[n−1] + 2 Σ_{i=1}^{n−2} x[i] cos(πki/(n−1))
        if (n === 1) throw new ParameterError("DCT type 1 needs n ≥ 2");
        const c = Math.cos((Math.PI * k * i) / (n - 1));
        v = i === 0 || i === n - 1 ? c : 2 * c;
        if (ortho) {
          // scipy: x[0], x[n−1] scaled by sqrt(2), y[0], y[n−1] by 1/sqrt(2), all by sqrt(1/(2(n−1)))
          if (i === 0 || i === n - 1) v *= Math.SQRT2;
          if (k === 0 || k === n - 1) v /= Math.SQRT2;
          v *= Math.sqrt(1 / (2 * (n - 1)));
        }
      }
      B[k * n + i] = v;
    }
  }
  return B;
}

const cachedBasis = memoize(buildBasis, (n, type, ortho, nOut) => `${n}|${type}|${ortho}|${nOut}`, 16);

function resolve(n: number, options: DctOptions): { type: DctType; ortho: boolean; nOut: number } {
  assertPositiveInt("n", n);
  const type = options.type ?? 2;
  if (type !== 1 && type !== 2 && type !== 3) throw new ParameterError(`type=${repr(type)} must be 1, 2 or 3`);
  const norm = options.norm === undefined ? "ortho" : options.norm;
  if (norm !== "ortho" && norm !== null) throw new ParameterError(`norm=${repr(norm)} must be "ortho" or null`);
  const nOut = options.nOut ?? n;
  assertPositiveInt("nOut", nOut);
  if (nOut > n) throw new ParameterError(`nOut=${nOut} must be ≤ n=${n}`);
  return { type, ortho: norm === "ortho", nOut };
}

/**
 * The DCT as a matrix: y = B · x for x of length n (scipy.fft.dct conventions).
 * Memoised: shared, treat as read-only.
 * @returns Float64Array [nOut · n], row-major (row k = the k-th basis vector)
 * @example const B = dctBasis(128, { nOut: 40 });  // rows of the orthonormal DCT-II
 */
export function dctBasis(n: number, options: DctOptions = {}): Float64Array {
  const { type, ortho, nOut } = resolve(n, options);
  return cachedBasis(n, type, ortho, nOut);
}

/**
 * DCT of every column of `x` (scipy.fft.dct(x, axis=-2, type, norm)[:nOut]).
 * @param x Matrix [n, t]
 * @returns Matrix [nOut, t] (float64 accumulation, float32 storage)
 * @example const M = dct(logMel, { nOut: 20 });  // the MFCCs of a log-power mel spectrogram
 */
export function dct(x: Matrix, options: DctOptions = {}): Matrix {
  const n = x.rows;
  const { type, ortho, nOut } = resolve(n, options);
  const B = cachedBasis(n, type, ortho, nOut);
  const T = x.cols;
  const out = new Float32Array(nOut * T);
  const xd = x.data;
  if (type === 2 && n % 2 === 0 && n >= 4) {
    // DCT-II rows are symmetric (k even) or antisymmetric (k odd) about the middle:
    // B[k, n−1−i] = (−1)^k B[k, i]. Fold the input once, then use half the basis.
    const h = n >> 1;
    const U = new Float64Array(h * T); // x[i] + x[n−1−i]
    const V = new Float64Array(h * T); // x[i] − x[n−1−i]
    for (let i = 0; i < h; i++) {
      const a = i * T;
      const b = (n - 1 - i) * T;
      for (let t = 0; t < T; t++) {
        U[a + t] = xd[a + t] + xd[b + t];
        V[a + t] = xd[a + t] - xd[b + t];
      }
    }
    productRows(B, n, h, nOut, U, V, T, out);
    return { data: out, rows: nOut, cols: T };
  }
  productRows(B, n, n, nOut, xd, xd, T, out);
  return { data: out, rows: nOut, cols: T };
}

/**
 * out[k, t] = Σ_{i<len} B[k·n + i] · X_k[i·T + t] with X_k = even k ? E : O (float64
 * accumulation, {@link accumulateRowProduct}).
 */
function productRows(B: Float64Array, n: number, len: number, nOut: number, E: ArrayLike<number>, O: ArrayLike<number>, T: number, out: Float32Array): void {
  const acc = new Float64Array(T);
  for (let k = 0; k < nOut; k++) {
    acc.fill(0);
    accumulateRowProduct(acc, B, k * n, 0, len, k % 2 === 0 ? E : O, T);
    out.set(acc, k * T);
  }
}
