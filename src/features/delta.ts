/**
 * Delta features, as librosa.feature.delta: the local derivative of each row of a feature matrix
 * along time, estimated by a Savitzky-Golay filter (scipy.signal.savgol_filter with
 * polyorder = deriv = order, mode "interp").
 *
 * Each output frame is the `order`-th derivative of the degree-`order` least-squares polynomial
 * through the `width` frames around it. With mode "interp" the first and last ⌊width/2⌋ frames use
 * the polynomial fitted to the first (last) `width` frames; its `order`-th derivative is constant,
 * so they repeat the value of the first (last) full window.
 */
import { ParameterError } from "../util/errors";
import type { Matrix } from "../util/matrix";
import { assertPositiveInt } from "../util/validate";

/** Options of {@link delta}. */
export interface DeltaOptions {
  /** Frames in the filter window, odd integer ≥ 3. Default 9 (librosa's). */
  width?: number;
  /** Derivative order, integer ≥ 1 (1: delta, 2: delta-delta). Default 1. */
  order?: number;
}

/** Savitzky-Golay weights of the `order`-th derivative at the window's centre (polyorder = order). */
export function savgolDerivativeWeights(width: number, order: number): Float64Array {
  const h = (width - 1) / 2;
  const m = order + 1;
  // normal equations (AᵀA) c = Aᵀ e_k for the polynomial coefficients; we need row `order` of (AᵀA)⁻¹Aᵀ
  const ata = Array.from({ length: m }, (_, i) =>
    Array.from({ length: m }, (_, j) => {
      let s = 0;
      for (let k = -h; k <= h; k++) s += k ** (i + j);
      return s;
    }),
  );
  // invert AᵀA by Gauss-Jordan (m ≤ a few)
  const inv = ata.map((row, i) => [...row, ...Array.from({ length: m }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < m; c++) {
    let p = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(inv[r][c]) > Math.abs(inv[p][c])) p = r;
    [inv[c], inv[p]] = [inv[p], inv[c]];
    const d = inv[c][c];
    for (let j = 0; j < 2 * m; j++) inv[c][j] /= d;
    for (let r = 0; r < m; r++) {
      if (r === c) continue;
      const f = inv[r][c];
      for (let j = 0; j < 2 * m; j++) inv[r][j] -= f * inv[c][j];
    }
  }
  let factorial = 1;
  for (let i = 2; i <= order; i++) factorial *= i;
  const w = new Float64Array(width);
  for (let k = -h; k <= h; k++) {
    let s = 0;
    for (let j = 0; j < m; j++) s += inv[order][m + j] * k ** j;
    w[k + h] = factorial * s;
  }
  return w;
}

/**
 * The delta (order 1) or delta-delta (order 2) of a feature matrix, as librosa.feature.delta.
 * @param data Matrix [features, frames] (librosa's orientation: rows = features)
 * @returns Matrix [features, frames]
 * @throws ParameterError when width is not odd ≥ 3, order < 1, or width exceeds the frame count
 * @example const d = delta(mfcc(y, { sr }), { order: 1 });  // same shape as the MFCCs
 */
export function delta(data: Matrix, options: DeltaOptions = {}): Matrix {
  const width = options.width ?? 9;
  const order = options.order ?? 1;
  assertPositiveInt("order", order);
  if (!(Number.isInteger(width) && width >= 3 && width % 2 === 1)) throw new ParameterError(`width=${width} must be an odd integer ≥ 3`);
  const { rows, cols } = data;
  if (width > cols) throw new ParameterError(`width=${width} cannot exceed the number of frames (${cols}) in mode "interp"`);
  const w = savgolDerivativeWeights(width, order);
  const h = (width - 1) / 2;
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let t = h; t < cols - h; t++) {
      let s = 0;
      for (let k = 0; k < width; k++) s += w[k] * data.data[base + t - h + k];
      out[base + t] = s;
    }
    for (let t = 0; t < h; t++) out[base + t] = out[base + h];
    for (let t = cols - h; t < cols; t++) out[base + t] = out[base + cols - h - 1];
  }
  return { data: out, rows, cols };
}
