/**
 * Short-time Fourier transform and its inverse, as librosa.stft / librosa.istft (0.11): periodic
 * Hann window by default, `center=True` padding with zeros (`padMode="constant"`), frames computed
 * in float64 and stored as float32 (librosa's complex64).
 */
import { ParameterError } from "../util/errors";
import { assertPositiveInt, validAudio } from "../util/validate";
import { FLOAT32_TINY } from "../util/numeric";
import { realFft, type RealFft } from "./rfft";
import { borrow, giveBack } from "./scratch";
import { pad, padCenter, type PadMode } from "./pad";
import { getWindow, windowKey, type WindowSpec } from "./window";
import { memoize } from "../util/memo";
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
  if (options.hopLength === undefined && hopLength < 1) {
    throw new ParameterError(
      `nFft=${nFft} (winLength=${winLength}) is too short for the default hopLength ⌊winLength / 4⌋ = 0: use nFft ≥ 4, or give hopLength`,
    );
  }
  assertPositiveInt("hopLength", hopLength);
  return { nFft, hopLength, winLength, window: options.window ?? "hann", center: options.center ?? true, padMode: options.padMode ?? "constant" };
}

/** The analysis window, zero-padded (centred) to nFft. Float64 [nFft]. */
export function stftWindow(o: ResolvedStftOptions): Float64Array {
  const w = getWindow(o.window, o.winLength);
  return o.winLength === o.nFft ? w : padCenter(w, o.nFft);
}

/**
 * The frames of one STFT, computed a block at a time: the one framing loop behind {@link stft},
 * `spectra()`, the CQT's octave responses and the time stretch. Frames are windowed in float64,
 * transformed by {@link RealFft.forwardWindowed} and stored as float32 (complex64) in a small
 * frame-major block that each consumer lays out as it needs (transposed to bins × frames, taken
 * to magnitudes, to polar form, or multiplied by a filter basis). Centred analysis reads the
 * padded edges from two short padded copies instead of padding the whole signal.
 */
export interface StftBlocks {
  /** Bins per frame, ⌊nFft/2⌋ + 1. */
  readonly rows: number;
  /** Number of frames. */
  readonly cols: number;
  /** Distance between frames in a block (≥ rows; padded so that a block's frames fall in different cache sets). */
  readonly stride: number;
  /**
   * Calls `consume(re, im, t0, count)` for consecutive blocks of frames: bin k of frame t0 + b is
   * at re/im[b · stride + k] (b < count). The buffers are reused between calls.
   */
  forEachBlock(consume: (re: Float32Array, im: Float32Array, t0: number, count: number) => void): void;
}

/** Frames per block of {@link stftBlocks}: 16 keeps a block of 2048-point frames within L2 and makes transposes write whole cache lines. */
const BLOCK = 16;

/**
 * A block's frame stride for `rows` values: a multiple of 16 (64 bytes of float32) that is not
 * close to a multiple of 4 KiB, so that walking one bin across a block's frames touches different
 * cache sets (a stride of 1025 float32 or float64 puts all 16 in one set of an 8-way L1).
 */
function blockStride(rows: number): number {
  return ((rows + 15) & ~15) + 16;
}

/** Number of STFT frames for a signal of n samples. */
export function stftFrames(n: number, options: StftOptions = {}): number {
  const o = resolveStftOptions(options);
  return o.center ? numFrames(n + 2 * Math.floor(o.nFft / 2), o.nFft, o.hopLength) : numFrames(n, o.nFft, o.hopLength);
}

/**
 * Sets up the STFT of `y` (already validated) with resolved options.
 * @param maxFrames compute only the first `maxFrames` frames (default all)
 * @returns the frame layout and a block iterator ({@link StftBlocks})
 * @example const F = stftBlocks(y, resolveStftOptions({ nFft: 512 })); F.forEachBlock((re, im, t0, count) => { … });
 */
export function stftBlocks(y: Float32Array, o: ResolvedStftOptions, maxFrames = Infinity): StftBlocks {
  const { nFft, hopLength, center, padMode } = o;
  const n = y.length;
  if (!center && nFft > n) {
    throw new ParameterError(`nFft=${nFft} is too large for uncentered analysis of a signal of length ${n}`);
  }
  const half = Math.floor(nFft / 2);
  const rows = half + 1;
  const cols = Math.min(maxFrames, numFrames(center ? n + 2 * half : n, nFft, hopLength));
  const w = stftWindow(o);
  // Centred frames read y itself, except those that reach into the padding: they read `head`
  // (padded positions [0, half + nFft)) or `tail` (padded positions [half + n − nFft, n + 2·half)).
  // A short signal is padded whole.
  const whole = center && n < 2 * nFft ? pad(y, half, half, padMode) : null;
  const head = center && !whole ? pad(y.subarray(0, nFft), half, 0, padMode) : null;
  const tail = center && !whole ? pad(y.subarray(n - nFft), 0, half, padMode) : null;
  const tailStart = half + n - nFft;
  const stride = blockStride(rows);
  return {
    rows,
    cols,
    stride,
    forEachBlock(consume) {
      const plan = realFft(nFft);
      const bre = borrow("stft.block.re", Float32Array, Math.min(BLOCK, cols) * stride);
      const bim = borrow("stft.block.im", Float32Array, bre.length);
      try {
        frames(plan, bre, bim, consume);
      } finally {
        giveBack("stft.block.re", bre);
        giveBack("stft.block.im", bim);
      }
    },
  };

  /** Computes the frames block by block into (bre, bim) and hands each block to `consume`. */
  function frames(plan: RealFft, bre: Float32Array, bim: Float32Array, consume: (re: Float32Array, im: Float32Array, t0: number, count: number) => void): void {
    for (let t0 = 0; t0 < cols; t0 += BLOCK) {
      const count = Math.min(BLOCK, cols - t0);
      for (let b = 0; b < count; b++) {
        const off = (t0 + b) * hopLength;
        const base = b * stride;
        if (!center) plan.forwardWindowed(y, off, w, bre, bim, base);
        else if (whole) plan.forwardWindowed(whole, off, w, bre, bim, base);
        else if (off < half) plan.forwardWindowed(head!, off, w, bre, bim, base);
        else if (off + nFft > half + n) plan.forwardWindowed(tail!, off - tailStart, w, bre, bim, base);
        else plan.forwardWindowed(y, off - half, w, bre, bim, base);
      }
      consume(bre, bim, t0, count);
    }
  }
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
  const F = stftBlocks(y, resolveStftOptions(options));
  const { rows, cols, stride } = F;
  const re = new Float32Array(rows * cols);
  const im = new Float32Array(rows * cols);
  F.forEachBlock((bre, bim, t0, count) => {
    for (let k = 0; k < rows; k++) {
      const o = k * cols + t0;
      for (let b = 0, j = k; b < count; b++, j += stride) {
        re[o + b] = bre[j];
        im[o + b] = bim[j];
      }
    }
  });
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
  return windowSumSquareShared(o, nFrames).slice();
}

/** {@link windowSumSquare}, memoised (shared: do not modify). */
const windowSumSquareShared = memoize(
  (o: ResolvedStftOptions, nFrames: number): Float64Array => {
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
  },
  (o, nFrames) => `${windowKey(o.window)}|${o.winLength}|${o.nFft}|${o.hopLength}|${nFrames}`,
  16,
);

// a module-level alias of np.finfo(float32).tiny: an imported name in a loop is a getter call under tsx (see spectra.ts)
const TINY32 = FLOAT32_TINY;

/**
 * Weighted overlap-add of inverse-FFT frames, normalised by the window's sum-square: the synthesis
 * half of {@link istft}, shared with the time stretch. Frames are added in float64 in any order;
 * {@link OverlapAdd.finish} divides by the sum-square where it exceeds float32's tiny and trims.
 * @example const ola = new OverlapAdd(o, D.cols); ola.add(0, re, im); … const y = ola.finish(n);
 */
export class OverlapAdd {
  private readonly full: Float64Array;
  private readonly w: Float64Array;
  private readonly plan: RealFft;

  /** @param o resolved STFT options @param nFrames frames that will be added (≥ 0) */
  constructor(
    private readonly o: ResolvedStftOptions,
    readonly nFrames: number,
  ) {
    this.full = borrow("stft.ola", Float64Array, o.nFft + o.hopLength * Math.max(nFrames - 1, 0), true);
    this.w = stftWindow(o);
    this.plan = realFft(o.nFft);
  }

  /**
   * Adds frame t: the inverse real FFT of bins (re, im)[base .. base + ⌊nFft/2⌋ + 1), windowed,
   * at sample t · hopLength.
   */
  add(t: number, re: ArrayLike<number>, im: ArrayLike<number>, base = 0): void {
    this.plan.inverseAdd(re, im, base, this.w, this.full, t * this.o.hopLength);
  }

  /**
   * The signal: y[i] = sum[i + start] / wss[i + start] (start = ⌊nFft/2⌋ when centred), zero past
   * the frames' end. Call once: the sums' memory goes back to the scratch pool.
   * @param out where to write (length ≥ `length`; a view of its first `length` values is returned), default a new array
   * @returns Float32Array [length]
   */
  finish(length: number, out?: Float32Array): Float32Array {
    const { full, o } = this;
    const wss = windowSumSquareShared(o, this.nFrames);
    const start = o.center ? Math.floor(o.nFft / 2) : 0;
    if (out && out.length < length) throw new ParameterError(`OverlapAdd.finish: out has ${out.length} values, length=${length} needs more`);
    const y = out ? out.subarray(0, length) : new Float32Array(length);
    const end = Math.min(length, full.length - start);
    if (out && end < length) y.fill(0, Math.max(end, 0));
    normalizeBySumSquare(full, wss, start, y, end);
    giveBack("stft.ola", full);
    return y;
  }
}

/**
 * y[i] = sum[i + start] / wss[i + start] where wss exceeds float32's tiny (else the sum), i < end.
 * A function of its own that ends with its loop: called once per signal, it runs through V8's
 * on-stack replacement, whose code deoptimises on every call at any code after the loop.
 */
function normalizeBySumSquare(sum: Float64Array, wss: Float64Array, start: number, y: Float32Array, end: number): void {
  for (let i = 0; i < end; i++) {
    const j = i + start;
    const s = wss[j];
    y[i] = s > TINY32 ? sum[j] / s : sum[j];
  }
}

/**
 * Inverse STFT by weighted overlap-add (librosa.istft).
 * @param D ComplexMatrix [1 + nFft/2, t]; nFft defaults to 2·(rows − 1)
 * @returns y [length], float32
 * @example const y2 = istft(stft(y), { length: y.length });  // ≈ y
 */
export function istft(D: ComplexMatrix, options: IstftOptions = {}): Float32Array {
  return istftInto(D, options);
}

/**
 * {@link istft} writing into `out` (length ≥ the output length; a view of it is returned) instead
 * of a new array, for callers that reuse memory from clip to clip.
 * @returns y [length], float32
 * @example const yh = istftInto(Dh, { length: n }, scratch);
 */
export function istftInto(D: ComplexMatrix, options: IstftOptions = {}, out?: Float32Array): Float32Array {
  const o = resolveStftOptions({ ...options, nFft: options.nFft ?? 2 * (D.rows - 1) });
  const { nFft, hopLength, center } = o;
  const rows = Math.floor(nFft / 2) + 1;
  if (rows !== D.rows) throw new ParameterError(`D has ${D.rows} rows, but nFft=${nFft} needs ${rows}`);
  const { length } = options;
  if (length !== undefined && !(Number.isInteger(length) && length >= 0)) throw new ParameterError(`length=${length} must be a non-negative integer`);
  const cols = D.cols;
  let nFrames = cols;
  if (length) {
    const padded = center ? length + 2 * Math.floor(nFft / 2) : length;
    nFrames = Math.min(cols, Math.ceil(padded / hopLength));
  }
  let outLen = nFft + hopLength * (nFrames - 1);
  if (length !== undefined && length > 0) outLen = length;
  else if (center) outLen -= 2 * Math.floor(nFft / 2);
  const ola = new OverlapAdd(o, nFrames);
  // gather BLOCK frames at a time (each row's values for the block are contiguous)
  const stride = blockStride(rows);
  const bre = borrow("istft.block.re", Float32Array, Math.min(BLOCK, nFrames) * stride);
  const bim = borrow("istft.block.im", Float32Array, bre.length);
  const { re, im } = D;
  for (let t0 = 0; t0 < nFrames; t0 += BLOCK) {
    const count = Math.min(BLOCK, nFrames - t0);
    for (let k = 0; k < rows; k++) {
      const src = k * cols + t0;
      for (let b = 0, j = k; b < count; b++, j += stride) {
        bre[j] = re[src + b];
        bim[j] = im[src + b];
      }
    }
    for (let b = 0; b < count; b++) ola.add(t0 + b, bre, bim, b * stride);
  }
  giveBack("istft.block.re", bre);
  giveBack("istft.block.im", bim);
  return ola.finish(Math.max(outLen, 0), out);
}
