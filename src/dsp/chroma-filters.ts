/**
 * Chroma filter banks as librosa.filters.chroma (0.11), after Ellis' chromagram_E: each FFT bin
 * is spread over the chroma bins by a Gaussian in fractional pitch classes, each bin's column
 * normalised (ℓ2 by default), weighted by a Gaussian dominance window in octaves around `ctroct`,
 * and the rows rotated to start at C. Computed in float64 as librosa does, stored float32; memoised.
 */
import { memoize } from "../util/memo";
import { ParameterError } from "../util/errors";
import type { Matrix } from "../util/matrix";
import { assertFinite, assertPositive, assertPositiveInt, repr } from "../util/validate";
import { FLOAT64_TINY } from "../util/numeric";
import { isNormOrder, normalizeInto } from "./normalize";

/** Options of {@link chromaFilters} (librosa.filters.chroma keywords). */
export interface ChromaFiltersOptions {
  /** Sample rate in Hz, > 0. Default 22050. */
  sr?: number;
  /** FFT length, integer ≥ 1. Default 2048. */
  nFft?: number;
  /** Number of chroma bins, integer ≥ 1. Default 12. */
  nChroma?: number;
  /** Deviation from A440 tuning in fractional chroma bins. Default 0. */
  tuning?: number;
  /** Centre of the Gaussian dominance window, in octaves above A0 (27.5 Hz). Default 5. */
  ctroct?: number;
  /** Half-width of the dominance window in octaves; null for flat weighting. Default 2. */
  octwidth?: number | null;
  /** Norm of each FFT bin's column (see normalize); null for none. Default 2. */
  norm?: number | null;
  /** Start the rows at C (true) or at A (false). Default true. */
  baseC?: boolean;
}

interface Resolved {
  sr: number;
  nFft: number;
  nChroma: number;
  tuning: number;
  ctroct: number;
  octwidth: number | null;
  norm: number | null;
  baseC: boolean;
}

function resolve(options: ChromaFiltersOptions): Resolved {
  const sr = options.sr ?? 22050;
  assertPositive("sr", sr);
  const nFft = options.nFft ?? 2048;
  assertPositiveInt("nFft", nFft);
  if (nFft < 2) throw new ParameterError(`nFft=${nFft} must be ≥ 2 for a chroma filter bank`);
  const nChroma = options.nChroma ?? 12;
  assertPositiveInt("nChroma", nChroma);
  const tuning = options.tuning ?? 0;
  assertFinite("tuning", tuning);
  const ctroct = options.ctroct ?? 5;
  assertFinite("ctroct", ctroct);
  const octwidth = options.octwidth === undefined ? 2 : options.octwidth;
  if (octwidth !== null) assertPositive("octwidth", octwidth);
  const norm = options.norm === undefined ? 2 : options.norm;
  if (norm !== null && !isNormOrder(norm)) {
    throw new ParameterError(`norm=${repr(norm)} must be a number ≥ 0, ±Infinity or null`);
  }
  return { sr, nFft, nChroma, tuning, ctroct, octwidth, norm, baseC: options.baseC ?? true };
}

/** numpy's round(): halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function build(o: Resolved): Matrix {
  const { sr, nFft, nChroma, tuning, ctroct, octwidth, norm, baseC } = o;
  // librosa builds all nFft columns and keeps the first 1 + nFft/2; every step is per column
  // (binwidth of column f needs frqbins[f + 1]), so only those columns are computed here.
  const cols = Math.floor(1 + nFft / 2);
  // frequencies = np.linspace(0, sr, n_fft, endpoint=False)[1:]
  const step = sr / nFft;
  const a440 = 440.0 * 2.0 ** (tuning / nChroma);
  const ref = a440 / 16;
  const nf = Math.min(nFft, cols + 1);
  const frqbins = new Float64Array(nf);
  for (let i = 1; i < nf; i++) frqbins[i] = nChroma * Math.log2((i * step) / ref);
  frqbins[0] = frqbins[1] - 1.5 * nChroma;
  const binwidth = new Float64Array(cols);
  for (let i = 0; i < cols; i++) binwidth[i] = i + 1 < nFft ? Math.max(frqbins[i + 1] - frqbins[i], 1.0) : 1;
  const nChroma2 = roundHalfEven(nChroma / 2); // np.round(float(n_chroma) / 2)
  const wts = new Float64Array(nChroma * cols);
  for (let c = 0; c < nChroma; c++) {
    for (let f = 0; f < cols; f++) {
      let d = frqbins[f] - c + nChroma2 + 10 * nChroma;
      d %= nChroma; // np.remainder: fmod (exact), then shifted into [0, n)
      if (d < 0) d += nChroma;
      d -= nChroma2;
      const z = (2 * d) / binwidth[f];
      wts[c * cols + f] = Math.exp(-0.5 * z * z);
    }
  }
  normalizeInto(wts, nChroma, cols, wts, { norm, axis: 0, threshold: FLOAT64_TINY });
  if (octwidth !== null) {
    for (let f = 0; f < cols; f++) {
      const u = (frqbins[f] / nChroma - ctroct) / octwidth;
      const g = Math.exp(-0.5 * u * u);
      for (let c = 0; c < nChroma; c++) wts[c * cols + f] *= g;
    }
  }
  const shift = baseC ? 3 * Math.floor(nChroma / 12) : 0; // np.roll(wts, -shift, axis=0)
  const data = new Float32Array(nChroma * cols);
  for (let c = 0; c < nChroma; c++) data.set(wts.subarray(((c + shift) % nChroma) * cols, (((c + shift) % nChroma) + 1) * cols), c * cols);
  return { data, rows: nChroma, cols };
}

// 128 entries: chroma_stft's estimated tuning takes ~100 distinct values (steps of 0.01 in [−0.5, 0.5))
const cached = memoize(build, (o) => `${o.sr}|${o.nFft}|${o.nChroma}|${o.tuning}|${o.ctroct}|${o.octwidth}|${o.norm}|${o.baseC}`, 128);

/**
 * A chroma filter bank (librosa.filters.chroma). Memoised by its options: shared, read-only.
 * @returns Matrix [nChroma, 1 + ⌊nFft/2⌋] of float32 weights
 * @example const C = chromaFilters({ sr: 22050, nFft: 2048 });  // 12 × 1025, row 0 = C
 */
export function chromaFilters(options: ChromaFiltersOptions = {}): Matrix {
  return cached(resolve(options));
}
