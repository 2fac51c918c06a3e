/**
 * scipy.signal.resample: resampling by truncating or zero-padding the spectrum (a periodic,
 * band-limited interpolation of the whole signal at once) — the "fft"/"scipy" `res_type` of
 * librosa.resample that the CQT accepts. Unlike resample.ts (libsoxr's streaming FIR filters),
 * the signal is treated as one period.
 */
import { fft } from "./fft";
import { realFft } from "./rfft";

/**
 * scipy.signal.resample(x, num) for real x (FFT, truncate or zero-pad, halve or double the
 * unpaired Nyquist bin, irfft) in float64, stored as float32.
 * @param x real signal [n] @param num output length ≥ 1
 * @returns Float32Array [num]
 * @example fftResample(y, Math.ceil(y.length / 2))  // half the rate
 */
export function fftResample(x: Float32Array, num: number): Float32Array {
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
