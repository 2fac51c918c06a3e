/**
 * Tonal centroid features (Harte, Sandler & Gasser, 2006) as librosa.feature.tonnetz (0.11): the
 * L1-normalised chroma (chroma_cqt by default) projected onto three circles — fifths, minor thirds,
 * major thirds — as (sin, cos) pairs: six dimensions per frame.
 */
import { ParameterError } from "../util/errors";
import type { Matrix } from "../util/matrix";
import { memoize } from "../util/memo";
import { normalize } from "../dsp/normalize";
import { chromaCqt, type ChromaCqtOptions } from "./chroma-cqt";

/** Options of {@link tonnetz}: a precomputed chroma, or chroma_cqt's options for computing it. */
export interface TonnetzOptions extends ChromaCqtOptions {
  /** Precomputed chromagram [nChroma, t] (any non-negative chroma); when given, `y` is not used. */
  chroma?: Matrix;
}

/** The 6 × nChroma projection φ (librosa builds it in float64). */
const projection = memoize(
  (nChroma: number): Float64Array => {
    const scale = [7 / 6, 7 / 6, 3 / 2, 3 / 2, 2 / 3, 2 / 3];
    const R = [1, 1, 1, 1, 0.5, 0.5]; // fifths, minor thirds, major thirds
    const phi = new Float64Array(6 * nChroma);
    for (let p = 0; p < 6; p++) {
      for (let c = 0; c < nChroma; c++) {
        // np.linspace(0, 12, num=nChroma, endpoint=False)[c] = c · (12 / nChroma)
        let v = scale[p] * (c * (12 / nChroma));
        if (p % 2 === 0) v -= 0.5; // even rows compute sin()
        phi[p * nChroma + c] = R[p] * Math.cos(Math.PI * v);
      }
    }
    return phi;
  },
  (n) => String(n),
  8,
);

/**
 * Tonal centroid features (librosa.feature.tonnetz).
 * Rows: 0 fifth (x), 1 fifth (y), 2 minor third (x), 3 minor third (y), 4 major third (x), 5 major third (y).
 * @param y mono audio [n] (ignored when `options.chroma` is given; may then be null)
 * @param options `sr` and chroma_cqt's options, or a precomputed `chroma` [nChroma, t]
 * @returns Matrix [6, t] (float32)
 * @example const T = tonnetz(harmonic(y), { sr: 22050 });  // T.rows === 6, as the seed project calls it
 */
export function tonnetz(y: Float32Array | null, options: TonnetzOptions = {}): Matrix {
  const { chroma: given, ...chromaOptions } = options;
  if (!y && !given) throw new ParameterError("Either the audio samples or the chromagram must be passed as an argument.");
  const chroma = given ?? chromaCqt(y as Float32Array, chromaOptions);
  const n = chroma.rows;
  const T = chroma.cols;
  const phi = projection(n);
  const C = normalize(chroma, { norm: 1, axis: 0 }).data;
  const out = new Float32Array(6 * T);
  const acc = new Float64Array(T);
  for (let p = 0; p < 6; p++) {
    acc.fill(0);
    for (let c = 0; c < n; c++) {
      const w = phi[p * n + c];
      const row = c * T;
      for (let t = 0; t < T; t++) acc[t] += w * C[row + t];
    }
    out.set(acc, p * T);
  }
  return { data: out, rows: 6, cols: T };
}
