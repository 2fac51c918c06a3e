/**
 * Real-input FFTs in float64: {@link RealFft} packs n real samples (n even) into an n/2-point
 * complex FFT and splits the result, with windowed-frame entry points for the STFT and the ISTFT
 * (the fused kernels of stft-kernels.ts), and numpy.fft's {@link rfft} / {@link irfft}.
 *
 * Conventions as numpy.fft: `rfft` returns bins 0..N/2 (N/2 + 1 of them for even N, (N + 1)/2 for
 * odd N); the inverse is scaled by 1/N. Plans are memoised by size ({@link realFft}), and so
 * `rfft`/`irfft` of one size share one plan.
 */
import { assertPositiveInt } from "../util/validate";
import { memoize } from "../util/memo";
import { isPowerOfTwo } from "../util/numeric";
import { complexKernel } from "./fft";
import { pow2Fft, type Pow2Fft } from "./pow2-fft";
import type { ComplexKernel } from "./bluestein";
import { radix8FirstWindowed, radix8LastOverlapAdd } from "./stft-kernels";

/**
 * A real-input FFT plan of length n (even n packs the input into an n/2-point complex FFT).
 * `forward` fills n/2 + 1 bins (⌊n/2⌋ + 1 for odd n); `inverse` is numpy.fft.irfft (scaled by 1/n).
 * Reuses internal buffers: one plan must not be used from two places at once.
 */
export class RealFft {
  /** Number of output bins, ⌊n/2⌋ + 1. */
  readonly bins: number;
  private readonly half: number;
  private readonly zr: Float64Array;
  private readonly zi: Float64Array;
  private readonly tc: Float64Array; // cos(2πk/n), k ≤ n/2
  private readonly ts: Float64Array; // sin(2πk/n)
  private readonly kernel: ComplexKernel;
  /** The half-length power-of-two plan when n/2 ≥ 8 is a power of two (permutation folded into loads/stores). */
  private readonly p2: Pow2Fft | null;

  constructor(readonly n: number) {
    assertPositiveInt("n", n);
    this.bins = (n >> 1) + 1;
    if (n % 2 === 0) {
      const h = n >> 1;
      this.half = h;
      this.kernel = complexKernel(h);
      this.p2 = isPowerOfTwo(h) && h >= 8 ? pow2Fft(h) : null;
      this.tc = new Float64Array(h + 1);
      this.ts = new Float64Array(h + 1);
      for (let k = 0; k <= h; k++) {
        this.tc[k] = Math.cos((2 * Math.PI * k) / n);
        this.ts[k] = Math.sin((2 * Math.PI * k) / n);
      }
      this.zr = new Float64Array(h);
      this.zi = new Float64Array(h);
    } else {
      this.half = 0;
      this.kernel = complexKernel(n);
      this.p2 = null;
      this.tc = this.ts = new Float64Array(0);
      this.zr = new Float64Array(n);
      this.zi = new Float64Array(n);
    }
  }

  /**
   * Forward transform of `x` (length n; a shorter input is zero-padded) into `outRe`/`outIm`
   * (length ≥ bins).
   */
  forward(x: ArrayLike<number>, outRe: Float64Array | Float32Array, outIm: Float64Array | Float32Array): void {
    const { n, zr, zi } = this;
    const len = Math.min(x.length, n);
    if (n % 2 === 1) {
      zr.fill(0);
      zi.fill(0);
      for (let i = 0; i < len; i++) zr[i] = x[i];
      if (n > 1) this.kernel.forward(zr, zi);
      for (let k = 0; k < this.bins; k++) {
        outRe[k] = zr[k];
        outIm[k] = zi[k];
      }
      return;
    }
    const h = this.half;
    const p2 = this.p2;
    if (len < n) {
      zr.fill(0);
      zi.fill(0);
    }
    if (p2) {
      // bit-reversed load, then decimation in time
      const rev = p2.rev;
      const m = len >> 1;
      for (let i = 0; i < m; i++) {
        const j = rev[i];
        zr[j] = x[2 * i];
        zi[j] = x[2 * i + 1];
      }
      if (len & 1) zr[rev[m]] = x[len - 1];
      p2.dit(zr, zi);
    } else {
      for (let i = 0; i < len; i++) {
        if (i & 1) zi[i >> 1] = x[i];
        else zr[i >> 1] = x[i];
      }
      if (h > 1) this.kernel.forward(zr, zi);
    }
    this.split(outRe, outIm, 0);
  }

  /**
   * The STFT's inner step: windows the frame `x[off .. off + n)` by `w` (float64 products),
   * transforms it, and writes its `bins` values to outRe/outIm[base .. base + bins) — as float32
   * (complex64) when those are Float32Arrays. Requires even n and `x` long enough.
   */
  forwardWindowed(
    x: Float32Array | Float64Array,
    off: number,
    w: Float64Array,
    outRe: Float32Array | Float64Array,
    outIm: Float32Array | Float64Array,
    base: number,
  ): void {
    const { n, zr, zi, p2 } = this;
    if (n % 2 === 1) {
      const buf = new Float64Array(n);
      for (let i = 0; i < n; i++) buf[i] = w[i] * x[off + i];
      this.forward(buf, zr, zi);
      for (let k = 0; k < this.bins; k++) {
        outRe[base + k] = zr[k];
        outIm[base + k] = zi[k];
      }
      return;
    }
    const h = this.half;
    if (p2) {
      // p2 exists only for h ≥ 8: the load is fused into the first DIT pass
      radix8FirstWindowed(x, off, w, zr, zi, h, p2.groupRev);
      p2.dit(zr, zi, true);
    } else {
      for (let i = 0; i < h; i++) {
        const s = off + 2 * i;
        zr[i] = w[2 * i] * x[s];
        zi[i] = w[2 * i + 1] * x[s + 1];
      }
      if (h > 1) this.kernel.forward(zr, zi);
    }
    this.split(outRe, outIm, base);
  }

  /** X[k] = E[k] + e^{−2πik/n}·O[k] from the packed half-length transform Z (natural order). */
  private split(outRe: Float64Array | Float32Array, outIm: Float64Array | Float32Array, base: number): void {
    const { zr, zi, tc, ts } = this;
    const h = this.half;
    // bin 0 and bin h (Nyquist) are real
    outRe[base] = zr[0] + zi[0];
    outIm[base] = 0;
    outRe[base + h] = zr[0] - zi[0];
    outIm[base + h] = 0;
    // E = (Z[k] + conj Z[h−k])/2, O = (Z[k] − conj Z[h−k])/2i; bins k and h − k share the same two Z values.
    for (let k = 1, q = h - 1; k <= q; k++, q--) {
      const ar = zr[k];
      const ai = zi[k];
      const br = zr[q];
      const bi = zi[q];
      const er = 0.5 * (ar + br);
      const ei = 0.5 * (ai - bi);
      const or = 0.5 * (ai + bi);
      const oi = -0.5 * (ar - br);
      let c = tc[k];
      let s = ts[k];
      outRe[base + k] = er + (c * or + s * oi);
      outIm[base + k] = ei + (c * oi - s * or);
      if (q === k) break;
      // bin q = h − k: E_q = conj E, O_q = conj O
      c = tc[q];
      s = ts[q];
      outRe[base + q] = er + (c * or - s * oi);
      outIm[base + q] = -ei - (c * oi + s * or);
    }
  }

  /**
   * Inverse transform (numpy.fft.irfft with length n) of `re`/`im` [base .. base + bins) (the
   * imaginary parts of bin 0 and, for even n, bin n/2 are ignored, as numpy does) into `out` (length n).
   */
  inverse(re: ArrayLike<number>, im: ArrayLike<number>, out: Float64Array | Float32Array, base = 0): void {
    const { n, zr, zi } = this;
    if (n % 2 === 1) {
      // Rebuild the Hermitian spectrum and run a complex inverse.
      zr[0] = re[base];
      zi[0] = 0;
      for (let k = 1; k < this.bins; k++) {
        zr[k] = re[base + k];
        zi[k] = im[base + k];
        zr[n - k] = re[base + k];
        zi[n - k] = -im[base + k];
      }
      if (n > 1) this.kernel.forward(zi, zr);
      for (let i = 0; i < n; i++) out[i] = zr[i] / n;
      return;
    }
    this.evenInverse(re, im, base, out, null, 0);
  }

  /** The even-n inverse: into `out`, or, with `win`, windowed and added at out[off …]. */
  private evenInverse(
    re: ArrayLike<number>,
    im: ArrayLike<number>,
    base: number,
    out: Float64Array | Float32Array,
    win: Float64Array | null,
    off: number,
  ): void {
    const { zr, zi } = this;
    const h = this.half;
    const { tc, ts } = this;
    // Z[k] = E[k] + i O[k], E = (X[k] + conj X[h-k]) / 2, O = e^{+2πik/n} (X[k] - conj X[h-k]) / 2.
    // Bins k and h − k use the same two X values: one iteration computes both Z[k] and Z[h − k]
    // (each with its own twiddle, so the results are those of one bin per iteration).
    // k = 0 pairs bin 0 with bin h, both real (their imaginary parts are ignored).
    {
      const xr = re[base];
      const yr = re[base + h];
      const er = 0.5 * (xr + yr);
      const ei = 0.5 * (0 + 0);
      const dr = 0.5 * (xr - yr);
      const di = 0.5 * (0 - 0);
      const c = tc[0];
      const s = ts[0];
      zr[0] = er - (c * di + s * dr);
      zi[0] = ei + (c * dr - s * di);
    }
    for (let k = 1, q = h - 1; k <= q; k++, q--) {
      const ar = re[base + k];
      const ai = im[base + k];
      const br = re[base + q];
      const bi = im[base + q];
      // bin k: X[k] = a, X[h − k] = b
      {
        const er = 0.5 * (ar + br);
        const ei = 0.5 * (ai + -bi);
        const dr = 0.5 * (ar - br);
        const di = 0.5 * (ai - -bi);
        const c = tc[k];
        const s = ts[k];
        zr[k] = er - (c * di + s * dr);
        zi[k] = ei + (c * dr - s * di);
      }
      if (q === k) break;
      // bin q = h − k: X[q] = b, X[h − q] = a
      {
        const er = 0.5 * (br + ar);
        const ei = 0.5 * (bi + -ai);
        const dr = 0.5 * (br - ar);
        const di = 0.5 * (bi - -ai);
        const c = tc[q];
        const s = ts[q];
        zr[q] = er - (c * di + s * dr);
        zi[q] = ei + (c * dr - s * di);
      }
    }
    const scale = 1 / h;
    const p2 = this.p2;
    if (p2) {
      // inverse by decimation in frequency (arrays swapped), bit-reversed store
      if (win) {
        // the overlap-add is fused into the last DIF pass (p2 exists only for h ≥ 8)
        p2.dif(zi, zr, true);
        radix8LastOverlapAdd(zi, zr, h, p2.groupRev, scale, win, out, off);
      } else {
        p2.dif(zi, zr);
        const rev = p2.rev;
        for (let i = 0; i < h; i++) {
          const j = rev[i];
          out[2 * i] = zr[j] * scale;
          out[2 * i + 1] = zi[j] * scale;
        }
      }
      return;
    }
    if (h > 1) this.kernel.forward(zi, zr);
    if (win) {
      for (let i = 0; i < h; i++) {
        out[off + 2 * i] += win[2 * i] * (zr[i] * scale);
        out[off + 2 * i + 1] += win[2 * i + 1] * (zi[i] * scale);
      }
    } else {
      for (let i = 0; i < h; i++) {
        out[2 * i] = zr[i] * scale;
        out[2 * i + 1] = zi[i] * scale;
      }
    }
  }

  /**
   * Overlap-add synthesis step: `out[off + i] += win[i] · irfft(re, im)[i]` for i < n, with the
   * bins read at re/im[base …] as {@link inverse} (even n; the same products as inverse() and
   * a separate loop, without the intermediate frame).
   */
  inverseAdd(re: ArrayLike<number>, im: ArrayLike<number>, base: number, win: Float64Array, out: Float64Array, off: number): void {
    if (this.n % 2 === 1) {
      const frame = new Float64Array(this.n);
      this.inverse(re, im, frame, base);
      for (let i = 0; i < this.n; i++) out[off + i] += win[i] * frame[i];
      return;
    }
    this.evenInverse(re, im, base, out, win, off);
  }
}

/**
 * The memoised {@link RealFft} of length n (the 32 most recently used sizes are kept), shared by
 * {@link rfft}, {@link irfft} and the STFT: use it from one place at a time (every method runs to
 * completion synchronously, so sequential callers never see each other's buffers).
 */
export const realFft = memoize(
  (n: number) => new RealFft(n),
  (n) => String(n),
  32,
);

/**
 * numpy.fft.rfft: the ⌊n/2⌋ + 1 non-negative-frequency bins of a real signal.
 * @param x real signal; zero-padded or truncated to `n` (default x.length)
 * @returns { re, im } each [⌊n/2⌋ + 1]
 * @example rfft(Float64Array.of(1, 2, 3, 4)).re  // [10, -2, -2]
 */
export function rfft(x: ArrayLike<number>, n: number = x.length): { re: Float64Array; im: Float64Array } {
  const plan = realFft(n);
  const re = new Float64Array(plan.bins);
  const im = new Float64Array(plan.bins);
  plan.forward(x.length > n ? Array.prototype.slice.call(x, 0, n) : x, re, im);
  return { re, im };
}

/**
 * numpy.fft.irfft: the real signal of length `n` (default 2·(bins − 1)) whose rfft is (re, im).
 * @returns Float64Array [n]
 */
export function irfft(re: ArrayLike<number>, im: ArrayLike<number>, n: number = 2 * (re.length - 1)): Float64Array {
  const plan = realFft(n);
  if (re.length < plan.bins || im.length < plan.bins) {
    // numpy zero-pads a short spectrum.
    const r = new Float64Array(plan.bins);
    const i = new Float64Array(plan.bins);
    for (let k = 0; k < Math.min(re.length, plan.bins); k++) r[k] = re[k];
    for (let k = 0; k < Math.min(im.length, plan.bins); k++) i[k] = im[k];
    re = r;
    im = i;
  }
  const out = new Float64Array(n);
  plan.inverse(re, im, out);
  return out;
}
