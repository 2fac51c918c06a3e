/**
 * Bluestein's chirp-z algorithm: the complex FFT of any length n as a circular convolution of
 * power-of-two length m ≥ 2n − 1 (chirp, {@link Pow2Fft} convolution without permutations,
 * chirp), float64, in place.
 */
import { pow2Fft, type Pow2Fft } from "./pow2-fft";

/** A forward complex FFT of one length, natural order in and out, in place. */
export interface ComplexKernel {
  forward(re: Float64Array, im: Float64Array): void;
}

/** Complex FFT of any length through Bluestein's algorithm on a power-of-two convolution. */
export class Bluestein implements ComplexKernel {
  private readonly inner: Pow2Fft;
  private readonly wr: Float64Array; // chirp e^{-iπk²/n}
  private readonly wi: Float64Array;
  private readonly br: Float64Array; // FFT of the conjugate chirp / m, bit-reversed order
  private readonly bi: Float64Array;
  private readonly ar: Float64Array;
  private readonly ai: Float64Array;

  constructor(readonly n: number) {
    let m = 1;
    while (m < 2 * n - 1) m <<= 1;
    this.inner = pow2Fft(m);
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
    const s = 1 / m; // the inverse FFT's scaling, folded into the filter
    this.br[0] = this.wr[0] * s;
    this.bi[0] = -this.wi[0] * s;
    for (let k = 1; k < n; k++) {
      this.br[k] = this.br[m - k] = this.wr[k] * s;
      this.bi[k] = this.bi[m - k] = -this.wi[k] * s;
    }
    this.inner.dif(this.br, this.bi);
    this.ar = new Float64Array(m);
    this.ai = new Float64Array(m);
  }

  forward(re: Float64Array, im: Float64Array): void {
    const { n, wr, wi, br, bi, ar, ai } = this;
    const m = ar.length;
    for (let k = 0; k < n; k++) {
      const cr = wr[k];
      const ci = wi[k];
      ar[k] = re[k] * cr - im[k] * ci;
      ai[k] = re[k] * ci + im[k] * cr;
    }
    ar.fill(0, n);
    ai.fill(0, n);
    this.inner.dif(ar, ai);
    for (let k = 0; k < m; k++) {
      const xr = ar[k];
      const xi = ai[k];
      ar[k] = xr * br[k] - xi * bi[k];
      ai[k] = xr * bi[k] + xi * br[k];
    }
    this.inner.dit(ai, ar); // inverse, bit-reversed in, natural out
    for (let k = 0; k < n; k++) {
      const xr = ar[k];
      const xi = ai[k];
      const cr = wr[k];
      const ci = wi[k];
      re[k] = xr * cr - xi * ci;
      im[k] = xr * ci + xi * cr;
    }
  }
}
