/**
 * Chromagram from a power spectrogram as librosa.feature.chroma_stft (0.11): the chroma filter
 * bank (tuned by librosa's estimate_tuning when `tuning` is not given) applied to the spectrogram,
 * each frame normalised (max = 1 by default).
 *
 * Not meyda's chroma: meyda uses the amplitude spectrum, its own filter bank, max-normalises without
 * librosa's Gaussian dominance window, and has no tuning step.
 */
import { ParameterError } from "../util/errors";
import type { Matrix } from "../util/matrix";
import { assertPositive, assertPositiveInt } from "../util/validate";
import type { Spectrogram } from "../dsp/spectrogram";
import { spectrogramOf } from "../dsp/spectra";
import type { StftOptions } from "../dsp/stft";
import { chromaFilters, type ChromaFiltersOptions } from "../dsp/chroma-filters";
import { estimateTuning } from "../dsp/tuning";
import { normalizeInto, FLOAT32_TINY } from "../dsp/normalize";

/** Options of {@link chromaStft}. */
export interface ChromaStftOptions extends StftOptions, Omit<ChromaFiltersOptions, "nFft" | "norm" | "tuning"> {
  /** Deviation from A440 in fractional chroma bins; undefined estimates it from the spectrogram. Default undefined. */
  tuning?: number;
  /** Per-frame normalisation (see dsp/normalize): Infinity (max = 1), a p-norm, or null for none. Default Infinity. */
  norm?: number | null;
  /** Norm of the filter bank's columns (librosa passes it as the chroma filters' `norm` kwarg). Default 2. */
  filterNorm?: number | null;
}

/** A filter bank's non-negligible weights, row by row (CSR): row c holds columns col[ptr[c]..ptr[c+1]). */
interface SparseRows {
  ptr: Int32Array;
  col: Int32Array;
  w: Float64Array;
}

const sparseCache = new WeakMap<Matrix, SparseRows>();

/**
 * The weights of `fb` that are at least 1e-9 × the largest weight of their column. The chroma
 * Gaussians decay fast, so this keeps about half of them; what is dropped changes a chroma value by
 * at most 1e-9 · Σ_c chroma_c ≤ 1.2e-8 of the frame's maximum (12 bins).
 */
function sparseRows(fb: Matrix): SparseRows {
  const hit = sparseCache.get(fb);
  if (hit) return hit;
  const { rows, cols, data } = fb;
  const colMax = new Float64Array(cols);
  for (let c = 0; c < rows; c++) for (let f = 0; f < cols; f++) colMax[f] = Math.max(colMax[f], data[c * cols + f]);
  const ptr = new Int32Array(rows + 1);
  const colIdx: number[] = [];
  const ws: number[] = [];
  for (let c = 0; c < rows; c++) {
    for (let f = 0; f < cols; f++) {
      const v = data[c * cols + f];
      if (v !== 0 && v >= 1e-9 * colMax[f]) {
        colIdx.push(f);
        ws.push(v);
      }
    }
    ptr[c + 1] = colIdx.length;
  }
  const sp = { ptr, col: Int32Array.from(colIdx), w: Float64Array.from(ws) };
  sparseCache.set(fb, sp);
  return sp;
}

function isSpectrogram(x: unknown): x is Spectrogram {
  return typeof x === "object" && x !== null && (x as Spectrogram).data instanceof Float32Array && typeof (x as Spectrogram).power === "number";
}

/**
 * A chromagram (librosa.feature.chroma_stft).
 * @param input mono audio `y` [n] (a power spectrogram is computed), or a Spectrogram
 *   [1 + nFft/2, t] used as given — librosa documents a power spectrogram, but any exponent is
 *   accepted as librosa does (e.g. the magnitude `S=np.abs(stft)` of the classic SER recipe)
 * @returns Matrix [nChroma, t] (float32), rows C, C#, …, B (baseC)
 * @example const C = chromaStft(y, { sr: 22050 });  // 12 × t, each column's max is 1
 */
export function chromaStft(input: Float32Array | Spectrogram, options: ChromaStftOptions = {}): Matrix {
  const sr = options.sr ?? 22050;
  assertPositive("sr", sr);
  const nChroma = options.nChroma ?? 12;
  assertPositiveInt("nChroma", nChroma);
  let S: Spectrogram;
  if (input instanceof Float32Array) S = spectrogramOf(input, { ...options, power: 2 });
  else if (isSpectrogram(input)) S = input;
  else throw new ParameterError("input must be audio (Float32Array) or a Spectrogram");
  // librosa's _spectrogram(S=S, n_fft=n_fft): n_fft kept if it fits S's rows, else 2·(rows − 1)
  const candidate = options.nFft ?? S.nFft;
  const nFft = Math.floor(candidate / 2) + 1 === S.rows ? candidate : 2 * (S.rows - 1);
  const tuning = options.tuning ?? estimateTuning(S, { sr, nFft, binsPerOctave: nChroma });
  const fb = chromaFilters({
    sr,
    nFft,
    nChroma,
    tuning,
    ctroct: options.ctroct,
    octwidth: options.octwidth,
    norm: options.filterNorm,
    baseC: options.baseC,
  });
  const T = S.cols;
  const F = S.rows;
  if (fb.cols !== F) throw new ParameterError(`S has ${F} rows, but nFft=${nFft} needs ${fb.cols}`);
  // raw = chromafb · S, row by row over the non-negligible weights, four bins per pass over the frames
  const { ptr, col, w } = sparseRows(fb);
  const raw = new Float32Array(nChroma * T);
  const acc = new Float64Array(T);
  const sd = S.data;
  for (let c = 0; c < nChroma; c++) {
    acc.fill(0);
    const end = ptr[c + 1];
    let p = ptr[c];
    for (; p + 3 < end; p += 4) {
      const w0 = w[p];
      const w1 = w[p + 1];
      const w2 = w[p + 2];
      const w3 = w[p + 3];
      const o0 = col[p] * T;
      const o1 = col[p + 1] * T;
      const o2 = col[p + 2] * T;
      const o3 = col[p + 3] * T;
      for (let t = 0; t < T; t++) acc[t] += w0 * sd[o0 + t] + w1 * sd[o1 + t] + w2 * sd[o2 + t] + w3 * sd[o3 + t];
    }
    for (; p < end; p++) {
      const w0 = w[p];
      const o0 = col[p] * T;
      for (let t = 0; t < T; t++) acc[t] += w0 * sd[o0 + t];
    }
    raw.set(acc, c * T);
  }
  const norm = options.norm === undefined ? Infinity : options.norm;
  normalizeInto(raw, nChroma, T, raw, { norm, axis: 0, threshold: FLOAT32_TINY });
  return { data: raw, rows: nChroma, cols: T };
}
