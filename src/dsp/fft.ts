/**
 * Fast Fourier transforms in float64: complex FFT of any length (iterative radix-2 for powers of
 * two, Bluestein's chirp-z algorithm otherwise) and a real-input FFT that packs n real samples
 * into an n/2-point complex FFT. Plans (twiddles, bit-reversal tables) are built once per size and
 * memoised, so repeated transforms of one size (an STFT) allocate nothing.
 *
 * Conventions as numpy.fft: forward X[k] = Σ x[n] e^{-2πikn/N}; inverse scaled by 1/N; `rfft`
 * returns bins 0..N/2 (N/2 + 1 of them for even N, (N + 1)/2 for odd N).
 */
import { assertPositiveInt } from "../util/validate";
import { memoize } from "../util/memo";
import { ParameterError } from "../util/errors";

function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

/** In-place complex FFT of a fixed power-of-two length. */
class Radix2 {
  readonly cos: Float64Array;
  readonly sin: Float64Array;
  readonly rev: Uint32Array;

  constructor(readonly n: number) {
    const half = n >> 1;
    this.cos = new Float64Array(half);
    this.sin = new Float64Array(half);
    for (let k = 0; k < half; k++) {
      const a = (-2 * Math.PI * k) / n;
      this.cos[k] = Math.cos(a);
      this.sin[k] = Math.sin(a);
    }
    this.rev = new Uint32Array(n);
    const bits = Math.round(Math.log2(n));
    for (let i = 0; i < n; i++) {
      let r = 0;
      for (let b = 0, x = i; b < bits; b++, x >>= 1) r = (r << 1) | (x & 1);
      this.rev[i] = r;
    }
  }

  /**
   * Transforms (re, im) in place; `inverse` uses the conjugate twiddles and no scaling.
   * Decimation in time after a bit-reversal permutation; two radix-2 stages are fused per pass
   * (a radix-2² butterfly on four points), which halves the passes over memory.
   */
  run(re: Float64Array, im: Float64Array, inverse: boolean): void {
    const { n, rev, cos, sin } = this;
    for (let i = 0; i < n; i++) {
      const j = rev[i];
      if (j > i) {
        let t = re[i];
        re[i] = re[j];
        re[j] = t;
        t = im[i];
        im[i] = im[j];
        im[j] = t;
      }
    }
    const sgn = inverse ? -1 : 1;
    let size = 1;
    // One plain radix-2 pass when log2(n) is odd, so the rest pairs up.
    if (Math.round(Math.log2(n)) % 2 === 1) {
      for (let a = 0; a < n; a += 2) {
        const xr = re[a + 1];
        const xi = im[a + 1];
        re[a + 1] = re[a] - xr;
        im[a + 1] = im[a] - xi;
        re[a] += xr;
        im[a] += xi;
      }
      size = 2;
    }
    // First fused pass on 4-point groups when log2(n) is even: every twiddle is 1 (no products).
    if (size === 1 && n >= 4) {
      for (let a0 = 0; a0 < n; a0 += 4) {
        const a1 = a0 + 1;
        const a2 = a0 + 2;
        const a3 = a0 + 3;
        const b0r = re[a0] + re[a1];
        const b0i = im[a0] + im[a1];
        const b1r = re[a0] - re[a1];
        const b1i = im[a0] - im[a1];
        const b2r = re[a2] + re[a3];
        const b2i = im[a2] + im[a3];
        const d3r = re[a2] - re[a3];
        const d3i = im[a2] - im[a3];
        const c3r = sgn * d3i;
        const c3i = -sgn * d3r;
        re[a0] = b0r + b2r;
        im[a0] = b0i + b2i;
        re[a2] = b0r - b2r;
        im[a2] = b0i - b2i;
        re[a1] = b1r + c3r;
        im[a1] = b1i + c3i;
        re[a3] = b1r - c3r;
        im[a3] = b1i - c3i;
      }
      size = 4;
    }
    // Fused passes: combine four DFTs of length `size` into one of length m = 4·size.
    for (; size < n; size <<= 2) {
      const m = size << 2;
      const q = size; // = m / 4
      const step = n / m; // twiddle stride for W_m^k in the length-n table
      for (let start = 0; start < n; start += m) {
        for (let k = 0; k < q; k++) {
          // W_m^{2k} (the inner stage's twiddle) and W_m^k (the outer stage's)
          const t1 = 2 * k * step;
          const w2r = cos[t1];
          const w2i = sgn * sin[t1];
          const t0 = k * step;
          const wr = cos[t0];
          const wi = sgn * sin[t0];
          const a0 = start + k;
          const a1 = a0 + q;
          const a2 = a1 + q;
          const a3 = a2 + q;
          // inner stage: (a0, a1) and (a2, a3) with W_{m/2}^k = W_m^{2k}
          let xr = re[a1] * w2r - im[a1] * w2i;
          let xi = re[a1] * w2i + im[a1] * w2r;
          const b0r = re[a0] + xr;
          const b0i = im[a0] + xi;
          const b1r = re[a0] - xr;
          const b1i = im[a0] - xi;
          xr = re[a3] * w2r - im[a3] * w2i;
          xi = re[a3] * w2i + im[a3] * w2r;
          const b2r = re[a2] + xr;
          const b2i = im[a2] + xi;
          const b3r = re[a2] - xr;
          const b3i = im[a2] - xi;
          // outer stage: (b0, b2) with W_m^k, (b1, b3) with W_m^{k + m/4} = ∓i·W_m^k
          const c2r = b2r * wr - b2i * wi;
          const c2i = b2r * wi + b2i * wr;
          const d3r = b3r * wr - b3i * wi;
          const d3i = b3r * wi + b3i * wr;
          // multiply by -i (forward) or +i (inverse): (x + iy)·(∓i) = ±y ∓ ix
          const c3r = sgn * d3i;
          const c3i = -sgn * d3r;
          re[a0] = b0r + c2r;
          im[a0] = b0i + c2i;
          re[a2] = b0r - c2r;
          im[a2] = b0i - c2i;
          re[a1] = b1r + c3r;
          im[a1] = b1i + c3i;
          re[a3] = b1r - c3r;
          im[a3] = b1i - c3i;
        }
      }
    }
  }
}

/** In-place complex FFT of any length through Bluestein's algorithm on a power-of-two FFT. */
class Bluestein {
  readonly m: number;
  readonly inner: Radix2;
  readonly wr: Float64Array; // chirp e^{-iπk²/n}
  readonly wi: Float64Array;
  readonly br: Float64Array; // FFT of the conjugate chirp, zero-padded and wrapped
  readonly bi: Float64Array;
  private readonly ar: Float64Array;
  private readonly ai: Float64Array;

  constructor(readonly n: number) {
    let m = 1;
    while (m < 2 * n - 1) m <<= 1;
    this.m = m;
    this.inner = new Radix2(m);
    this.wr = new Float64Array(n);
    this.wi = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      // k² mod 2n keeps the angle small and exact for large k.
      const a = (Math.PI * ((k * k) % (2 * n))) / n;
      this.wr[k] = Math.cos(a);
      this.wi[k] = -Math.sin(a);
    }
    this.br = new Float64Array(m);
    this.bi = new Float64Array(m);
    this.br[0] = this.wr[0];
    this.bi[0] = -this.wi[0];
    for (let k = 1; k < n; k++) {
      this.br[k] = this.br[m - k] = this.wr[k];
      this.bi[k] = this.bi[m - k] = -this.wi[k];
    }
    this.inner.run(this.br, this.bi, false);
    this.ar = new Float64Array(m);
    this.ai = new Float64Array(m);
  }

  run(re: Float64Array, im: Float64Array, inverse: boolean): void {
    const { n, m, wr, br, bi, ar, ai } = this;
    const sgn = inverse ? -1 : 1;
    ar.fill(0);
    ai.fill(0);
    for (let k = 0; k < n; k++) {
      const cr = wr[k];
      const ci = sgn * this.wi[k];
      ar[k] = re[k] * cr - im[k] * ci;
      ai[k] = re[k] * ci + im[k] * cr;
    }
    this.inner.run(ar, ai, false);
    for (let k = 0; k < m; k++) {
      const xr = ar[k];
      const xi = ai[k];
      // Convolve with the conjugate chirp (conjugated again for the inverse direction).
      const yr = br[k];
      const yi = sgn * bi[k];
      ar[k] = xr * yr - xi * yi;
      ai[k] = xr * yi + xi * yr;
    }
    this.inner.run(ar, ai, true);
    const s = 1 / m;
    for (let k = 0; k < n; k++) {
      const xr = ar[k] * s;
      const xi = ai[k] * s;
      const cr = wr[k];
      const ci = sgn * this.wi[k];
      re[k] = xr * cr - xi * ci;
      im[k] = xr * ci + xi * cr;
    }
  }
}

interface ComplexKernel {
  run(re: Float64Array, im: Float64Array, inverse: boolean): void;
}

const complexKernel = memoize(
  (n: number): ComplexKernel => (isPowerOfTwo(n) ? new Radix2(n) : new Bluestein(n)),
  (n) => String(n),
  32,
);

/**
 * In-place complex FFT of any length: `fft(re, im)` overwrites (re, im) with the transform.
 * With `inverse: true` computes the inverse transform including the 1/n scaling (numpy.fft.ifft).
 * @param re real parts [n] @param im imaginary parts [n]
 * @example const re = Float64Array.of(1, 0, 0, 0), im = new Float64Array(4); fft(re, im); // all ones
 */
export function fft(re: Float64Array, im: Float64Array, options: { inverse?: boolean } = {}): void {
  const n = re.length;
  if (im.length !== n) throw new ParameterError(`fft: re has ${n} values but im has ${im.length}`);
  assertPositiveInt("n", n);
  if (n === 1) return;
  complexKernel(n).run(re, im, options.inverse ?? false);
  if (options.inverse) {
    const s = 1 / n;
    for (let i = 0; i < n; i++) {
      re[i] *= s;
      im[i] *= s;
    }
  }
}

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
  private readonly tc: Float64Array; // cos(2πk/n)
  private readonly ts: Float64Array; // sin(2πk/n)
  private readonly kernel: ComplexKernel;

  constructor(readonly n: number) {
    assertPositiveInt("n", n);
    this.bins = (n >> 1) + 1;
    if (n % 2 === 0) {
      this.half = n >> 1;
      this.kernel = complexKernel(Math.max(this.half, 1));
      this.tc = new Float64Array(this.half + 1);
      this.ts = new Float64Array(this.half + 1);
      for (let k = 0; k <= this.half; k++) {
        this.tc[k] = Math.cos((2 * Math.PI * k) / n);
        this.ts[k] = Math.sin((2 * Math.PI * k) / n);
      }
      this.zr = new Float64Array(this.half);
      this.zi = new Float64Array(this.half);
    } else {
      this.half = 0;
      this.kernel = complexKernel(n);
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
      this.kernel.run(zr, zi, false);
      for (let k = 0; k < this.bins; k++) {
        outRe[k] = zr[k];
        outIm[k] = zi[k];
      }
      return;
    }
    const h = this.half;
    if (len === n) {
      for (let i = 0; i < h; i++) {
        zr[i] = x[2 * i];
        zi[i] = x[2 * i + 1];
      }
    } else {
      zr.fill(0);
      zi.fill(0);
      for (let i = 0; i < len; i++) {
        if (i & 1) zi[i >> 1] = x[i];
        else zr[i >> 1] = x[i];
      }
    }
    if (h > 1) this.kernel.run(zr, zi, false);
    const { tc, ts } = this;
    // X[k] = E[k] + e^{-2πik/n} O[k], with E = (Z[k] + conj Z[h-k]) / 2, O = (Z[k] - conj Z[h-k]) / 2i
    outRe[0] = zr[0] + zi[0];
    outIm[0] = 0;
    outRe[h] = zr[0] - zi[0];
    outIm[h] = 0;
    for (let k = 1; k < h; k++) {
      const ar = zr[k];
      const ai = zi[k];
      const br = zr[h - k];
      const bi = -zi[h - k];
      const er = 0.5 * (ar + br);
      const ei = 0.5 * (ai + bi);
      const or = 0.5 * (ai - bi);
      const oi = -0.5 * (ar - br);
      const c = tc[k];
      const s = ts[k];
      // (c - i s) * (or + i oi)
      outRe[k] = er + (c * or + s * oi);
      outIm[k] = ei + (c * oi - s * or);
    }
  }

  /**
   * Inverse transform (numpy.fft.irfft with length n) of `re`/`im` (length ≥ bins; the imaginary
   * parts of bin 0 and, for even n, bin n/2 are ignored, as numpy does) into `out` (length n).
   */
  inverse(re: ArrayLike<number>, im: ArrayLike<number>, out: Float64Array | Float32Array): void {
    const { n, zr, zi } = this;
    if (n % 2 === 1) {
      // Rebuild the Hermitian spectrum and run a complex inverse.
      zr[0] = re[0];
      zi[0] = 0;
      for (let k = 1; k < this.bins; k++) {
        zr[k] = re[k];
        zi[k] = im[k];
        zr[n - k] = re[k];
        zi[n - k] = -im[k];
      }
      this.kernel.run(zr, zi, true);
      for (let i = 0; i < n; i++) out[i] = zr[i] / n;
      return;
    }
    const h = this.half;
    const { tc, ts } = this;
    // Z[k] = E[k] + i O[k], E = (X[k] + conj X[h-k]) / 2, O = e^{+2πik/n} (X[k] - conj X[h-k]) / 2
    for (let k = 0; k < h; k++) {
      const xr = re[k];
      const xi = k === 0 ? 0 : im[k];
      const yr = re[h - k];
      const yi = h - k === h ? 0 : -im[h - k];
      const er = 0.5 * (xr + yr);
      const ei = 0.5 * (xi + yi);
      const dr = 0.5 * (xr - yr);
      const di = 0.5 * (xi - yi);
      const c = tc[k];
      const s = ts[k];
      const or = c * dr - s * di;
      const oi = c * di + s * dr;
      zr[k] = er - oi;
      zi[k] = ei + or;
    }
    if (h > 1) this.kernel.run(zr, zi, true);
    const scale = 1 / h;
    for (let i = 0; i < h; i++) {
      out[2 * i] = zr[i] * scale;
      out[2 * i + 1] = zi[i] * scale;
    }
  }
}

/** A memoised {@link RealFft} for length n (shared: use from one place at a time). */
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
  const plan = new RealFft(n);
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
  const plan = new RealFft(n);
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
