/** Measurements shared by the augmentation tests (not a test file itself). */
import { rfft } from "../../src/dsp/rfft";

/**
 * Frequency of the strongest spectral peak of y[start, start + len), in Hz: Hann window, FFT
 * zero-padded to `nfft` (default 2^17), Gaussian (log-parabolic) interpolation of the peak.
 */
export function peakFrequency(y: Float32Array, sr: number, start = 0, len = y.length - start, nfft = 1 << 17): number {
  const x = new Float64Array(nfft);
  for (let i = 0; i < len; i++) x[i] = y[start + i] * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / len));
  const { re, im } = rfft(x);
  let k = 1;
  let best = -1;
  for (let i = 1; i < re.length - 1; i++) {
    const p = re[i] * re[i] + im[i] * im[i];
    if (p > best) {
      best = p;
      k = i;
    }
  }
  const lp = (i: number): number => Math.log(re[i] * re[i] + im[i] * im[i]);
  const a = lp(k - 1);
  const b = lp(k);
  const c = lp(k + 1);
  const delta = (0.5 * (a - c)) / (a - 2 * b + c);
  return ((k + delta) * sr) / nfft;
}

/** Frequency from the mean period between linearly interpolated upward zero crossings of y[start, start + len). */
export function zeroCrossingFrequency(y: Float32Array, sr: number, start = 0, len = y.length - start): number {
  const crossings: number[] = [];
  for (let i = start + 1; i < start + len; i++) {
    if (y[i - 1] < 0 && y[i] >= 0) crossings.push(i - 1 + -y[i - 1] / (y[i] - y[i - 1]));
  }
  if (crossings.length < 2) return NaN;
  return ((crossings.length - 1) * sr) / (crossings[crossings.length - 1] - crossings[0]);
}

/** Mean power in dB: 10·log10(mean(y²)). */
export function powerDb(y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += y[i] * y[i];
  return 10 * Math.log10(s / y.length);
}

/** Decodes a fixture block (base64 little-endian float32). */
export function decodeF32(b64: string): Float32Array {
  const u = Buffer.from(b64, "base64");
  return new Float32Array(u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength));
}

/**
 * Log-spectral distance in dB between two equal-length segments: Hann-windowed frames of `frame`
 * samples, hop frame/2; rms over bins and frames of the difference of 10·log10 power, counting only
 * bins where the reference lies within `rangeDb` of its peak (the rest is numerical floor).
 */
export function logSpectralDistance(actual: ArrayLike<number>, reference: ArrayLike<number>, frame = 512, rangeDb = 80): number {
  const w = new Float64Array(frame);
  for (let i = 0; i < frame; i++) w[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / frame);
  const spectra = (y: ArrayLike<number>): Float64Array[] => {
    const out: Float64Array[] = [];
    for (let s = 0; s + frame <= y.length; s += frame / 2) {
      const x = new Float64Array(frame);
      for (let i = 0; i < frame; i++) x[i] = w[i] * y[s + i];
      const { re, im } = rfft(x);
      out.push(re.map((r, k) => 10 * Math.log10(r * r + im[k] * im[k] + 1e-30)));
    }
    return out;
  };
  const A = spectra(actual);
  const R = spectra(reference);
  let peak = -Infinity;
  for (const r of R) for (const v of r) peak = Math.max(peak, v);
  let sum = 0;
  let count = 0;
  for (let t = 0; t < R.length; t++) {
    for (let k = 0; k < R[t].length; k++) {
      if (R[t][k] < peak - rangeDb) continue;
      const d = A[t][k] - R[t][k];
      sum += d * d;
      count++;
    }
  }
  return Math.sqrt(sum / count);
}
