/**
 * Harmonic/percussive source separation by median filtering (Fitzgerald, 2010), as librosa 0.11:
 * `librosa.decompose.hpss` on a spectrogram and `librosa.effects.harmonic` / `percussive` / `hpss`
 * on audio. Median filters follow `scipy.ndimage.median_filter(..., mode="reflect")` exactly
 * (scipy's "reflect" is numpy's "symmetric": d c b a | a b c d | d c b a); masks follow
 * `librosa.util.softmask` in float32 arithmetic.
 */
import { ParameterError } from "../util/errors";
import type { Matrix } from "../util/matrix";
import { assertPositive, assertPositiveInt, validAudio } from "../util/validate";
import { istft, stft, type ComplexMatrix, type StftOptions } from "./stft";

const fround = Math.fround;
const FLOAT32_TINY = 1.1754943508222875e-38; // np.finfo(np.float32).tiny

/** Options of {@link medianFilter}. */
export interface MedianFilterOptions {
  /**
   * Kernel size [along rows (frequency), along columns (time)]; one of the two must be 1
   * (a one-dimensional median, all that HPSS needs). Integers ≥ 1. Required.
   */
  size: readonly [number, number];
}

/** Index into [0, n) for an out-of-range index under scipy's "reflect" (numpy "symmetric") extension. */
function reflectIndex(i: number, n: number): number {
  if (i >= 0 && i < n) return i;
  const period = 2 * n;
  let j = ((i % period) + period) % period;
  if (j >= n) j = period - 1 - j;
  return j;
}

/** Symmetric-extension indices −before … n − 1 + after of a line of length n. */
function extendedIndex(n: number, before: number, after: number): Int32Array {
  const idx = new Int32Array(before + n + after);
  for (let i = 0; i < idx.length; i++) idx[i] = reflectIndex(i - before, n);
  return idx;
}

/*
 * Running medians keep, per line, the window's values sorted (`val`), the ring slot each sorted
 * entry came from (`slot`) and the sorted position of each ring slot (`pos`). A step replaces the
 * oldest value (found in O(1) through `pos`) by the entering one and moves it to its place by a
 * compare-and-shift walk, updating `pos` for every entry it passes: no searches, one unpredictable
 * branch per step. The median is val[⌊w/2⌋] (scipy's rank for any w, odd or even).
 */

/** Fills the sorted window (o .. o + w) from `values(k)`, k = 0 … w − 1 (ring slot k). */
function initWindow(val: Float64Array, slot: Int32Array, pos: Int32Array, o: number, w: number, first: (k: number) => number): void {
  for (let k = 0; k < w; k++) {
    const v = first(k);
    let j = k;
    while (j > 0 && val[o + j - 1] > v) {
      val[o + j] = val[o + j - 1];
      slot[o + j] = slot[o + j - 1];
      j--;
    }
    val[o + j] = v;
    slot[o + j] = k;
  }
  for (let k = 0; k < w; k++) pos[o + slot[o + k]] = k;
}

/** Replaces ring slot `ring` of window o by `v`, keeping it sorted. */
function stepWindow(val: Float64Array, slot: Int32Array, pos: Int32Array, o: number, w: number, ring: number, v: number): void {
  let j = o + pos[o + ring];
  const last = o + w - 1;
  if (v > val[j]) {
    while (j < last && val[j + 1] < v) {
      const s = slot[j + 1];
      val[j] = val[j + 1];
      slot[j] = s;
      pos[o + s] = j - o;
      j++;
    }
  } else {
    while (j > o && val[j - 1] > v) {
      const s = slot[j - 1];
      val[j] = val[j - 1];
      slot[j] = s;
      pos[o + s] = j - o;
      j--;
    }
  }
  val[j] = v;
  slot[j] = ring;
  pos[o + ring] = j - o;
}

/**
 * Running median of every row of `x` (rows × cols, row-major) along its columns, kernel `w`,
 * scipy's origin 0: output c covers columns c − ⌊w/2⌋ … c + w − 1 − ⌊w/2⌋ and takes rank ⌊w/2⌋.
 */
function medianAlongCols(x: Float32Array, rows: number, cols: number, w: number, out: Float32Array): void {
  const before = w >> 1;
  const ext = extendedIndex(cols, before, w - 1 - before);
  const val = new Float64Array(w);
  const slot = new Int32Array(w);
  const pos = new Int32Array(w);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    initWindow(val, slot, pos, 0, w, (k) => x[base + ext[k]]);
    out[base] = val[before];
    let ring = 0;
    for (let c = 1; c < cols; c++) {
      stepWindow(val, slot, pos, 0, w, ring, x[base + ext[c + w - 1]]);
      ring = ring + 1 === w ? 0 : ring + 1;
      out[base + c] = val[before];
    }
  }
}

/**
 * Running median of every column of `x` along its rows. All columns advance together, each with
 * its own sorted window, so memory is read row by row (contiguously).
 */
function medianAlongRows(x: Float32Array, rows: number, cols: number, w: number, out: Float32Array): void {
  const before = w >> 1;
  const ext = extendedIndex(rows, before, w - 1 - before);
  const val = new Float64Array(w * cols);
  const slot = new Int32Array(w * cols);
  const pos = new Int32Array(w * cols);
  for (let c = 0, o = 0; c < cols; c++, o += w) {
    initWindow(val, slot, pos, o, w, (k) => x[ext[k] * cols + c]);
    out[c] = val[o + before];
  }
  let ring = 0;
  for (let r = 1; r < rows; r++) {
    const enteringRow = ext[r + w - 1] * cols;
    const outRow = r * cols;
    for (let c = 0, o = 0; c < cols; c++, o += w) {
      stepWindow(val, slot, pos, o, w, ring, x[enteringRow + c]);
      out[outRow + c] = val[o + before];
    }
    ring = ring + 1 === w ? 0 : ring + 1;
  }
}

/**
 * One-dimensional median filter of a matrix along its rows or columns, as
 * `scipy.ndimage.median_filter(x, size=size, mode="reflect")` (exact: the output values are
 * elements of the input). A running sorted window makes each output cost O(shift), about
 * w/3 moves on spectrograms (≈ 20 ns per output for w = 31 on a 2-core EPYC).
 * @param x Matrix [rows, cols] (finite values)
 * @param options `size: [1, w]` filters along each row (librosa's harmonic, time direction);
 *   `size: [w, 1]` along each column (percussive, frequency direction)
 * @returns Matrix [rows, cols]
 * @example const H = medianFilter(S, { size: [1, 31] });  // median over 31 frames
 */
export function medianFilter(x: Matrix, options: MedianFilterOptions): Matrix {
  const [wr, wc] = options.size;
  assertPositiveInt("size[0]", wr);
  assertPositiveInt("size[1]", wc);
  if (wr > 1 && wc > 1) throw new ParameterError(`size=[${wr}, ${wc}]: only one-dimensional kernels ([1, w] or [w, 1]) are supported`);
  const { rows, cols } = x;
  const out = new Float32Array(rows * cols);
  if (rows === 0 || cols === 0) return { data: out, rows, cols };
  if (wc > 1) medianAlongCols(x.data, rows, cols, wc, out);
  else if (wr > 1) medianAlongRows(x.data, rows, cols, wr, out);
  else out.set(x.data);
  return { data: out, rows, cols };
}

/** Options of {@link softmask}. */
export interface SoftmaskOptions {
  /** Exponent of the mask, > 0; Infinity gives the hard mask X > XRef. Default 1. */
  power?: number;
  /** Where X and XRef are both (near) zero: 0.5 when true, 0 when false. Default false. */
  splitZeros?: boolean;
}

/**
 * librosa.util.softmask: M = X^p / (X^p + XRef^p), computed relative to max(X, XRef) in float32.
 * @param X non-negative Matrix [rows, cols]
 * @param XRef non-negative Matrix of the same shape
 * @returns Matrix [rows, cols] with values in [0, 1]
 * @example const M = softmask(H, P, { power: 2, splitZeros: true });
 */
export function softmask(X: Matrix, XRef: Matrix, options: SoftmaskOptions = {}): Matrix {
  const { power = 1, splitZeros = false } = options;
  if (X.rows !== XRef.rows || X.cols !== XRef.cols) throw new ParameterError(`Shape mismatch: [${X.rows}, ${X.cols}] != [${XRef.rows}, ${XRef.cols}]`);
  if (!(power > 0)) throw new ParameterError(`power=${power} must be strictly positive`);
  const out = new Float32Array(X.data.length);
  softmaskInto(X.data, XRef.data, power, splitZeros, 1, out);
  return { data: out, rows: X.rows, cols: X.cols };
}

/** softmask of X against (margin · XRef) into `out`; X, XRef non-negative float32. */
function softmaskInto(x: Float32Array, xr: Float32Array, power: number, splitZeros: boolean, margin: number, out: Float32Array): void {
  const fill = splitZeros ? 0.5 : 0;
  const n = x.length;
  for (let i = 0; i < n; i++) {
    const a = x[i];
    const b = margin === 1 ? xr[i] : fround(xr[i] * margin);
    if (a < 0 || b < 0) throw new ParameterError("X and X_ref must be non-negative");
    if (!Number.isFinite(power)) {
      out[i] = a > b ? 1 : 0;
      continue;
    }
    const z = a > b ? a : b;
    if (z < FLOAT32_TINY) {
      out[i] = fill;
      continue;
    }
    let m: number;
    let mr: number;
    if (power === 2) {
      const qa = fround(a / z);
      const qb = fround(b / z);
      m = fround(qa * qa);
      mr = fround(qb * qb);
    } else {
      m = fround(fround(a / z) ** power);
      mr = fround(fround(b / z) ** power);
    }
    out[i] = fround(m / fround(m + mr));
  }
}

/** Options of {@link hpss} (librosa.decompose.hpss). */
export interface HpssOptions {
  /** Median filter length(s): one integer ≥ 1 for both, or [harmonic (time), percussive (frequency)]. Default 31. */
  kernelSize?: number | readonly [number, number];
  /** Exponent of the soft mask, > 0 (Infinity: hard mask). Default 2. */
  power?: number;
  /** Return the masks instead of the separated spectrograms. Default false. */
  mask?: boolean;
  /** Margin(s) ≥ 1 for the masks: one number or [harmonic, percussive]. Default 1. */
  margin?: number | readonly [number, number];
}

/** Harmonic and percussive parts (or masks) of a spectrogram. */
export interface HpssResult<T> {
  harmonic: T;
  percussive: T;
}

function isComplex(S: Matrix | ComplexMatrix): S is ComplexMatrix {
  return (S as ComplexMatrix).re instanceof Float32Array;
}

function pair(v: number | readonly [number, number], name: string): [number, number] {
  if (typeof v === "number") return [v, v];
  if (!Array.isArray(v) || v.length !== 2) throw new ParameterError(`${name}=${JSON.stringify(v)} must be a number or a pair [harmonic, percussive]`);
  return [v[0], v[1]];
}

/**
 * Median-filtering harmonic/percussive separation of a spectrogram (librosa.decompose.hpss).
 * A complex STFT is split into magnitude and phase (librosa.magphase), the magnitude is median
 * filtered along time (harmonic) and frequency (percussive), and soft masks re-weight the input.
 * @param S magnitude/power spectrogram Matrix [f, t] (non-negative), or complex STFT D [f, t]
 * @returns `{ harmonic, percussive }` of the input's type and shape [f, t]; with `mask: true`,
 *   the two masks as Matrix [f, t]
 * @example const { harmonic } = hpss(stft(y));  // complex harmonic STFT
 */
export function hpss(S: ComplexMatrix, options?: HpssOptions & { mask?: false }): HpssResult<ComplexMatrix>;
export function hpss(S: Matrix, options?: HpssOptions & { mask?: false }): HpssResult<Matrix>;
export function hpss(S: Matrix | ComplexMatrix, options: HpssOptions & { mask: true }): HpssResult<Matrix>;
export function hpss(S: Matrix | ComplexMatrix, options?: HpssOptions): HpssResult<Matrix | ComplexMatrix>;
export function hpss(S: Matrix | ComplexMatrix, options: HpssOptions = {}): HpssResult<Matrix | ComplexMatrix> {
  const r = hpssParts(S, options, true, true);
  return { harmonic: r.harmonic!, percussive: r.percussive! };
}

interface ResolvedHpss {
  winHarm: number;
  winPerc: number;
  marginHarm: number;
  marginPerc: number;
  power: number;
}

function resolveHpss(options: HpssOptions): ResolvedHpss {
  const [winHarm, winPerc] = pair(options.kernelSize ?? 31, "kernelSize");
  assertPositiveInt("kernelSize (harmonic)", winHarm);
  assertPositiveInt("kernelSize (percussive)", winPerc);
  const [marginHarm, marginPerc] = pair(options.margin ?? 1, "margin");
  if (!(marginHarm >= 1 && marginPerc >= 1)) {
    throw new ParameterError(`margin=${JSON.stringify(options.margin)}: margins must be >= 1.0 (a typical range is between 1 and 10)`);
  }
  const power = options.power ?? 2;
  assertPositive("power", power === Infinity ? 1 : power);
  return { winHarm, winPerc, marginHarm, marginPerc, power };
}

/** decompose.hpss computing only the parts asked for (the median filters are always both needed). */
function hpssParts(S: Matrix | ComplexMatrix, options: HpssOptions, wantHarm: boolean, wantPerc: boolean): Partial<HpssResult<Matrix | ComplexMatrix>> {
  const { winHarm, winPerc, marginHarm, marginPerc, power } = resolveHpss(options);
  const { rows, cols } = S;
  const n = rows * cols;
  const complex = isComplex(S);

  // |D| as librosa.magphase in complex64
  let mag: Float32Array;
  if (complex) {
    mag = new Float32Array(n);
    const { re, im } = S;
    for (let i = 0; i < n; i++) mag[i] = Math.sqrt(re[i] * re[i] + im[i] * im[i]); // correctly rounded |z| of complex64
  } else {
    mag = S.data;
    for (let i = 0; i < n; i++) if (!(mag[i] >= 0)) throw new ParameterError(`S[${i}]=${mag[i]}: a real spectrogram must be non-negative and finite`);
  }
  const M: Matrix = { data: mag, rows, cols };
  const harm = medianFilter(M, { size: [1, winHarm] }).data;
  const perc = medianFilter(M, { size: [winPerc, 1] }).data;

  const splitZeros = marginHarm === 1 && marginPerc === 1;
  const out: Partial<HpssResult<Matrix | ComplexMatrix>> = {};
  const part = (mask: Float32Array): Matrix | ComplexMatrix => {
    if (options.mask) return { data: mask, rows, cols };
    if (!complex) {
      const data = new Float32Array(n);
      for (let i = 0; i < n; i++) data[i] = mag[i] * mask[i];
      return { data, rows, cols };
    }
    // (S · mask) · phase with phase = D / |D| (1 where |D| = 0), all rounded as complex64
    const re = new Float32Array(n);
    const im = new Float32Array(n);
    const { re: dr, im: di } = S;
    for (let i = 0; i < n; i++) {
      const m = mag[i];
      const a = fround(m * mask[i]);
      if (m === 0) {
        re[i] = a;
        im[i] = 0;
      } else {
        re[i] = a * fround(dr[i] / m);
        im[i] = a * fround(di[i] / m);
      }
    }
    return { re, im, rows, cols };
  };
  if (wantHarm) {
    const mask = new Float32Array(n);
    softmaskInto(harm, perc, power, splitZeros, marginHarm, mask);
    out.harmonic = part(mask);
  }
  if (wantPerc) {
    const mask = new Float32Array(n);
    softmaskInto(perc, harm, power, splitZeros, marginPerc, mask);
    out.percussive = part(mask);
  }
  return out;
}

/** Options of {@link harmonic}, {@link percussive} and {@link hpssAudio}: STFT options plus HPSS options. */
export interface HarmonicOptions extends StftOptions, Omit<HpssOptions, "mask"> {}

function splitAudio(y: Float32Array, options: HarmonicOptions, which: "harmonic" | "percussive" | "both"): { harmonic?: Float32Array; percussive?: Float32Array } {
  validAudio(y);
  const { kernelSize, power, margin, ...stftOptions } = options;
  const D = stft(y, stftOptions);
  const parts = hpssParts(D, { kernelSize, power, margin }, which !== "percussive", which !== "harmonic") as Partial<HpssResult<ComplexMatrix>>;
  const inv = (X: ComplexMatrix) =>
    istft(X, { nFft: stftOptions.nFft, hopLength: stftOptions.hopLength, winLength: stftOptions.winLength, window: stftOptions.window, center: stftOptions.center, length: y.length });
  return {
    harmonic: parts.harmonic && inv(parts.harmonic),
    percussive: parts.percussive && inv(parts.percussive),
  };
}

/**
 * The harmonic part of audio (librosa.effects.harmonic): stft → {@link hpss} → istft with the
 * input's length. (librosa passes no `window` to its stft/istft here; we pass `window` to both,
 * which is the same for the default "hann".)
 * @param y mono audio [n]
 * @returns harmonic audio [n]
 * @example const yHarm = harmonic(y);  // yHarm.length === y.length
 */
export function harmonic(y: Float32Array, options: HarmonicOptions = {}): Float32Array {
  return splitAudio(y, options, "harmonic").harmonic!;
}

/**
 * The percussive part of audio (librosa.effects.percussive).
 * @param y mono audio [n]
 * @returns percussive audio [n]
 * @example const yPerc = percussive(y, { margin: 3 });
 */
export function percussive(y: Float32Array, options: HarmonicOptions = {}): Float32Array {
  return splitAudio(y, options, "percussive").percussive!;
}

/**
 * Both parts of audio from one STFT (librosa.effects.hpss).
 * @param y mono audio [n]
 * @returns `{ harmonic, percussive }`, each [n]
 * @example const { harmonic: h, percussive: p } = hpssAudio(y);
 */
export function hpssAudio(y: Float32Array, options: HarmonicOptions = {}): HpssResult<Float32Array> {
  const r = splitAudio(y, options, "both");
  return { harmonic: r.harmonic!, percussive: r.percussive! };
}
