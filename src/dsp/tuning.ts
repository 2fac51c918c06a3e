/**
 * Pitch tracking on spectral peaks and tuning estimation, as librosa 0.11's `piptrack`,
 * `pitch_tuning` and `estimate_tuning` (used by chroma_stft and chroma_cqt when `tuning` is not
 * given).
 *
 * The estimate is an argmax over a histogram of pitch deviations, so one value landing on the
 * other side of a bin edge can change it by a whole `resolution` step. To give the same answer as
 * librosa, the arithmetic follows librosa's float32 steps exactly where they decide anything:
 * gradient and parabolic interpolation as numba computes them on float32 spectrograms
 * (`a = (x[+1] + x[−1])_f32 − 2·x[0]` in float64, etc.), the per-frame threshold 0.1·max in float32,
 * pitches and magnitudes rounded to float32, octaves as float32 log2, and numpy's histogram
 * comparisons in float64.
 */
import { ParameterError } from "../util/errors";
import type { Matrix } from "../util/matrix";
import { assertFinite, assertPositive, assertPositiveInt, repr, validAudio } from "../util/validate";
import { fftFrequencies } from "./convert";
import type { Spectrogram } from "./spectrogram";
import { stftMagnitude, stftMagnitudeBand } from "./spectra";
import { resolveStftOptions, stftFrames, type StftOptions } from "./stft";
import { borrow, giveBack } from "./scratch";
import { warnSoft } from "../util/warn";

const f32 = Math.fround;

/** Options of {@link piptrack} (librosa.piptrack keywords). */
export interface PiptrackOptions extends StftOptions {
  /** Sample rate in Hz, > 0. Default 22050. */
  sr?: number;
  /** Lowest frequency searched, Hz (≥ 0). Default 150. */
  fmin?: number;
  /** Highest frequency searched (exclusive), Hz; capped at sr/2. Default 4000. */
  fmax?: number;
  /** A peak must exceed threshold × ref. Default 0.1. */
  threshold?: number;
  /** Reference: a fixed number, or undefined for each frame's maximum (librosa ref=np.max). */
  ref?: number;
}

/** Options of {@link estimateTuning}: piptrack's options plus the histogram's. */
export interface EstimateTuningOptions extends PiptrackOptions {
  /** Resolution of the tuning estimate, in fractions of a bin, in (0, 1). Default 0.01. */
  resolution?: number;
  /** Bins per octave, integer ≥ 1. Default 12. */
  binsPerOctave?: number;
}

/** The FFT length librosa's `_spectrogram` assumes for S: `nFft` if it fits S's rows, else 2·(rows − 1). */
function inferNFft(rows: number, nFft: number | undefined): number {
  return nFft !== undefined && Math.floor(nFft / 2) + 1 === rows ? nFft : 2 * (rows - 1);
}

/**
 * The spectrogram piptrack works on: |stft(y)| for audio (in scratch memory, which `done` gives
 * back), or S as given.
 */
function spectrumOf(input: Float32Array | Spectrogram, options: PiptrackOptions): { S: Matrix; nFft: number; done: () => void } {
  if (input instanceof Float32Array) {
    // librosa: _spectrogram(y=y, power=1) — a magnitude spectrogram; hop_length=None → winLength/4.
    validAudio(input);
    const o = resolveStftOptions(options);
    const buf = borrow("tuning.magnitude", Float32Array, stftFrames(input.length, o) * (Math.floor(o.nFft / 2) + 1));
    const S = stftMagnitude(input, o, 1, buf);
    return { S, nFft: S.nFft, done: () => giveBack("tuning.magnitude", buf) };
  }
  if (!input || !(input.data instanceof Float32Array) || !Number.isInteger(input.rows) || input.rows < 2) {
    throw new ParameterError("input must be audio (Float32Array) or a Spectrogram with at least 2 frequency bins");
  }
  // librosa uses S as given (any exponent) and infers n_fft from its rows.
  return { S: input, nFft: inferNFft(input.rows, options.nFft ?? input.nFft), done: () => {} };
}

/** Peaks found by piptrack: bin, frame, pitch (Hz, float32) and magnitude (float32), one entry per peak. */
interface Peaks {
  count: number;
  bin: Int32Array;
  frame: Int32Array;
  pitch: Float32Array;
  mag: Float32Array;
}

/**
 * A spectrogram of which only some rows are stored: row f of the full [fullRows, cols] matrix is
 * data[(f − rowOffset) · cols …], and frameMax holds each frame's maximum over all rows.
 */
interface BandSpectrum {
  data: Float32Array;
  cols: number;
  rowOffset: number;
  fullRows: number;
  frameMax: Float32Array;
}

/** The rows [lo, hi) piptrack searches (fmin ≤ freq < fmax, lo ≥ 1) for `rows` bins of an nFft-point FFT. */
function searchedRows(rows: number, nFft: number, options: PiptrackOptions): { lo: number; hi: number; sr: number } {
  const sr = options.sr ?? 22050;
  assertPositive("sr", sr);
  const fminOpt = options.fmin ?? 150;
  const fmaxOpt = options.fmax ?? 4000;
  assertFinite("fmin", fminOpt);
  if (Number.isNaN(fmaxOpt)) throw new ParameterError(`fmax=${repr(fmaxOpt)} must be a number`);
  const fmin = Math.max(fminOpt, 0);
  const fmax = Math.min(fmaxOpt, sr / 2);
  const freqs = fftFrequencies(sr, nFft);
  let lo = 0;
  while (lo < rows && !(freqs[lo] >= fmin)) lo++;
  let hi = lo;
  while (hi < rows && freqs[hi] < fmax) hi++;
  lo = Math.max(lo, 1);
  return { lo, hi, sr };
}

function findPeaks(S: Matrix | BandSpectrum, nFft: number, options: PiptrackOptions): Peaks {
  const band = "rowOffset" in S ? S : null;
  const F = band ? band.fullRows : (S as Matrix).rows;
  // Bins searched: fmin ≤ freq < fmax; a local maximum needs a left neighbour (bin 0 never is one).
  const { lo, hi, sr } = searchedRows(F, nFft, options);
  const threshold = options.threshold ?? 0.1;
  assertFinite("threshold", threshold);
  const T = S.cols;
  const d = S.data;
  const dOff = band ? -band.rowOffset * T : 0; // row f starts at d[f·T + dOff]
  // Per-frame reference: threshold · max over frequency (float32), or |ref| as a float32 scalar.
  const refv = new Float32Array(T);
  if (options.ref === undefined) {
    const thr32 = f32(threshold);
    const mx = band ? band.frameMax : new Float32Array(T).fill(-Infinity);
    if (!band) {
      for (let f = 0; f < F; f++) {
        const o = f * T;
        for (let t = 0; t < T; t++) if (d[o + t] > mx[t]) mx[t] = d[o + t];
      }
    }
    for (let t = 0; t < T; t++) refv[t] = thr32 * mx[t];
  } else {
    assertFinite("ref", options.ref);
    refv.fill(Math.abs(options.ref));
  }
  let cap = 64;
  let bin = new Int32Array(cap);
  let frame = new Int32Array(cap);
  let pitch = new Float32Array(cap);
  let mag = new Float32Array(cap);
  let count = 0;
  for (let f = lo; f < hi; f++) {
    const o = f * T + dOff;
    const last = f === F - 1;
    for (let t = 0; t < T; t++) {
      const x0 = d[o + t];
      const r = refv[t];
      if (!(x0 > r)) continue; // thresholded value is 0: never a strict local maximum
      const xm = d[o - T + t];
      const xl = xm > refv[t] ? xm : 0;
      if (!(x0 > xl)) continue;
      let isMax: boolean;
      let xp = 0;
      if (last)
        isMax = true; // librosa: the last bin is a maximum when x[-1] > x[-2]
      else {
        xp = d[o + T + t];
        isMax = x0 >= (xp > r ? xp : 0);
      }
      if (!isMax) continue;
      // Parabolic shift (numba on float32: a, b in float64, result stored as float32); 0 at the edges.
      let shift = 0;
      let avg: number;
      if (last) avg = f32(x0 - xm);
      else {
        const a = f32(xp + xm) - 2 * x0;
        const b = f32(xp - xm) / 2;
        shift = Math.abs(b) >= Math.abs(a) ? 0 : f32(-b / a);
        avg = f32(xp - xm) / 2; // np.gradient, float32
      }
      const dskew = f32(0.5 * avg * shift);
      if (count === cap) {
        cap *= 2;
        const grow = <A extends Int32Array | Float32Array>(x: A, C: new (n: number) => A): A => {
          const y = new C(cap);
          y.set(x);
          return y;
        };
        bin = grow(bin, Int32Array);
        frame = grow(frame, Int32Array);
        pitch = grow(pitch, Float32Array);
        mag = grow(mag, Float32Array);
      }
      bin[count] = f;
      frame[count] = t;
      pitch[count] = ((f + shift) * sr) / nFft;
      mag[count] = x0 + dskew;
      count++;
    }
  }
  return { count, bin, frame, pitch, mag };
}

function peaksOfSpectrum(input: Float32Array | Spectrogram, options: PiptrackOptions): Peaks {
  const { S, nFft, done } = spectrumOf(input, options);
  try {
    return findPeaks(S, nFft, options);
  } finally {
    done();
  }
}

/**
 * piptrack's peaks of audio with ref = per-frame maximum: the same peaks as from the full
 * |stft(y)|, with exact magnitudes computed only for the rows searched (and their neighbours) and
 * the per-frame maxima found cheaply elsewhere ({@link stftMagnitudeBand}).
 */
function peaksOfAudio(y: Float32Array, options: PiptrackOptions): Peaks {
  validAudio(y);
  const o = resolveStftOptions(options);
  const rows = Math.floor(o.nFft / 2) + 1;
  const { lo, hi } = searchedRows(rows, o.nFft, options);
  // rows read: lo − 1 … hi (the neighbours of the searched rows), within [0, rows)
  const r0 = Math.min(lo - 1, rows);
  const r1 = Math.max(r0, Math.min(hi + 1, rows));
  const T = stftFrames(y.length, o);
  const buf = borrow("tuning.magnitude", Float32Array, Math.max((r1 - r0) * T, 1));
  const frameMax = borrow("tuning.frameMax", Float32Array, Math.max(T, 1));
  try {
    stftMagnitudeBand(y, o, r0, r1, buf, frameMax);
    return findPeaks({ data: buf, cols: T, rowOffset: r0, fullRows: rows, frameMax }, o.nFft, options);
  } finally {
    giveBack("tuning.magnitude", buf);
    giveBack("tuning.frameMax", frameMax);
  }
}

/**
 * Pitch tracking on thresholded parabolically-interpolated STFT peaks (librosa.piptrack).
 * @param input mono audio `y` [n] (a magnitude spectrogram is computed) or a Spectrogram [1 + nFft/2, t]
 *   used as given
 * @returns { pitches, magnitudes }, each Matrix [1 + nFft/2, t] (float32): non-zero only at peaks
 * @example const { pitches, magnitudes } = piptrack(y, { sr: 22050, fmin: 75, fmax: 1600 });
 */
export function piptrack(input: Float32Array | Spectrogram, options: PiptrackOptions = {}): { pitches: Matrix; magnitudes: Matrix } {
  const { S, nFft, done } = spectrumOf(input, options);
  const p = findPeaks(S, nFft, options);
  done();
  const pitches = new Float32Array(S.rows * S.cols);
  const magnitudes = new Float32Array(S.rows * S.cols);
  for (let i = 0; i < p.count; i++) {
    const j = p.bin[i] * S.cols + p.frame[i];
    pitches[j] = p.pitch[i];
    magnitudes[j] = p.mag[i];
  }
  return { pitches: { data: pitches, rows: S.rows, cols: S.cols }, magnitudes: { data: magnitudes, rows: S.rows, cols: S.cols } };
}

/**
 * Tuning deviation (in fractions of a bin) of a set of frequencies from A440 (librosa.pitch_tuning):
 * the most common residual of binsPerOctave·octs(f) modulo 1, histogrammed at `resolution`.
 * A Float32Array is processed in float32 like numpy; other arrays in float64.
 * @param frequencies Hz; non-positive values are ignored
 * @returns tuning in [−0.5, 0.5); 0 (with a warning) when no frequency is positive
 * @example pitchTuning(Float64Array.of(440 * 2 ** (0.25 / 12)))  // 0.25
 */
export function pitchTuning(frequencies: ArrayLike<number>, options: { resolution?: number; binsPerOctave?: number } = {}): number {
  const resolution = options.resolution ?? 0.01;
  const bpo = options.binsPerOctave ?? 12;
  if (!(resolution > 0 && resolution < 1)) throw new ParameterError(`resolution=${repr(resolution)} must lie in the range (0, 1)`);
  assertPositiveInt("binsPerOctave", bpo);
  const is32 = frequencies instanceof Float32Array;
  const nBins = Math.ceil(1.0 / resolution);
  // np.linspace(-0.5, 0.5, nBins + 1): i·step + start, last edge exactly 0.5
  const step = 1.0 / nBins;
  const edges = new Float64Array(nBins + 1);
  for (let i = 0; i <= nBins; i++) edges[i] = i * step + -0.5;
  edges[nBins] = 0.5;
  const counts = new Float64Array(nBins);
  const ref = (440.0 * 2.0 ** (0 / bpo)) / 16; // hz_to_octs with tuning 0: A440/16 = 27.5
  let any = false;
  for (let i = 0; i < frequencies.length; i++) {
    const f = frequencies[i];
    if (!(f > 0)) continue;
    any = true;
    let r: number;
    if (is32) {
      const octs = f32(Math.log2(f32(f / ref)));
      const x = f32(bpo * octs);
      r = x % 1;
      if (r < 0) r = f32(r + 1);
    } else {
      const x = bpo * Math.log2(f / ref);
      r = x % 1;
      if (r < 0) r += 1;
    }
    if (r >= 0.5) r -= 1; // exact in float32 and float64
    // numpy.histogram with explicit edges: bin i holds edges[i] ≤ r < edges[i+1]; the last is closed.
    if (r < edges[0] || r > edges[nBins]) continue;
    let k = Math.min(nBins - 1, Math.max(0, Math.floor((r + 0.5) * nBins)));
    while (k > 0 && r < edges[k]) k--;
    while (k < nBins - 1 && r >= edges[k + 1]) k++;
    counts[k]++;
  }
  if (!any) {
    // Python shows a warning once per call site; we show it once per process.
    if (!warnedEmpty) warnSoft("Trying to estimate tuning from empty frequency set.", "SER_EMPTY_TUNING");
    warnedEmpty = true;
    return 0.0;
  }
  let best = 0;
  for (let k = 1; k < nBins; k++) if (counts[k] > counts[best]) best = k;
  return edges[best];
}

let warnedEmpty = false;

/** Median of `x[0..n)` as numpy computes it for float32 data: the middle value, or the float32 mean of the two middle values. */
function medianF32(x: Float32Array, n: number): number {
  const s = x.slice(0, n).sort();
  const m = n >> 1;
  return n % 2 === 1 ? s[m] : f32(f32(s[m - 1] + s[m]) / 2);
}

/**
 * Estimates the tuning deviation of a signal from A440 (librosa.estimate_tuning): pitches of the
 * spectral peaks whose magnitude is at least the median peak magnitude, through {@link pitchTuning}.
 * @param input mono audio `y` [n] (a magnitude STFT is computed with the given STFT options), or a
 *   Spectrogram used as given (chroma_stft passes its power spectrogram)
 * @returns the deviation in fractions of a bin, in [−0.5, 0.5)
 * @example const tuning = estimateTuning(y, { sr: 22050 });  // e.g. -0.1
 */
export function estimateTuning(input: Float32Array | Spectrogram, options: EstimateTuningOptions = {}): number {
  const p = input instanceof Float32Array && options.ref === undefined ? peaksOfAudio(input, options) : peaksOfSpectrum(input, options);
  // pitch_mask = pitch > 0; threshold = median(mag[pitch_mask]) (0 when there are no peaks)
  let nPos = 0;
  const magPos = new Float32Array(p.count);
  for (let i = 0; i < p.count; i++) if (p.pitch[i] > 0) magPos[nPos++] = p.mag[i];
  const threshold = nPos > 0 ? medianF32(magPos, nPos) : 0;
  const selected = new Float32Array(p.count);
  let n = 0;
  for (let i = 0; i < p.count; i++) if (p.pitch[i] > 0 && p.mag[i] >= threshold) selected[n++] = p.pitch[i];
  return pitchTuning(selected.subarray(0, n), { resolution: options.resolution, binsPerOctave: options.binsPerOctave });
}
