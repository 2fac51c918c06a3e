/**
 * Spectral contrast as librosa.feature.spectral_contrast (0.11, after Jiang et al., 2002): in each
 * octave band above `fmin` (plus one band below it), the mean of the top and of the bottom
 * `quantile` of the magnitudes in each frame, and their difference in dB.
 *
 * librosa sorts every band of every frame; we only need the k smallest and k largest values
 * (k = round(quantile · band size), a handful), so each frame keeps two k-element buffers in one pass.
 */
import { ParameterError } from "../util/errors";
import type { Matrix } from "../util/matrix";
import { assertInOpenRange, assertPositive, repr } from "../util/validate";
import type { Spectrogram } from "../dsp/spectrogram";
import { spectrogramOf } from "../dsp/spectra";
import type { StftOptions } from "../dsp/stft";
import { fftFrequencies } from "../dsp/convert";
import { powerToDb } from "../dsp/db";

/** Options of {@link spectralContrast}. */
export interface SpectralContrastOptions extends StftOptions {
  /** Sample rate in Hz, > 0. Default 22050. */
  sr?: number;
  /** Upper edge of the first band in Hz, > 0. Default 200. */
  fmin?: number;
  /** Number of octave bands above fmin, integer ≥ 1. Default 6. */
  nBands?: number;
  /** Fraction of each band taken for the peak and the valley, in (0, 1). Default 0.02. */
  quantile?: number;
  /** Return peak − valley linearly instead of in dB. Default false. */
  linear?: boolean;
  /** Centre frequency of each row of S, Hz. Default fftFrequencies(sr, nFft). */
  freq?: ArrayLike<number>;
}

/** A band: the rows [start, end) of S and the number k of values averaged at each end. */
interface Band {
  start: number;
  end: number;
  k: number;
}

function bands(freq: ArrayLike<number>, sr: number, fmin: number, nBands: number, quantile: number): Band[] {
  const octa = new Float64Array(nBands + 2);
  for (let i = 1; i < nBands + 2; i++) octa[i] = fmin * 2.0 ** (i - 1);
  for (let i = 0; i < nBands + 1; i++) {
    if (octa[i] >= 0.5 * sr)
      throw new ParameterError(`Frequency band exceeds Nyquist (fmin=${fmin}, nBands=${nBands}, sr=${sr}). Reduce either fmin or nBands.`);
  }
  const F = freq.length;
  const out: Band[] = [];
  for (let k = 0; k <= nBands; k++) {
    const lo = octa[k];
    const hi = octa[k + 1];
    let first = -1;
    let last = -1;
    for (let i = 0; i < F; i++) {
      if (freq[i] >= lo && freq[i] <= hi) {
        if (first < 0) first = i;
        last = i;
      }
    }
    if (first < 0) throw new ParameterError(`band ${k} (${lo}–${hi} Hz) contains no frequency bin: use a larger nFft or another fmin`);
    // librosa's current_band: the bins in [lo, hi], plus the one below for k > 0 (lo > 0, so
    // first ≥ 1), plus all above for the last band; below the top band its last row is dropped.
    const start = k > 0 ? first - 1 : first;
    const end = k === nBands ? F : last + 1;
    const count = end - start;
    const size = k < nBands ? count - 1 : count;
    const q = Math.max(roundHalfEven(quantile * count), 1);
    out.push({ start, end: start + size, k: Math.min(q, Math.max(size, 1)) });
  }
  return out;
}

/**
 * For each frame t, the k smallest values of rows [start, end) of d (ascending, into low[t·k …])
 * and the k largest (descending, into high[t·k …]); k ≤ end − start. Rows are read with frames
 * innermost, so d is read contiguously; a value is inserted only when it beats the current k-th
 * smallest or largest (±Infinity until k values are in).
 */
function bandExtremes(d: Float32Array, T: number, start: number, end: number, k: number, low: Float64Array, high: Float64Array): void {
  low.fill(Infinity);
  high.fill(-Infinity);
  const last = k - 1;
  // Spectra mostly fall with frequency: scanning upwards for the largest and downwards for the
  // smallest makes replacements rare (each value costs one comparison).
  for (let f = end - 1; f >= start; f--) {
    const off = f * T;
    for (let t = 0, lb = 0; t < T; t++, lb += k) {
      const v = d[off + t];
      if (v < low[lb + last]) insertAscending(low, lb, last, v);
    }
  }
  for (let f = start; f < end; f++) {
    const off = f * T;
    for (let t = 0, lb = 0; t < T; t++, lb += k) {
      const v = d[off + t];
      if (v > high[lb + last]) insertDescending(high, lb, last, v);
    }
  }
}

function insertAscending(a: Float64Array, lb: number, last: number, v: number): void {
  let i = last;
  while (i > 0 && a[lb + i - 1] > v) {
    a[lb + i] = a[lb + i - 1];
    i--;
  }
  a[lb + i] = v;
}

function insertDescending(a: Float64Array, lb: number, last: number, v: number): void {
  let i = last;
  while (i > 0 && a[lb + i - 1] < v) {
    a[lb + i] = a[lb + i - 1];
    i--;
  }
  a[lb + i] = v;
}

function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Spectral contrast per octave band (librosa.feature.spectral_contrast).
 * @param input mono audio `y` [n], or a magnitude Spectrogram (power 1) [1 + nFft/2, t]
 * @returns Matrix [nBands + 1, t] (float32): peak − valley in dB per band (linear if `linear`)
 * @example const c = spectralContrast(y, { sr: 22050 });  // c.rows === 7
 */
export function spectralContrast(input: Float32Array | Spectrogram, options: SpectralContrastOptions = {}): Matrix {
  const sr = options.sr ?? 22050;
  assertPositive("sr", sr);
  const fmin = options.fmin ?? 200;
  if (!(fmin > 0)) throw new ParameterError(`fmin=${repr(fmin)} must be a positive number`);
  const nBands = options.nBands ?? 6;
  if (!Number.isInteger(nBands) || nBands < 1) throw new ParameterError(`nBands=${repr(nBands)} must be a positive integer`);
  const quantile = options.quantile ?? 0.02;
  assertInOpenRange("quantile", quantile, 0, 1);
  const S = spectrogramOf(input, { ...options, power: 1 });
  const freq = options.freq ?? fftFrequencies(sr, S.nFft);
  if (freq.length !== S.rows) throw new ParameterError(`freq has ${freq.length} values, but S has ${S.rows} rows`);
  const bs = bands(freq, sr, fmin, nBands, quantile);
  const T = S.cols;
  const d = S.data;
  const nOut = nBands + 1;
  const peak = new Float64Array(nOut * T);
  const valley = new Float64Array(nOut * T);
  for (let bi = 0; bi < nOut; bi++) {
    const { start, end, k } = bs[bi];
    const fill = Math.min(k, end - start);
    const low = new Float64Array(T * fill);
    const high = new Float64Array(T * fill);
    bandExtremes(d, T, start, end, fill, low, high);
    // np.mean of the sorted float32 values: float32 accumulation in ascending order, stored in float64
    for (let t = 0; t < T; t++) {
      const lb = t * fill;
      let sl = 0;
      for (let j = 0; j < fill; j++) sl = Math.fround(sl + low[lb + j]);
      let sh = 0;
      for (let j = fill - 1; j >= 0; j--) sh = Math.fround(sh + high[lb + j]);
      valley[bi * T + t] = Math.fround(sl / fill);
      peak[bi * T + t] = Math.fround(sh / fill);
    }
  }
  const out = new Float32Array(nOut * T);
  if (options.linear) {
    for (let i = 0; i < out.length; i++) out[i] = peak[i] - valley[i];
  } else {
    const pd = powerToDb(peak);
    const vd = powerToDb(valley);
    for (let i = 0; i < out.length; i++) out[i] = pd[i] - vd[i];
  }
  return { data: out, rows: nOut, cols: T };
}
