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
 *
 * The pieces: the filter helpers of librosa.filters (cqt-filters.ts), each octave's sparse basis
 * (cqt-basis.ts), the octave response by FFTs (cqt-response.ts) or by Goertzel resonators
 * (cqt-goertzel.ts) with the cost model that picks one (cqt-cost.ts), and scipy's FFT resampling
 * for `resType: "fft"` (fft-resample.ts). This file plans the octaves and runs them.
 */
import { ParameterError } from "../util/errors";
import { memoize } from "../util/memo";
import type { Matrix } from "../util/matrix";
import { assertFinite, assertPositive, assertPositiveInt, repr, validAudio } from "../util/validate";
import { resample, RES_TYPES, type ResType } from "./resample";
import { fftResample } from "./fft-resample";
import { C1_HZ } from "./convert";
import type { PadMode } from "./pad";
import type { ComplexMatrix } from "./stft";
import { estimateTuning } from "./tuning";
import { isNormOrder } from "./normalize";
import { borrow, giveBack } from "./scratch";
import { etRelativeBw, relativeBandwidth, waveletLengths, windowBandwidth, type CqtWindow } from "./cqt-filters";
import { gainedShared, octaveBasis, type CqtSparseBasis } from "./cqt-basis";
import { octaveResponseAuto } from "./cqt-cost";

/** Resampler for the octave steps: librosa's soxr recipes, or "fft"/"scipy" (scipy.signal.resample). */
export type CqtResType = ResType | "fft" | "scipy";

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
  if (o.norm !== null && !isNormOrder(o.norm)) {
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
      bases.push(
        gainedShared(octaveBasis(mySr, freqs.slice(lo, hi), alphaFull.slice(lo, hi), filterScale, norm, sparsity, window, gamma), Math.sqrt(sr / mySr)),
      );
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
