/**
 * Constant-Q and variable-Q transforms as librosa 0.11 (`librosa.cqt`, `librosa.vqt`): the
 * recursive sub-sampling method of Schörkhuber & Klapuri (2010). Per octave, from the top down:
 * an STFT with a rectangular window and the octave's FFT length, times a sparse frequency-domain
 * wavelet basis (`filters.wavelet` → FFT → `util.sparsify_rows`); then the signal is halved with
 * `resample(..., scale=True)` (soxr_hq by default) and the hop with it. Early downsampling,
 * tuning estimation, `__trim_stack` and the final `scale` normalisation follow librosa's code.
 *
 * Arithmetic is float64 with float32 storage where librosa stores complex64 (the basis, the
 * response); the differences to librosa are float32 rounding, plus whatever the resampler adds.
 */
import { ParameterError } from "../util/errors";
import { memoize } from "../util/memo";
import { assertFinite, assertPositive, assertPositiveInt, repr, validAudio } from "../util/validate";
import { resample, RES_TYPES, type ResType } from "./resample";
import { C1_HZ } from "./convert";
import { fft, realFft } from "./fft";
import { pad, type PadMode } from "./pad";
import type { Matrix } from "../util/matrix";
import { resolveStftOptions, stftBlocks, type ComplexMatrix } from "./stft";
import { estimateTuning } from "./tuning";
import { getWindow } from "./window";
import { borrow, giveBack } from "./scratch";

const fround = Math.fround;

/** Resampler for the octave steps: librosa's soxr recipes, or "fft"/"scipy" (scipy.signal.resample). */
export type CqtResType = ResType | "fft" | "scipy";

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

/** Options of {@link cqt} (librosa.cqt keywords). */
export interface CqtOptions {
  /** Sample rate of `y` in Hz, > 0. Default 22050. */
  sr?: number;
  /** Samples between frames, integer ≥ 1. Default 512. (Divisible by 2^(nOctaves − 1) keeps every octave downsampled.) */
  hopLength?: number;
  /** Lowest frequency in Hz, > 0. Default C1 ≈ 32.70 Hz. */
  fmin?: number;
  /** Number of frequency bins, integer ≥ 1, starting at fmin. Default 84. */
  nBins?: number;
  /** Bins per octave, integer ≥ 1. Default 12. */
  binsPerOctave?: number;
  /** Tuning offset in fractions of a bin (fmin is multiplied by 2^(tuning/binsPerOctave)); null estimates it from y. Default 0. */
  tuning?: number | null;
  /** Scale of the filter lengths, > 0 (below 1: shorter filters, better time resolution). Default 1. */
  filterScale?: number;
  /** Norm of each time-domain basis filter (see normalize: 1, 2, Infinity, ...); null for none. Default 1. */
  norm?: number | null;
  /** Fraction of each filter's energy (ℓ1 mass of its spectrum) that may be dropped, in [0, 1). Default 0.01. */
  sparsity?: number;
  /** Window of the basis filters. Default "hann". */
  window?: CqtWindow;
  /** Divide each bin by √(filter length) (like norm="ortho"); false keeps the raw response. Default true. */
  scale?: boolean;
  /** Padding of the per-octave centred STFTs (numpy.pad modes). Default "constant". */
  padMode?: PadMode;
  /** Resampler for early downsampling and the octave halvings. Default "soxr_hq". */
  resType?: CqtResType;
}

/** Options of {@link vqt}: {@link CqtOptions} plus the bandwidth offset. */
export interface VqtOptions extends CqtOptions {
  /** Bandwidth offset γ ≥ 0 in Hz (0 gives the CQT); null sets γ from the ERB scale (α·24.7/0.108). Default null. */
  gamma?: number | null;
}

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
function etRelativeBw(binsPerOctave: number): Float64Array {
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
      const ang = ((((start + j) * 2) * Math.PI) * freqs[k]) / sr;
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
      if (!(length < 2.2250738585072014e-308)) scale = length;
    }
    const off = k * cols + Math.floor((cols - len) / 2);
    for (let j = 0; j < len; j++) {
      re[off + j] = sr64[j] / scale;
      im[off + j] = si64[j] / scale;
    }
  }
  return { basis: { re, im, rows: n, cols }, lengths };
}

/** One octave's sparse frequency-domain basis (CSR rows: filters; columns: FFT bins), as `__vqt_filter_fft` + sparsify_rows. */
export interface CqtSparseBasis {
  readonly nFft: number;
  readonly rows: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/**
 * librosa.util.sparsify_rows on one row of complex64 magnitudes: keep the entries whose magnitude
 * is ≥ the one at which the ascending cumulative ℓ1 mass reaches `quantile` (float32 arithmetic).
 */
function sparsifyThreshold(mags: Float32Array, quantile: number): number {
  const n = mags.length;
  const sorted = Float32Array.from(mags).sort();
  // np.sum(float32) is pairwise; a float64 sum rounded to float32 is within an ulp of it
  let norm64 = 0;
  for (let i = 0; i < n; i++) norm64 += sorted[i];
  const norm = fround(norm64);
  const q32 = fround(quantile); // numpy compares float32 with a (weak) Python float in float32
  let cum = 0;
  for (let i = 0; i < n; i++) {
    cum = fround(cum + fround(sorted[i] / norm));
    if (!(cum < q32)) return sorted[i];
  }
  return sorted[0]; // np.argmin of an all-true mask is 0
}

function buildOctaveBasis(
  sr: number,
  freqs: Float64Array,
  alpha: Float64Array,
  filterScale: number,
  norm: number | null,
  sparsity: number,
  window: CqtWindow,
  gamma: number | null,
): CqtSparseBasis {
  const { basis, lengths } = wavelet(freqs, { sr, window, filterScale, gamma, alpha, norm, padFft: true });
  const nFft = basis.cols;
  const bins = (nFft >> 1) + 1;
  const rows = freqs.length;
  const indptr = new Int32Array(rows + 1);
  let idx = new Int32Array(rows * 64);
  let vre = new Float64Array(rows * 64);
  let vim = new Float64Array(rows * 64);
  let nnz = 0;
  const xr = new Float64Array(nFft);
  const xi = new Float64Array(nFft);
  const mags = new Float32Array(bins);
  const fr = new Float32Array(bins);
  const fi = new Float32Array(bins);
  for (let k = 0; k < rows; k++) {
    // basis *= lengths / n_fft (complex64 result), then the FFT (kept as complex64)
    const s = lengths[k] / nFft;
    for (let j = 0; j < nFft; j++) {
      xr[j] = fround(basis.re[k * nFft + j] * s);
      xi[j] = fround(basis.im[k * nFft + j] * s);
    }
    fft(xr, xi);
    for (let j = 0; j < bins; j++) {
      fr[j] = xr[j];
      fi[j] = xi[j];
      mags[j] = fround(Math.sqrt(fr[j] * fr[j] + fi[j] * fi[j]));
    }
    const thr = sparsifyThreshold(mags, sparsity);
    for (let j = 0; j < bins; j++) {
      if (mags[j] >= thr && (fr[j] !== 0 || fi[j] !== 0)) {
        if (nnz === idx.length) {
          const grow = <T extends Int32Array | Float64Array>(a: T): T => {
            const b = new (a.constructor as new (n: number) => T)(2 * a.length);
            b.set(a);
            return b;
          };
          idx = grow(idx);
          vre = grow(vre);
          vim = grow(vim);
        }
        idx[nnz] = j;
        vre[nnz] = fr[j];
        vim[nnz] = fi[j];
        nnz++;
      }
    }
    indptr[k + 1] = nnz;
  }
  return { nFft, rows, indptr, indices: idx.slice(0, nnz), re: vre.slice(0, nnz), im: vim.slice(0, nnz) };
}

/**
 * The octave basis, memoised. For the CQT (γ = 0) every full octave's filters are the top
 * octave's (f/sr is the same to the bit after halving both), so the key uses f/sr and α to 12
 * digits, and octaves — and clips with the same tuning — share one basis.
 */
const octaveBasis = memoize(
  buildOctaveBasis,
  (sr, freqs, alpha, filterScale, norm, sparsity, window, gamma) =>
    gamma === 0
      ? ["cq", Array.from(freqs, (f) => f / sr).join(","), Array.from(alpha, (a) => a.toPrecision(12)).join(","), filterScale, norm, sparsity, window].join("|")
      : ["vq", sr, Array.from(freqs).join(","), Array.from(alpha).join(","), filterScale, norm, sparsity, window, gamma].join("|"),
  512,
);

/** The basis times librosa's per-octave gain √(sr / mySr), rounded as complex64. */
function gained(b: CqtSparseBasis, gain: number): CqtSparseBasis {
  if (gain === 1) return b;
  const g = fround(gain);
  const re = new Float64Array(b.re.length);
  const im = new Float64Array(b.im.length);
  for (let p = 0; p < re.length; p++) {
    re[p] = fround(b.re[p] * g);
    im[p] = fround(b.im[p] * g);
  }
  return { ...b, re, im };
}

/** scipy.signal.resample(x, num) for real x (rfft, truncate, unpaired-bin fix, irfft), in float64. */
function fftResample(x: Float32Array, num: number): Float32Array {
  const n = x.length;
  const m = Math.min(num, n);
  const m2 = (m >> 1) + 1;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let i = 0; i < n; i++) re[i] = x[i];
  fft(re, im);
  const sFac = n / num;
  const binsOut = (num >> 1) + 1;
  const Xr = new Float64Array(binsOut);
  const Xi = new Float64Array(binsOut);
  for (let k = 0; k < Math.min(m2, binsOut); k++) {
    Xr[k] = re[k] / sFac;
    Xi[k] = im[k] / sFac;
  }
  if (m % 2 === 0 && num !== n) {
    const f = num < n ? 2 : 0.5;
    Xr[m >> 1] *= f;
    Xi[m >> 1] *= f;
  }
  const out = new Float64Array(num);
  realFft(num).inverse(Xr, Xi, out);
  return Float32Array.from(out);
}

/** librosa.resample(y, orig_sr, target_sr, res_type, fix=True, scale=True) for the CQT's integer downsampling. */
function downsample(y: Float32Array, factor: number, resType: CqtResType): Float32Array {
  if (resType === "fft" || resType === "scipy") {
    const num = Math.ceil(y.length / factor);
    const out = fftResample(y, num);
    const d = Math.sqrt(1 / factor);
    for (let i = 0; i < out.length; i++) out[i] = out[i] / d;
    return out;
  }
  return resample(y, { origSr: factor, targetSr: 1, resType, fix: true, scale: true });
}

function numTwoFactors(x: number): number {
  if (x <= 0) return 0;
  let n = 0;
  while (x % 2 === 0) {
    n++;
    x /= 2;
  }
  return n;
}

/**
 * Where one octave's response goes: basis rows 0 … rows − 1 to output rows bin0 … bin0 + rows − 1
 * of (re, im) [·, cols], each divided by divisor[bin] (√ of its filter length, or 1).
 */
interface ResponseTarget {
  rows: number;
  bin0: number;
  divisor: Float64Array;
  cols: number;
  re: Float32Array;
  im: Float32Array;
}

/**
 * The basis times one frame's bins dr/di[base + j] (complex64 values), each sum rounded to
 * complex64 as librosa's response and divided by its divisor, into column t of the target.
 */
function applyBasis(dr: Float32Array, di: Float32Array, base: number, basis: CqtSparseBasis, out: ResponseTarget, t: number): void {
  const { indptr, indices, re: bre, im: bim } = basis;
  const { bin0, divisor, cols } = out;
  for (let k = 0; k < out.rows; k++) {
    let accR = 0;
    let accI = 0;
    for (let p = indptr[k], end = indptr[k + 1]; p < end; p++) {
      const j = base + indices[p];
      const xr = dr[j];
      const xi = di[j];
      accR += bre[p] * xr - bim[p] * xi;
      accI += bre[p] * xi + bim[p] * xr;
    }
    const bin = bin0 + k;
    const g = divisor[bin];
    out.re[bin * cols + t] = fround(accR) / g;
    out.im[bin * cols + t] = fround(accI) / g;
  }
}

/**
 * One octave's filter response (`__cqt_response`): a centred STFT of `y` with a rectangular window
 * of length nFft (the STFT's own frame loop, `stftBlocks`), hop `hop`, times the sparse basis
 * ({@link applyBasis}); frames beyond `cols` are not computed.
 */
function octaveResponse(y: Float32Array, hop: number, basis: CqtSparseBasis, padMode: PadMode, out: ResponseTarget): void {
  const nFft = basis.nFft;
  const o = resolveStftOptions({ nFft, hopLength: hop, window: "ones", center: true, padMode });
  const F = stftBlocks(y, o, out.cols);
  const stride = F.stride;
  F.forEachBlock((dr, di, t0, count) => applyBasisBlock(dr, di, t0, count, stride, basis, out));
}

/** {@link applyBasis} for each frame of one STFT block (a module-level function keeps one optimised version for every call). */
function applyBasisBlock(dr: Float32Array, di: Float32Array, t0: number, count: number, stride: number, basis: CqtSparseBasis, out: ResponseTarget): void {
  for (let b = 0; b < count; b++) applyBasis(dr, di, b * stride, basis, out, t0 + b);
}

/**
 * Goertzel resonators for four bins at once (independent recursions keep the FPU busy):
 * s[m] = y[m] + 2cos(ω)·s[m−1] − s[m−2] with ω = 2πk/N. At each checkpoint q·hop the state
 * (s[m−1], s[m−2]) is stored in st[b][2q], st[b][2q + 1].
 */
function goertzel4(yp: Float32Array, c0: number, c1: number, c2: number, c3: number, hop: number, nCk: number, st0: Float64Array, st1: Float64Array, st2: Float64Array, st3: Float64Array, q0: number): void {
  // yp[0 … q0·hop) are zeros: the states stay exactly 0 until then
  st0.fill(0, 0, 2 * q0);
  st1.fill(0, 0, 2 * q0);
  st2.fill(0, 0, 2 * q0);
  st3.fill(0, 0, 2 * q0);
  let a1 = 0;
  let a2 = 0;
  let b1 = 0;
  let b2 = 0;
  let d1 = 0;
  let d2 = 0;
  let e1 = 0;
  let e2 = 0;
  let m = q0 * hop;
  for (let q = q0; q < nCk; q++) {
    st0[2 * q] = a1;
    st0[2 * q + 1] = a2;
    st1[2 * q] = b1;
    st1[2 * q + 1] = b2;
    st2[2 * q] = d1;
    st2[2 * q + 1] = d2;
    st3[2 * q] = e1;
    st3[2 * q + 1] = e2;
    if (q === nCk - 1) break;
    for (const end = m + hop; m < end; m++) {
      const v = yp[m];
      const a0 = v + c0 * a1 - a2;
      a2 = a1;
      a1 = a0;
      const b0 = v + c1 * b1 - b2;
      b2 = b1;
      b1 = b0;
      const d0 = v + c2 * d1 - d2;
      d2 = d1;
      d1 = d0;
      const e0 = v + c3 * e1 - e2;
      e2 = e1;
      e1 = e0;
    }
  }
}

/**
 * The same response as {@link octaveResponse}, computed without FFTs for octaves whose hop is
 * small (the lower octaves, where frames overlap by up to 99 %): only the bins the basis uses
 * are needed, and a rectangular-window DFT bin over a frame is a difference of two running
 * sums. With a Goertzel resonator per bin (ω = 2πk/N, state s[m−1], s[m−2] at every hop),
 * Y[m] = s[m−1] − e^{−iω}s[m−2] = Σ_{j<m} y[j]·e^{iω(m−1−j)} and X_t[k] = e^{iω}(Y[s_t + N] − Y[s_t]).
 * Costs (bins used) × (samples) instead of frames × N·log N; agrees with the FFT path to ~1e-12
 * relative before the complex64 rounding. Requires a power-of-two nFft that the hop divides.
 */
function octaveResponsePrefix(y: Float32Array, hop: number, basis: CqtSparseBasis, padMode: PadMode, out: ResponseTarget, lo: number, hi: number): void {
  const N = basis.nFft;
  const cols = out.cols;
  const half = N >> 1;
  const yp = pad(y, half, half, padMode, borrow("cqt.padded", Float32Array, y.length + 2 * half));
  const step = N / hop; // checkpoints per frame length
  const nCk = cols + step; // checkpoints 0 … cols − 1 + step
  const K = hi - lo + 1;
  // D[t][k − lo] as complex64 (frame-major, so the basis product reads contiguous bins)
  const Dr = borrow("cqt.resonator.re", Float32Array, K * cols);
  const Di = borrow("cqt.resonator.im", Float32Array, K * cols);
  const st = [0, 1, 2, 3].map(() => new Float64Array(2 * nCk));
  // with zero padding the resonators start at the first sample of y (checkpoint ⌊half / hop⌋ or before)
  const q0 = padMode === "constant" ? Math.min(Math.floor(half / hop), nCk) : 0;
  for (let k0 = lo; k0 <= hi; k0 += 4) {
    const ks = [k0, Math.min(k0 + 1, hi), Math.min(k0 + 2, hi), Math.min(k0 + 3, hi)];
    const w = ks.map((k) => (2 * Math.PI * k) / N);
    goertzel4(yp, 2 * Math.cos(w[0]), 2 * Math.cos(w[1]), 2 * Math.cos(w[2]), 2 * Math.cos(w[3]), hop, nCk, st[0], st[1], st[2], st[3], q0);
    for (let b = 0; b < 4; b++) {
      const k = ks[b];
      if (b > 0 && k === ks[b - 1]) break;
      // resonator output before sample m: Y[m] = s[m−1] − e^{−iω} s[m−2] = Σ_{j<m} y[j] e^{iω(m−1−j)};
      // the frame's DFT bin is X_t = e^{iω} (Y[s_t + N] − Y[s_t])
      const cw = Math.cos(w[b]);
      const sw = Math.sin(w[b]);
      const s = st[b];
      for (let t = 0, j = k - lo; t < cols; t++, j += K) {
        const q0 = 2 * t;
        const q1 = 2 * (t + step);
        const dA = s[q1] - cw * s[q1 + 1] - (s[q0] - cw * s[q0 + 1]);
        const dB = sw * (s[q1 + 1] - s[q0 + 1]);
        Dr[j] = cw * dA - sw * dB;
        Di[j] = sw * dA + cw * dB;
      }
    }
  }
  for (let t = 0; t < cols; t++) applyBasis(Dr, Di, t * K - lo, basis, out, t);
  giveBack("cqt.resonator.re", Dr);
  giveBack("cqt.resonator.im", Di);
  giveBack("cqt.padded", yp);
}

/** Picks the cheaper way to compute one octave's response (both give the same numbers to float32 rounding). */
function octaveResponseAuto(y: Float32Array, hop: number, basis: CqtSparseBasis, padMode: PadMode, out: ResponseTarget): void {
  const { rows: nRows, cols } = out;
  const N = basis.nFft;
  let lo = N;
  let hi = -1;
  for (let p = 0; p < basis.indptr[nRows]; p++) {
    lo = Math.min(lo, basis.indices[p]);
    hi = Math.max(hi, basis.indices[p]);
  }
  const samples = (cols - 1) * hop + N;
  // measured costs (node 20, x86-64): ≈ 0.9 ns per N·log2 N of an FFT frame, ≈ 0.9 ns per (bin, sample) of the resonators
  const fftCost = 0.9 * cols * N * Math.log2(N);
  const prefixCost = 0.9 * (hi - lo + 1) * samples;
  if (hi >= lo && (N & (N - 1)) === 0 && N % hop === 0 && prefixCost < fftCost) {
    octaveResponsePrefix(y, hop, basis, padMode, out, lo, hi);
  } else {
    octaveResponse(y, hop, basis, padMode, out);
  }
}

interface ResolvedVqt {
  sr: number;
  hopLength: number;
  fmin: number;
  nBins: number;
  binsPerOctave: number;
  tuning: number | null;
  filterScale: number;
  norm: number | null;
  sparsity: number;
  window: CqtWindow;
  scale: boolean;
  padMode: PadMode;
  resType: CqtResType;
  gamma: number | null;
}

function resolveVqt(options: VqtOptions, gammaDefault: number | null): ResolvedVqt {
  const o: ResolvedVqt = {
    sr: options.sr ?? 22050,
    hopLength: options.hopLength ?? 512,
    fmin: options.fmin ?? C1_HZ,
    nBins: options.nBins ?? 84,
    binsPerOctave: options.binsPerOctave ?? 12,
    tuning: options.tuning === undefined ? 0 : options.tuning,
    filterScale: options.filterScale ?? 1,
    norm: options.norm === undefined ? 1 : options.norm,
    sparsity: options.sparsity ?? 0.01,
    window: options.window ?? "hann",
    scale: options.scale ?? true,
    padMode: options.padMode ?? "constant",
    resType: options.resType ?? "soxr_hq",
    gamma: options.gamma === undefined ? gammaDefault : options.gamma,
  };
  assertPositive("sr", o.sr);
  assertPositiveInt("hopLength", o.hopLength);
  assertPositive("fmin", o.fmin);
  assertPositiveInt("nBins", o.nBins);
  assertPositiveInt("binsPerOctave", o.binsPerOctave);
  if (o.tuning !== null) assertFinite("tuning", o.tuning);
  assertPositive("filterScale", o.filterScale);
  if (!(o.sparsity >= 0 && o.sparsity < 1)) throw new ParameterError(`sparsity=${repr(o.sparsity)} must lie in the range [0, 1)`);
  if (o.gamma !== null && !(o.gamma >= 0 && Number.isFinite(o.gamma))) throw new ParameterError(`gamma=${repr(o.gamma)} must be non-negative`);
  windowBandwidth(o.window);
  if (o.norm !== null && !(typeof o.norm === "number" && (o.norm > 0 || o.norm === 0 || o.norm === -Infinity))) {
    throw new ParameterError(`norm=${repr(o.norm)} must be a number ≥ 0, ±Infinity or null`);
  }
  if (!(["constant", "edge", "reflect", "symmetric"] as const).includes(o.padMode)) {
    throw new ParameterError(`padMode=${repr(o.padMode)} must be one of "constant", "edge", "reflect", "symmetric"`);
  }
  if (!([...RES_TYPES, "fft", "scipy"] as readonly string[]).includes(o.resType)) {
    throw new ParameterError(`resType=${repr(o.resType)} must be one of ${[...RES_TYPES, "fft", "scipy"].map(repr).join(", ")}`);
  }
  return o;
}

/** Centre frequencies of a CQT/VQT with the options' tuning applied (librosa.interval_frequencies, "equal"). */
function binFrequencies(nBins: number, fmin: number, binsPerOctave: number): Float64Array {
  const ratios = new Float64Array(binsPerOctave);
  for (let k = 0; k < binsPerOctave; k++) ratios[k] = 2.0 ** ((0 + k) / binsPerOctave);
  const out = new Float64Array(nBins);
  for (let i = 0; i < nBins; i++) out[i] = 2.0 ** Math.floor(i / binsPerOctave) * ratios[i % binsPerOctave] * fmin;
  return out;
}

function vqtImpl(y: Float32Array, o: ResolvedVqt, planes?: (n: number) => { re: Float32Array; im: Float32Array }): ComplexMatrix {
  validAudio(y);
  const { nBins, binsPerOctave, scale, padMode, resType } = o;
  const nOctaves = Math.ceil(nBins / binsPerOctave);
  const nFilters = Math.min(binsPerOctave, nBins);
  const tuning = o.tuning === null ? estimateTuning(y, { sr: o.sr, binsPerOctave }) : o.tuning;
  const fmin = o.fmin * 2.0 ** (tuning / binsPerOctave);
  const plan = vqtPlan(o, fmin);
  const { downCount, hop } = plan;

  // __early_downsample
  if (downCount > 0) {
    const factor = 2 ** downCount;
    if (y.length < factor) throw new ParameterError(`Input signal length=${y.length} is too short for ${nOctaves}-octave CQT`);
    y = downsample(y, factor, resType);
    if (!scale) {
      const g = Math.sqrt(factor);
      for (let i = 0; i < y.length; i++) y[i] = y[i] * g;
    }
  }

  // signal length and frame count of each octave (resampling by 2 gives ⌈n/2⌉ samples)
  const octLen: number[] = [];
  const octHop: number[] = [];
  {
    let n = y.length;
    let h = hop;
    for (let i = 0; i < nOctaves; i++) {
      octLen.push(n);
      octHop.push(h);
      if (h % 2 === 0) {
        h /= 2;
        n = Math.ceil(n / 2);
      }
    }
  }
  let cols = Infinity;
  for (let i = 0; i < nOctaves; i++) cols = Math.min(cols, 1 + Math.floor(octLen[i] / octHop[i]));
  const divisor = plan.divisor;
  const given = planes?.(nBins * cols);
  const outRe = given ? given.re : new Float32Array(nBins * cols);
  const outIm = given ? given.im : new Float32Array(nBins * cols);

  // octave by octave, from the top (__trim_stack keeps the highest bins of a partial octave)
  let myY = y;
  let myHop = hop;
  for (let i = 0; i < nOctaves; i++) {
    const hi = nBins - nFilters * i;
    const lo = Math.max(0, nBins - nFilters * (i + 1));
    octaveResponseAuto(myY, myHop, plan.bases[i], padMode, { rows: hi - lo, bin0: lo, divisor, cols, re: outRe, im: outIm });
    if (myHop % 2 === 0) {
      myHop /= 2;
      if (i + 1 < nOctaves) myY = downsample(myY, 2, resType);
    }
  }
  return { re: outRe, im: outIm, rows: nBins, cols };
}

/** Everything of a CQT/VQT that does not depend on the audio: see {@link vqtPlan}. */
interface VqtPlan {
  /** Octaves of early downsampling, and the hop and rate after it. */
  downCount: number;
  hop: number;
  sr: number;
  /** √(filter length) per bin (the `scale` normalisation), or ones. */
  divisor: Float64Array;
  /** Each octave's sparse basis (top octave first), with librosa's per-octave gain applied. */
  bases: CqtSparseBasis[];
}

/**
 * The audio-independent part of a CQT/VQT for options `o` with the tuned `fmin`: frequencies,
 * bandwidths, the early-downsampling decision, the `scale` divisors and each octave's basis —
 * computed as librosa does, memoised by the options (the tuning of a clip takes ~100 distinct
 * values, so clips share plans; a plan holds references to the shared octave bases only).
 */
const vqtPlan = memoize(
  (o: ResolvedVqt, fmin: number): VqtPlan => {
    const { nBins, binsPerOctave, filterScale, norm, sparsity, window, gamma, scale } = o;
    const nOctaves = Math.ceil(nBins / binsPerOctave);
    const nFilters = Math.min(binsPerOctave, nBins);
    const freqs = binFrequencies(nBins, fmin, binsPerOctave);
    let fmaxT = 0;
    for (let k = Math.max(0, nBins - binsPerOctave); k < nBins; k++) fmaxT = Math.max(fmaxT, freqs[k]);
    const alpha = nBins === 1 ? etRelativeBw(binsPerOctave) : relativeBandwidth(freqs);
    const alphaFull = alpha.length === 1 ? new Float64Array(nBins).fill(alpha[0]) : alpha;
    let sr = o.sr;
    const { cutoff } = waveletLengths(freqs, { sr, window, filterScale, gamma, alpha: alphaFull });
    const nyquist = sr / 2;
    if (cutoff > nyquist) {
      throw new ParameterError(
        `Wavelet basis with max frequency=${fmaxT} would exceed the Nyquist frequency=${nyquist}. Try reducing the number of frequency bins.`,
      );
    }
    // __early_downsample
    let hop = o.hopLength;
    const count1 = Math.max(0, Math.ceil(Math.log2(nyquist / cutoff)) - 1 - 1);
    const count2 = Math.max(0, numTwoFactors(hop) - nOctaves + 1);
    const downCount = Math.min(count1, count2);
    if (downCount > 0) {
      const factor = 2 ** downCount;
      hop = Math.floor(hop / factor);
      sr = sr / factor;
    }
    // scale: divide by sqrt(lengths) at the (possibly early-downsampled) rate
    const divisor = new Float64Array(nBins).fill(1);
    if (scale) {
      const { lengths } = waveletLengths(freqs, { sr, window, filterScale, gamma, alpha: alphaFull });
      for (let k = 0; k < nBins; k++) divisor[k] = Math.sqrt(lengths[k]);
    }
    const bases: CqtSparseBasis[] = [];
    let mySr = sr;
    let myHop = hop;
    for (let i = 0; i < nOctaves; i++) {
      const hi = nBins - nFilters * i;
      const lo = Math.max(0, nBins - nFilters * (i + 1));
      bases.push(gainedShared(octaveBasis(mySr, freqs.slice(lo, hi), alphaFull.slice(lo, hi), filterScale, norm, sparsity, window, gamma), Math.sqrt(sr / mySr)));
      if (myHop % 2 === 0) {
        myHop /= 2;
        mySr /= 2;
      }
    }
    return { downCount, hop, sr, divisor, bases };
  },
  (o, fmin) => [o.sr, o.hopLength, fmin, o.nBins, o.binsPerOctave, o.filterScale, o.norm, o.sparsity, o.window, o.gamma, o.scale].join("|"),
  256,
);

/** {@link gained}, one copy per (basis, gain): bases are shared memoised objects. */
const gainedCopies = new WeakMap<CqtSparseBasis, Map<number, CqtSparseBasis>>();
function gainedShared(b: CqtSparseBasis, gain: number): CqtSparseBasis {
  let m = gainedCopies.get(b);
  if (!m) gainedCopies.set(b, (m = new Map()));
  let g = m.get(gain);
  if (!g) m.set(gain, (g = gained(b, gain)));
  return g;
}

/**
 * Constant-Q transform of audio (librosa.cqt): nBins geometrically spaced bins from fmin, each
 * filter Q = 1/α cycles long, computed octave by octave on a recursively halved signal.
 * @param y mono audio [n]
 * @returns C, a ComplexMatrix [nBins, t] with t = 1 + ⌊n / hopLength⌋ (shortened if an octave has fewer frames)
 * @throws ParameterError for bad options, or when the top filter's pass-band lies beyond Nyquist
 * @example const C = cqt(y, { sr: 22050 });  // C.rows === 84; magnitude = Math.hypot(C.re[i], C.im[i])
 */
export function cqt(y: Float32Array, options: CqtOptions = {}): ComplexMatrix {
  return vqtImpl(y, resolveVqt({ ...options, gamma: 0 }, 0));
}

/**
 * Variable-Q transform (librosa.vqt): as {@link cqt}, with filter bandwidths α·f + γ; γ = null
 * (default) makes them a constant fraction of the ERB.
 * @param y mono audio [n]
 * @returns V, a ComplexMatrix [nBins, t]
 * @example const V = vqt(y, { sr: 22050 });  // ERB-shaped low bins, shorter filters than cqt
 */
export function vqt(y: Float32Array, options: VqtOptions = {}): ComplexMatrix {
  return vqtImpl(y, resolveVqt(options, null));
}

/**
 * |C| of a complex CQT as float32 (np.abs of complex64).
 * @param C ComplexMatrix [nBins, t]
 * @returns Matrix [nBins, t]
 * @example const S = cqtMagnitude(cqt(y));
 */
export function cqtMagnitude(C: ComplexMatrix): Matrix {
  const data = new Float32Array(C.re.length);
  magnitudeInto(C.re, C.im, data);
  return { data, rows: C.rows, cols: C.cols };
}

/**
 * |cqt(y)| as float32 ({@link cqtMagnitude} of {@link cqt}) with the complex response kept in
 * scratch memory, written into `out` when given (for callers that reuse memory from clip to clip).
 * @param out optional Float32Array (length ≥ nBins · t) for the result
 * @returns Matrix [nBins, t] (a view of `out` when given)
 * @example const S = cqtMagnitudeOf(y, { sr: 22050, nBins: 252, binsPerOctave: 36 });
 */
export function cqtMagnitudeOf(y: Float32Array, options: CqtOptions = {}, out?: Float32Array): Matrix {
  let re: Float32Array | null = null;
  let im: Float32Array | null = null;
  try {
    const C = vqtImpl(y, resolveVqt({ ...options, gamma: 0 }, 0), (n) => {
      re = borrow("cqt.out.re", Float32Array, n);
      im = borrow("cqt.out.im", Float32Array, n);
      return { re, im };
    });
    const n = C.re.length;
    if (out && out.length < n) throw new ParameterError(`cqtMagnitudeOf: out has ${out.length} values, ${n} needed`);
    const data = out ? out.subarray(0, n) : new Float32Array(n);
    magnitudeInto(C.re, C.im, data);
    return { data, rows: C.rows, cols: C.cols };
  } finally {
    if (re) giveBack("cqt.out.re", re);
    if (im) giveBack("cqt.out.im", im);
  }
}

function magnitudeInto(re: Float32Array, im: Float32Array, data: Float32Array): void {
  for (let i = 0; i < data.length; i++) data[i] = Math.sqrt(re[i] * re[i] + im[i] * im[i]);
}

/**
 * Internal, for tests: one octave's response |basis · STFT frames| computed by the FFT path or
 * the resonator path (cqt picks the cheaper one per octave).
 * @returns ComplexMatrix [basis.rows, cols]
 */
export function cqtOctaveResponse(y: Float32Array, hop: number, basis: CqtSparseBasis, cols: number, method: "fft" | "resonator"): ComplexMatrix {
  const rows = basis.rows;
  const re = new Float32Array(rows * cols);
  const im = new Float32Array(rows * cols);
  const divisor = new Float64Array(rows).fill(1);
  if (method === "fft") {
    octaveResponse(y, hop, basis, "constant", { rows, bin0: 0, divisor, cols, re, im });
  } else {
    let lo = basis.nFft;
    let hi = -1;
    for (const j of basis.indices) {
      lo = Math.min(lo, j);
      hi = Math.max(hi, j);
    }
    octaveResponsePrefix(y, hop, basis, "constant", { rows, bin0: 0, divisor, cols, re, im }, lo, hi);
  }
  return { re, im, rows, cols };
}

/** Internal: the octave basis, for tests against librosa's `__vqt_filter_fft`. */
export function cqtOctaveBasis(
  sr: number,
  freqs: Float64Array,
  alpha: Float64Array,
  options: { filterScale?: number; norm?: number | null; sparsity?: number; window?: CqtWindow; gamma?: number | null } = {},
): CqtSparseBasis {
  return buildOctaveBasis(sr, freqs, alpha, options.filterScale ?? 1, options.norm === undefined ? 1 : options.norm, options.sparsity ?? 0.01, options.window ?? "hann", options.gamma === undefined ? 0 : options.gamma);
}

