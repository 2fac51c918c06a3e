/**
 * librosa.filters' constant-Q helpers (0.11): window bandwidths, relative bandwidths α of a set of
 * frequencies, the filter lengths `wavelet_lengths` and the time-domain filter bank `wavelet` —
 * the audio-independent bases of `cqt`/`vqt` (cqt.ts). Arithmetic in float64, the
 * filters stored as complex64.
 */
import { ParameterError } from "../util/errors";
import { repr } from "../util/validate";
import { FLOAT64_TINY } from "../util/numeric";
import type { ComplexMatrix } from "./stft";
import { getWindow } from "./window";

/** Named windows the wavelet basis accepts (those of librosa's WINDOW_BANDWIDTHS that we can build). */
export type CqtWindow = "hann" | "hamming" | "blackman" | "boxcar" | "ones" | "rectangular" | "triang" | "bartlett";

/** librosa.filters.WINDOW_BANDWIDTHS: equivalent noise bandwidth of each window, in FFT bins. */
const WINDOW_BANDWIDTHS: Record<CqtWindow, number> = {
  hann: 1.50018310546875,
  hamming: 1.3629455320350348,
  blackman: 1.7269681554262326,
  boxcar: 1.0,
  ones: 1.0,
  rectangular: 1.0,
  triang: 1.3331706523555851,
  bartlett: 1.3334961334912805,
};

/**
 * librosa.filters._relative_bandwidth: α_k = (2^(2/b_k) − 1)/(2^(2/b_k) + 1) with b_k the local
 * bins per octave (centred differences of log2 f, one-sided at the ends).
 * @param freqs ascending frequencies [n ≥ 2]
 * @returns Float64Array [n]
 */
export function relativeBandwidth(freqs: ArrayLike<number>): Float64Array {
  const n = freqs.length;
  if (n <= 1) throw new ParameterError(`2 or more frequencies are required to compute bandwidths. Given ${n}`);
  const logf = Float64Array.from(freqs, (f) => Math.log2(f));
  const bpo = new Float64Array(n);
  bpo[0] = 1 / (logf[1] - logf[0]);
  bpo[n - 1] = 1 / (logf[n - 1] - logf[n - 2]);
  for (let k = 1; k < n - 1; k++) bpo[k] = 2 / (logf[k + 1] - logf[k - 1]);
  const alpha = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const r = 2.0 ** (2 / bpo[k]);
    alpha[k] = (r - 1) / (r + 1);
  }
  return alpha;
}

/** librosa's `__et_relative_bw`: α of equal temperament with `binsPerOctave` bins (for a single bin). */
export function etRelativeBw(binsPerOctave: number): Float64Array {
  const r = 2 ** (1 / binsPerOctave);
  return Float64Array.of((r ** 2 - 1) / (r ** 2 + 1));
}

/** librosa.filters.window_bandwidth for the named windows. */
export function windowBandwidth(window: CqtWindow): number {
  const bw = WINDOW_BANDWIDTHS[window];
  if (bw === undefined) throw new ParameterError(`window=${repr(window)} must be one of ${Object.keys(WINDOW_BANDWIDTHS).map(repr).join(", ")}`);
  return bw;
}

/** Options of {@link waveletLengths} and {@link wavelet}. */
export interface WaveletOptions {
  /** Sample rate in Hz, > 0. Default 22050. */
  sr?: number;
  /** Filter window. Default "hann". */
  window?: CqtWindow;
  /** Filter length scale, > 0. Default 1. */
  filterScale?: number;
  /** Bandwidth offset ≥ 0 (null: ERB-based). Default 0. */
  gamma?: number | null;
  /** Relative bandwidths per frequency; default {@link relativeBandwidth}(freqs). */
  alpha?: ArrayLike<number>;
  /** Normalisation of each filter (1, 2, Infinity, ...; null for none). Default 1 ({@link wavelet} only). */
  norm?: number | null;
  /** Zero-pad all filters to the next power of two of the longest (true) or to its ceiling (false). Default true ({@link wavelet} only). */
  padFft?: boolean;
}

/**
 * librosa.filters.wavelet_lengths: filter lengths Q·sr/(f + γ/α) with Q = filterScale/α, and the
 * highest frequency any filter reaches, max f·(1 + ½·bw(window)/Q) + ½γ.
 * @param freqs ascending centre frequencies in Hz [n]
 * @returns `{ lengths: Float64Array [n] (fractional samples), cutoff: Hz }`
 * @example waveletLengths(cqtFrequencies(84, C1_HZ)).lengths[0]  // ≈ 11597 samples at 22050 Hz
 */
export function waveletLengths(freqs: ArrayLike<number>, options: WaveletOptions = {}): { lengths: Float64Array; cutoff: number } {
  const { sr = 22050, window = "hann", filterScale = 1 } = options;
  const gamma = options.gamma === undefined ? 0 : options.gamma;
  if (!(filterScale > 0)) throw new ParameterError(`filter_scale=${repr(filterScale)} must be positive`);
  if (gamma !== null && !(gamma >= 0)) throw new ParameterError(`gamma=${repr(gamma)} must be non-negative`);
  const n = freqs.length;
  for (let k = 0; k < n; k++) if (!(freqs[k] > 0)) throw new ParameterError("frequencies must be strictly positive");
  for (let k = 0; k + 1 < n; k++) if (freqs[k] > freqs[k + 1]) throw new ParameterError("Frequency array must be in strictly ascending order");
  const alpha = options.alpha ? Float64Array.from(options.alpha) : relativeBandwidth(freqs);
  const bw = windowBandwidth(window);
  const lengths = new Float64Array(n);
  let cutoff = -Infinity;
  for (let k = 0; k < n; k++) {
    const a = alpha.length === 1 ? alpha[0] : alpha[k];
    const g = gamma === null ? (a * 24.7) / 0.108 : gamma;
    const Q = filterScale / a;
    cutoff = Math.max(cutoff, freqs[k] * (1 + (0.5 * bw) / Q) + 0.5 * g);
    lengths[k] = (Q * sr) / (freqs[k] + g / a);
  }
  return { lengths, cutoff };
}

/**
 * librosa.filters.wavelet: complex exponentials at `freqs`, windowed, normalised and centred in a
 * common (power-of-two) length; stored complex64.
 * @param freqs ascending centre frequencies in Hz [n]
 * @returns `{ basis: ComplexMatrix [n, nFft], lengths: Float64Array [n] }`
 * @example const { basis } = wavelet(cqtFrequencies(12, 2093), { sr: 22050 });  // basis.cols === 1024
 */
export function wavelet(freqs: ArrayLike<number>, options: WaveletOptions = {}): { basis: ComplexMatrix; lengths: Float64Array } {
  const { sr = 22050, window = "hann", padFft = true } = options;
  const norm = options.norm === undefined ? 1 : options.norm;
  const { lengths } = waveletLengths(freqs, options);
  const n = freqs.length;
  let maxLen = 0;
  for (const l of lengths) maxLen = Math.max(maxLen, l);
  const cols = padFft ? 2 ** Math.ceil(Math.log2(maxLen)) : Math.ceil(maxLen);
  const re = new Float32Array(n * cols);
  const im = new Float32Array(n * cols);
  for (let k = 0; k < n; k++) {
    const ilen = lengths[k];
    // np.arange(-ilen // 2, ilen // 2, dtype=float): start ⌊−ilen/2⌋, length ⌈stop − start⌉
    const start = Math.floor(-ilen / 2);
    const stop = Math.floor(ilen / 2);
    const len = Math.ceil(stop - start);
    const w = getWindow(window, len);
    const sr64 = new Float64Array(len);
    const si64 = new Float64Array(len);
    for (let j = 0; j < len; j++) {
      const ang = ((start + j) * 2 * Math.PI * freqs[k]) / sr;
      sr64[j] = Math.cos(ang) * w[j];
      si64[j] = Math.sin(ang) * w[j];
    }
    let scale = 1;
    if (norm !== null) {
      let length = 0;
      if (norm === Infinity) for (let j = 0; j < len; j++) length = Math.max(length, Math.hypot(sr64[j], si64[j]));
      else if (norm === -Infinity) {
        length = Infinity;
        for (let j = 0; j < len; j++) length = Math.min(length, Math.hypot(sr64[j], si64[j]));
      } else if (norm === 0) for (let j = 0; j < len; j++) length += Math.hypot(sr64[j], si64[j]) > 0 ? 1 : 0;
      else if (norm > 0) {
        let s = 0;
        for (let j = 0; j < len; j++) s += Math.hypot(sr64[j], si64[j]) ** norm;
        length = s ** (1 / norm);
      } else throw new ParameterError(`Unsupported norm: ${repr(norm)}`);
      // librosa.util.normalize with threshold = tiny(float64): tiny lengths are left alone
      if (!(length < FLOAT64_TINY)) scale = length;
    }
    const off = k * cols + Math.floor((cols - len) / 2);
    for (let j = 0; j < len; j++) {
      re[off + j] = sr64[j] / scale;
      im[off + j] = si64[j] / scale;
    }
  }
  return { basis: { re, im, rows: n, cols }, lengths };
}
