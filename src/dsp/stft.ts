/**
 * Short-time Fourier transform and its inverse, as librosa.stft / librosa.istft (0.11): periodic
 * Hann window by default, `center=True` padding with zeros (`padMode="constant"`), frames computed
 * in float64 and stored as float32 (librosa's complex64).
 */
import { ParameterError } from "../util/errors";
import { assertPositiveInt, validAudio } from "../util/validate";
import { realFft } from "./fft";
import { pad, padCenter, type PadMode } from "./pad";
import { getWindow, type WindowSpec } from "./window";
import { numFrames } from "./frame";

/** STFT options shared by every spectral feature (librosa's stft keywords). */
export interface StftOptions {
  /** FFT length, integer ≥ 1. Default 2048. */
  nFft?: number;
  /** Samples between frames, integer ≥ 1. Default ⌊winLength / 4⌋. */
  hopLength?: number;
  /** Window length ≤ nFft (the window is zero-padded to nFft, centred). Default nFft. */
  winLength?: number;
  /** Window name or samples. Default "hann" (periodic). */
  window?: WindowSpec;
  /** Pad the signal by ⌊nFft/2⌋ on both sides so frame t is centred at t·hopLength. Default true. */
  center?: boolean;
  /** How to pad when `center`. Default "constant" (zeros), as librosa 0.10+. */
  padMode?: PadMode;
}

/** A complex matrix as two row-major float32 planes: element (r, c) is re/im[r * cols + c]. */
export interface ComplexMatrix {
  readonly re: Float32Array;
  readonly im: Float32Array;
  readonly rows: number;
  readonly cols: number;
}

/** STFT options with every default resolved. */
export interface ResolvedStftOptions {
  nFft: number;
  hopLength: number;
  winLength: number;
  window: WindowSpec;
  center: boolean;
  padMode: PadMode;
}

/** Fills librosa's defaults into `options` and checks them. */
export function resolveStftOptions(options: StftOptions = {}): ResolvedStftOptions {
  const nFft = options.nFft ?? 2048;
  assertPositiveInt("nFft", nFft);
  const winLength = options.winLength ?? nFft;
  assertPositiveInt("winLength", winLength);
  if (winLength > nFft) throw new ParameterError(`winLength=${winLength} must be ≤ nFft=${nFft}`);
  const hopLength = options.hopLength ?? Math.floor(winLength / 4);
  assertPositiveInt("hopLength", hopLength);
  return { nFft, hopLength, winLength, window: options.window ?? "hann", center: options.center ?? true, padMode: options.padMode ?? "constant" };
}

/** The analysis window, zero-padded (centred) to nFft. Float64 [nFft]. */
export function stftWindow(o: ResolvedStftOptions): Float64Array {
  const w = getWindow(o.window, o.winLength);
  return o.winLength === o.nFft ? w : padCenter(w, o.nFft);
}

/** Number of STFT frames for a signal of n samples. */
export function stftFrames(n: number, options: StftOptions = {}): number {
  const o = resolveStftOptions(options);
  return o.center ? numFrames(n + 2 * Math.floor(o.nFft / 2), o.nFft, o.hopLength) : numFrames(n, o.nFft, o.hopLength);
}

/**
 * Short-time Fourier transform (librosa.stft).
 * @param y mono audio [n]
 * @returns D, a ComplexMatrix [1 + nFft/2, t] (rows = frequency bins, cols = frames), with
 *   t = 1 + ⌊n / hopLength⌋ when centred
 * @example const D = stft(y, { nFft: 2048, hopLength: 512 });  // D.rows === 1025
 */
export function stft(y: Float32Array, options: StftOptions = {}): ComplexMatrix {
  validAudio(y);
  const o = resolveStftOptions(options);
  const { nFft, hopLength, center, padMode } = o;
  if (!center && nFft > y.length) {
    throw new ParameterError(`nFft=${nFft} is too large for uncentered analysis of a signal of length ${y.length}`);
  }
  const half = Math.floor(nFft / 2);
  const yp = center ? pad(y, half, half, padMode) : y;
  const cols = numFrames(yp.length, nFft, hopLength);
  const rows = Math.floor(nFft / 2) + 1;
  const re = new Float32Array(rows * cols);
  const im = new Float32Array(rows * cols);
  const w = stftWindow(o);
  const plan = realFft(nFft);
  const buf = new Float64Array(nFft);
  const fr = new Float64Array(rows);
  const fi = new Float64Array(rows);
  for (let t = 0; t < cols; t++) {
    const off = t * hopLength;
    for (let i = 0; i < nFft; i++) buf[i] = w[i] * yp[off + i];
    plan.forward(buf, fr, fi);
    for (let k = 0; k < rows; k++) {
      re[k * cols + t] = fr[k];
      im[k * cols + t] = fi[k];
    }
  }
  return { re, im, rows, cols };
}

/** Options of {@link istft}: the analysis options plus the output length. */
export interface IstftOptions extends Omit<StftOptions, "padMode"> {
  /** Output length in samples (zero-padded or trimmed to it). Default: implied by the frames. */
  length?: number;
}

/**
 * librosa.filters.window_sumsquare: the overlap-added squared window over nFrames frames.
 * @returns Float64Array [nFft + hopLength · (nFrames − 1)]
 */
export function windowSumSquare(o: ResolvedStftOptions, nFrames: number): Float64Array {
  const n = o.nFft + o.hopLength * (nFrames - 1);
  const x = new Float64Array(n);
  const w = getWindow(o.window, o.winLength);
  const sq = new Float64Array(o.winLength);
  for (let i = 0; i < o.winLength; i++) sq[i] = w[i] * w[i];
  const wsq = o.winLength === o.nFft ? sq : padCenter(sq, o.nFft);
  for (let f = 0; f < nFrames; f++) {
    const s = f * o.hopLength;
    const e = Math.min(n, s + o.nFft);
    for (let i = s; i < e; i++) x[i] += wsq[i - s];
  }
  return x;
}

/**
 * Inverse STFT by weighted overlap-add (librosa.istft).
 * @param D ComplexMatrix [1 + nFft/2, t]; nFft defaults to 2·(rows − 1)
 * @returns y [length], float32
 * @example const y2 = istft(stft(y), { length: y.length });  // ≈ y
 */
export function istft(D: ComplexMatrix, options: IstftOptions = {}): Float32Array {
  const o = resolveStftOptions({ ...options, nFft: options.nFft ?? 2 * (D.rows - 1) });
  const { nFft, hopLength, center } = o;
  if (Math.floor(nFft / 2) + 1 !== D.rows) throw new ParameterError(`D has ${D.rows} rows, but nFft=${nFft} needs ${Math.floor(nFft / 2) + 1}`);
  const { length } = options;
  if (length !== undefined && !(Number.isInteger(length) && length >= 0)) throw new ParameterError(`length=${length} must be a non-negative integer`);
  let nFrames = D.cols;
  if (length) {
    const padded = center ? length + 2 * Math.floor(nFft / 2) : length;
    nFrames = Math.min(D.cols, Math.ceil(padded / hopLength));
  }
  let outLen = nFft + hopLength * (nFrames - 1);
  if (length !== undefined && length > 0) outLen = length;
  else if (center) outLen -= 2 * Math.floor(nFft / 2);
  outLen = Math.max(outLen, 0);
  const start = center ? Math.floor(nFft / 2) : 0;
  const full = new Float64Array(nFft + hopLength * Math.max(nFrames - 1, 0));
  const w = stftWindow(o);
  const plan = realFft(nFft);
  const fr = new Float64Array(D.rows);
  const fi = new Float64Array(D.rows);
  const frame = new Float64Array(nFft);
  for (let t = 0; t < nFrames; t++) {
    for (let k = 0; k < D.rows; k++) {
      fr[k] = D.re[k * D.cols + t];
      fi[k] = D.im[k * D.cols + t];
    }
    plan.inverse(fr, fi, frame);
    const off = t * hopLength;
    for (let i = 0; i < nFft; i++) full[off + i] += w[i] * frame[i];
  }
  const wss = windowSumSquare(o, nFrames);
  const y = new Float32Array(outLen);
  const tiny = 1.1754943508222875e-38; // np.finfo(float32).tiny, librosa's util.tiny for float32
  for (let i = 0; i < outLen; i++) {
    const j = i + start;
    if (j >= full.length) break;
    const s = wss[j];
    y[i] = s > tiny ? full[j] / s : full[j];
  }
  return y;
}
