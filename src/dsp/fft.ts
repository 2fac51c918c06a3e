/**
 * Fast Fourier transforms in float64 — the one FFT of the toolkit:
 *
 * - {@link Pow2Fft}: complex FFT of a power-of-two length, radix-8 passes (the 8-point butterfly
 *   needs 2 real multiplies besides its 7 twiddles) with one radix-2 or radix-4 pass for the
 *   remaining factor, per-pass twiddle tables laid out contiguously in the order they are read,
 *   and a twiddle-free first/last pass. It runs in two orderings: decimation in frequency
 *   (natural order in, bit-reversed order out) and decimation in time (bit-reversed in, natural
 *   out). Convolution needs no permutation at all ({@link fftDif} → multiply → {@link ifftDit});
 *   an ordered transform folds the permutation into a load or store.
 * - Bluestein's chirp-z algorithm for every other length.
 * - {@link RealFft}: a real-input FFT that packs n real samples into an n/2-point complex FFT,
 *   with a windowed-frame entry point for the STFT.
 *
 * Every transform here is a forward one: the inverse is the forward transform with the real and
 * imaginary arrays swapped (swap(z) = i·conj(z), so FFT(swap(x)) = swap(n·IFFT(x))), which costs
 * nothing.
 *
 * Conventions as numpy.fft: forward X[k] = Σ x[n] e^{-2πikn/N}; inverse scaled by 1/N; `rfft`
 * returns bins 0..N/2 (N/2 + 1 of them for even N, (N + 1)/2 for odd N). Plans are built once per
 * size and memoised; repeated transforms of one size allocate nothing.
 */
import { assertPositiveInt } from "../util/validate";
import { memoize } from "../util/memo";
import { ParameterError } from "../util/errors";

const SQRT1_2 = Math.SQRT1_2;

function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

/** cos/sin of −2π·j·k/S for j = 1 … radix − 1 and k = 0 … S/radix − 1, k-major. */
function twiddles(S: number, radix: number): Float64Array {
  const q = S / radix;
  const t = new Float64Array(2 * (radix - 1) * q);
  let p = 0;
  for (let k = 0; k < q; k++) {
    for (let j = 1; j < radix; j++) {
      const a = (-2 * Math.PI * ((j * k) % S)) / S;
      t[p++] = Math.cos(a);
      t[p++] = Math.sin(a);
    }
  }
  return t;
}

/**
 * Complex FFT plan of a power-of-two length n, forward direction (e^{−2πi·kn/N}), in place on
 * split re/im arrays. For the inverse (unscaled), pass the arrays swapped: `dif(im, re)`.
 *
 * Passes: log2(n) = 3·p + r. In decimation-in-frequency order the radix-2^r pass (with
 * twiddles) comes first and the last radix-8 pass (span 8) has no twiddles; decimation in time
 * runs the mirror image.
 */
export class Pow2Fft {
  /** Bit-reversal permutation of [0, n). */
  readonly rev: Uint32Array;
  /** 1, 2 or 4: the radix of the pass that is not radix-8. */
  private readonly rest: number;
  private readonly restTw: Float64Array;
  /** Radix-8 passes with twiddles, in DIF order (largest span first): span S and table. */
  private readonly spans: number[] = [];
  private readonly tws: Float64Array[] = [];

  constructor(readonly n: number) {
    if (!isPowerOfTwo(n)) throw new ParameterError(`n=${n} must be a power of two`);
    const bits = Math.round(Math.log2(n));
    this.rev = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      let r = 0;
      for (let b = 0, x = i; b < bits; b++, x >>= 1) r = (r << 1) | (x & 1);
      this.rev[i] = r;
    }
    this.rest = 1 << bits % 3;
    this.restTw = this.rest > 1 ? twiddles(n, this.rest) : new Float64Array(0);
    for (let S = n / this.rest; S > 8; S >>= 3) {
      this.spans.push(S);
      this.tws.push(twiddles(S, 8));
    }
  }

  /**
   * Forward FFT, natural order in, bit-reversed order out (decimation in frequency).
   * @param skipLast leave out the last pass (radix-8, span 8), e.g. for {@link radix8LastOverlapAdd}
   */
  dif(re: Float64Array, im: Float64Array, skipLast = false): void {
    const n = this.n;
    if (n < 2) return;
    if (this.rest === 2) difRadix2(re, im, n, this.restTw);
    else if (this.rest === 4) difRadix4(re, im, n, this.restTw);
    for (let s = 0; s < this.spans.length; s++) radix8(re, im, n, this.spans[s], this.tws[s], false);
    if (n >= 8 && !skipLast) radix8(re, im, n, 8, null, false);
  }

  /**
   * For n ≥ 8: entry g of this table is the bit reversal of g over log2(n/8) bits. Position 8g + s
   * of the bit-reversed order holds element rev3(s)·n/8 + groupRev[g] of the natural order, so the
   * first DIT pass (and the last DIF pass) works on the elements groupRev[g] + m·n/8, m = 0 … 7.
   */
  get groupRev(): Uint32Array {
    if (!this.groupRevTable) {
      const m = this.n >> 3;
      const t = new Uint32Array(m);
      for (let g = 0; g < m; g++) t[g] = this.rev[8 * g] ; // rev(8g) = rev3(0)·n/8 + rev_{n/8}(g)
      this.groupRevTable = t;
    }
    return this.groupRevTable;
  }

  private groupRevTable: Uint32Array | null = null;

  /**
   * Forward FFT, bit-reversed order in, natural order out (decimation in time).
   * @param skipFirst the first pass (radix-8, span 8) was already done, e.g. by {@link radix8FirstWindowed}
   */
  dit(re: Float64Array, im: Float64Array, skipFirst = false): void {
    const n = this.n;
    if (n < 2) return;
    if (n >= 8 && !skipFirst) radix8(re, im, n, 8, null, true);
    for (let s = this.spans.length - 1; s >= 0; s--) radix8(re, im, n, this.spans[s], this.tws[s], true);
    if (this.rest === 2) ditRadix2(re, im, n, this.restTw);
    else if (this.rest === 4) ditRadix4(re, im, n, this.restTw);
  }

  /** Forward FFT, natural order in and out (a bit-reversal permutation, then {@link dit}). */
  forward(re: Float64Array, im: Float64Array): void {
    const { n, rev } = this;
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
    this.dit(re, im);
  }
}

/** DIF radix-2 pass over the whole array (span n) with twiddles W_n^k on the difference. */
function difRadix2(re: Float64Array, im: Float64Array, n: number, tw: Float64Array): void {
  const h = n >> 1;
  for (let k = 0; k < h; k++) {
    const b = k + h;
    const wr = tw[2 * k];
    const wi = tw[2 * k + 1];
    const dr = re[k] - re[b];
    const di = im[k] - im[b];
    re[k] += re[b];
    im[k] += im[b];
    re[b] = dr * wr - di * wi;
    im[b] = dr * wi + di * wr;
  }
}

/** DIT radix-2 pass (span n): the mirror of {@link difRadix2}. */
function ditRadix2(re: Float64Array, im: Float64Array, n: number, tw: Float64Array): void {
  const h = n >> 1;
  for (let k = 0; k < h; k++) {
    const b = k + h;
    const wr = tw[2 * k];
    const wi = tw[2 * k + 1];
    const xr = re[b] * wr - im[b] * wi;
    const xi = re[b] * wi + im[b] * wr;
    re[b] = re[k] - xr;
    im[b] = im[k] - xi;
    re[k] += xr;
    im[k] += xi;
  }
}

/** DIF radix-4 pass (span n, outputs in digit-reversed slots 0, 2, 1, 3). */
function difRadix4(re: Float64Array, im: Float64Array, n: number, tw: Float64Array): void {
  const q = n >> 2;
  for (let k = 0, t = 0; k < q; k++, t += 6) {
    const w1r = tw[t], w1i = tw[t + 1], w2r = tw[t + 2], w2i = tw[t + 3], w3r = tw[t + 4], w3i = tw[t + 5];
    const a = k, b = a + q, c = b + q, d = c + q;
    const t0r = re[a] + re[c], t0i = im[a] + im[c];
    const t1r = re[a] - re[c], t1i = im[a] - im[c];
    const t2r = re[b] + re[d], t2i = im[b] + im[d];
    // t3 = −i·(x1 − x3)
    const t3r = im[b] - im[d], t3i = re[d] - re[b];
    re[a] = t0r + t2r;
    im[a] = t0i + t2i;
    let xr = t0r - t2r;
    let xi = t0i - t2i;
    re[b] = xr * w2r - xi * w2i;
    im[b] = xr * w2i + xi * w2r;
    xr = t1r + t3r;
    xi = t1i + t3i;
    re[c] = xr * w1r - xi * w1i;
    im[c] = xr * w1i + xi * w1r;
    xr = t1r - t3r;
    xi = t1i - t3i;
    re[d] = xr * w3r - xi * w3i;
    im[d] = xr * w3i + xi * w3r;
  }
}

/** DIT radix-4 pass (span n): the mirror of {@link difRadix4}. */
function ditRadix4(re: Float64Array, im: Float64Array, n: number, tw: Float64Array): void {
  const q = n >> 2;
  for (let k = 0, t = 0; k < q; k++, t += 6) {
    const w1r = tw[t], w1i = tw[t + 1], w2r = tw[t + 2], w2i = tw[t + 3], w3r = tw[t + 4], w3i = tw[t + 5];
    const a = k, b = a + q, c = b + q, d = c + q;
    // slot b holds residue 2 (w²), c residue 1 (w), d residue 3 (w³)
    const y2r = re[b] * w2r - im[b] * w2i, y2i = re[b] * w2i + im[b] * w2r;
    const y1r = re[c] * w1r - im[c] * w1i, y1i = re[c] * w1i + im[c] * w1r;
    const y3r = re[d] * w3r - im[d] * w3i, y3i = re[d] * w3i + im[d] * w3r;
    const t0r = re[a] + y2r, t0i = im[a] + y2i;
    const t1r = re[a] - y2r, t1i = im[a] - y2i;
    const t2r = y1r + y3r, t2i = y1i + y3i;
    const t3r = y1r - y3r, t3i = y1i - y3i;
    re[a] = t0r + t2r;
    im[a] = t0i + t2i;
    re[c] = t0r - t2r;
    im[c] = t0i - t2i;
    // X[k + q] = t1 − i·t3, X[k + 3q] = t1 + i·t3
    re[b] = t1r + t3i;
    im[b] = t1i - t3r;
    re[d] = t1r - t3i;
    im[d] = t1i + t3r;
  }
}

/**
 * One radix-8 pass of span S (q = S/8) in either ordering; `tw` null means a pass without
 * twiddles (S = 8). The butterfly is the 8-point DFT X_j = Σ_m x_m W8^{jm}, W8 = e^{−iπ/4}:
 *   a = x0 ± x4, b = x2 ± x6, c = x1 ± x5, d = x3 ± x7;
 *   even: e = a0 ± b0, f = c0 ± d0, X0 = e0 + f0, X4 = e0 − f0, X2 = e1 − i·f1, X6 = e1 + i·f1;
 *   odd:  g = a1 ∓ i·b1, h = c1·W8 ± d1·W8³, X1 = g0 + h0, X5 = g0 − h0, X3 = g1 − i·h1, X7 = g1 + i·h1.
 * DIF reads x_m from slot m and writes X_j·W_S^{jk} to slot rev3(j); DIT reads x_m·W_S^{mk} from
 * slot rev3(m) and writes X_j to slot j (rev3 swaps 1 ↔ 4 and 3 ↔ 6).
 */
function radix8(re: Float64Array, im: Float64Array, n: number, S: number, tw: Float64Array | null, dit: boolean): void {
  const q = S >> 3;
  // slot offsets (in units of q) of x1, x3, x4, x6 when reading, and of X1, X3, X4, X6 when writing
  const r1 = dit ? 4 : 1, r3 = dit ? 6 : 3, r4 = dit ? 1 : 4, r6 = dit ? 3 : 6;
  const o1 = r4 * q, o2 = 2 * q, o3 = r6 * q, o4 = r1 * q, o5 = 5 * q, o6 = r3 * q, o7 = 7 * q;
  const i1 = r1 * q, i3 = r3 * q, i4 = r4 * q, i6 = r6 * q;
  const twIn = dit && tw !== null;
  const twOut = !dit && tw !== null;
  let w1r = 1, w1i = 0, w2r = 1, w2i = 0, w3r = 1, w3i = 0, w4r = 1, w4i = 0, w5r = 1, w5i = 0, w6r = 1, w6i = 0, w7r = 1, w7i = 0;
  for (let k = 0, t = 0; k < q; k++, t += 14) {
    if (tw) {
      w1r = tw[t], w1i = tw[t + 1], w2r = tw[t + 2], w2i = tw[t + 3], w3r = tw[t + 4], w3i = tw[t + 5], w4r = tw[t + 6], w4i = tw[t + 7];
      w5r = tw[t + 8], w5i = tw[t + 9], w6r = tw[t + 10], w6i = tw[t + 11], w7r = tw[t + 12], w7i = tw[t + 13];
    }
    for (let a = k; a < n; a += S) {
      let x0r = re[a], x0i = im[a];
      let x1r = re[a + i1], x1i = im[a + i1];
      let x2r = re[a + o2], x2i = im[a + o2];
      let x3r = re[a + i3], x3i = im[a + i3];
      let x4r = re[a + i4], x4i = im[a + i4];
      let x5r = re[a + o5], x5i = im[a + o5];
      let x6r = re[a + i6], x6i = im[a + i6];
      let x7r = re[a + o7], x7i = im[a + o7];
      if (twIn) {
        let t0 = x1r;
        x1r = t0 * w1r - x1i * w1i;
        x1i = t0 * w1i + x1i * w1r;
        t0 = x2r;
        x2r = t0 * w2r - x2i * w2i;
        x2i = t0 * w2i + x2i * w2r;
        t0 = x3r;
        x3r = t0 * w3r - x3i * w3i;
        x3i = t0 * w3i + x3i * w3r;
        t0 = x4r;
        x4r = t0 * w4r - x4i * w4i;
        x4i = t0 * w4i + x4i * w4r;
        t0 = x5r;
        x5r = t0 * w5r - x5i * w5i;
        x5i = t0 * w5i + x5i * w5r;
        t0 = x6r;
        x6r = t0 * w6r - x6i * w6i;
        x6i = t0 * w6i + x6i * w6r;
        t0 = x7r;
        x7r = t0 * w7r - x7i * w7i;
        x7i = t0 * w7i + x7i * w7r;
      }
      const a0r = x0r + x4r, a0i = x0i + x4i, a1r = x0r - x4r, a1i = x0i - x4i;
      const b0r = x2r + x6r, b0i = x2i + x6i, b1r = x2r - x6r, b1i = x2i - x6i;
      const c0r = x1r + x5r, c0i = x1i + x5i, c1r = x1r - x5r, c1i = x1i - x5i;
      const d0r = x3r + x7r, d0i = x3i + x7i, d1r = x3r - x7r, d1i = x3i - x7i;
      const e0r = a0r + b0r, e0i = a0i + b0i, e1r = a0r - b0r, e1i = a0i - b0i;
      const f0r = c0r + d0r, f0i = c0i + d0i, f1r = c0r - d0r, f1i = c0i - d0i;
      const cwr = (c1r + c1i) * SQRT1_2, cwi = (c1i - c1r) * SQRT1_2;
      const dwr = (d1i - d1r) * SQRT1_2, dwi = -(d1i + d1r) * SQRT1_2;
      const g0r = a1r + b1i, g0i = a1i - b1r, g1r = a1r - b1i, g1i = a1i + b1r;
      const h0r = cwr + dwr, h0i = cwi + dwi, h1r = cwr - dwr, h1i = cwi - dwi;
      // X0 … X7
      x0r = e0r + f0r;
      x0i = e0i + f0i;
      x4r = e0r - f0r;
      x4i = e0i - f0i;
      x2r = e1r + f1i;
      x2i = e1i - f1r;
      x6r = e1r - f1i;
      x6i = e1i + f1r;
      x1r = g0r + h0r;
      x1i = g0i + h0i;
      x5r = g0r - h0r;
      x5i = g0i - h0i;
      x3r = g1r + h1i;
      x3i = g1i - h1r;
      x7r = g1r - h1i;
      x7i = g1i + h1r;
      if (twOut) {
        let t0 = x1r;
        x1r = t0 * w1r - x1i * w1i;
        x1i = t0 * w1i + x1i * w1r;
        t0 = x2r;
        x2r = t0 * w2r - x2i * w2i;
        x2i = t0 * w2i + x2i * w2r;
        t0 = x3r;
        x3r = t0 * w3r - x3i * w3i;
        x3i = t0 * w3i + x3i * w3r;
        t0 = x4r;
        x4r = t0 * w4r - x4i * w4i;
        x4i = t0 * w4i + x4i * w4r;
        t0 = x5r;
        x5r = t0 * w5r - x5i * w5i;
        x5i = t0 * w5i + x5i * w5r;
        t0 = x6r;
        x6r = t0 * w6r - x6i * w6i;
        x6i = t0 * w6i + x6i * w6r;
        t0 = x7r;
        x7r = t0 * w7r - x7i * w7i;
        x7i = t0 * w7i + x7i * w7r;
      }
      re[a] = x0r;
      im[a] = x0i;
      re[a + o1] = x1r;
      im[a + o1] = x1i;
      re[a + o2] = x2r;
      im[a + o2] = x2i;
      re[a + o3] = x3r;
      im[a + o3] = x3i;
      re[a + o4] = x4r;
      im[a + o4] = x4i;
      re[a + o5] = x5r;
      im[a + o5] = x5i;
      re[a + o6] = x6r;
      im[a + o6] = x6i;
      re[a + o7] = x7r;
      im[a + o7] = x7i;
    }
  }
}

/**
 * The first pass of {@link Pow2Fft.dit} (radix-8, span 8, no twiddles) fused with the load of a
 * real-FFT frame: z[i] = (w[2i]·x[off + 2i], w[2i+1]·x[off + 2i + 1]) is read straight from the
 * signal in the order the pass needs (x_m of group g is z[groupRev[g] + m·n/8]), so the frame is
 * never written in bit-reversed order first. Same products and butterflies as the two steps.
 */
function radix8FirstWindowed(x: Float32Array | Float64Array, off: number, w: Float64Array, re: Float64Array, im: Float64Array, n: number, groupRev: Uint32Array): void {
  const Q = n >> 3;
  const Q2 = 2 * Q;
  for (let g = 0, a = 0; g < Q; g++, a += 8) {
    let i = 2 * groupRev[g];
    let s = off + i;
    const x0r = w[i] * x[s], x0i = w[i + 1] * x[s + 1];
    i += Q2;
    s += Q2;
    const x1r = w[i] * x[s], x1i = w[i + 1] * x[s + 1];
    i += Q2;
    s += Q2;
    const x2r = w[i] * x[s], x2i = w[i + 1] * x[s + 1];
    i += Q2;
    s += Q2;
    const x3r = w[i] * x[s], x3i = w[i + 1] * x[s + 1];
    i += Q2;
    s += Q2;
    const x4r = w[i] * x[s], x4i = w[i + 1] * x[s + 1];
    i += Q2;
    s += Q2;
    const x5r = w[i] * x[s], x5i = w[i + 1] * x[s + 1];
    i += Q2;
    s += Q2;
    const x6r = w[i] * x[s], x6i = w[i + 1] * x[s + 1];
    i += Q2;
    s += Q2;
    const x7r = w[i] * x[s], x7i = w[i + 1] * x[s + 1];
    const a0r = x0r + x4r, a0i = x0i + x4i, a1r = x0r - x4r, a1i = x0i - x4i;
    const b0r = x2r + x6r, b0i = x2i + x6i, b1r = x2r - x6r, b1i = x2i - x6i;
    const c0r = x1r + x5r, c0i = x1i + x5i, c1r = x1r - x5r, c1i = x1i - x5i;
    const d0r = x3r + x7r, d0i = x3i + x7i, d1r = x3r - x7r, d1i = x3i - x7i;
    const e0r = a0r + b0r, e0i = a0i + b0i, e1r = a0r - b0r, e1i = a0i - b0i;
    const f0r = c0r + d0r, f0i = c0i + d0i, f1r = c0r - d0r, f1i = c0i - d0i;
    const cwr = (c1r + c1i) * SQRT1_2, cwi = (c1i - c1r) * SQRT1_2;
    const dwr = (d1i - d1r) * SQRT1_2, dwi = -(d1i + d1r) * SQRT1_2;
    const g0r = a1r + b1i, g0i = a1i - b1r, g1r = a1r - b1i, g1i = a1i + b1r;
    const h0r = cwr + dwr, h0i = cwi + dwi, h1r = cwr - dwr, h1i = cwi - dwi;
    re[a] = e0r + f0r;
    im[a] = e0i + f0i;
    re[a + 4] = e0r - f0r;
    im[a + 4] = e0i - f0i;
    re[a + 2] = e1r + f1i;
    im[a + 2] = e1i - f1r;
    re[a + 6] = e1r - f1i;
    im[a + 6] = e1i + f1r;
    re[a + 1] = g0r + h0r;
    im[a + 1] = g0i + h0i;
    re[a + 5] = g0r - h0r;
    im[a + 5] = g0i - h0i;
    re[a + 3] = g1r + h1i;
    im[a + 3] = g1i - h1r;
    re[a + 7] = g1r - h1i;
    im[a + 7] = g1i + h1r;
  }
}

/**
 * The last pass of {@link Pow2Fft.dif} (radix-8, span 8, no twiddles) fused with the windowed
 * overlap-add of an inverse real FFT computed as dif(im, re): output X_j of group g is element
 * i = j·n/8 + groupRev[g] of the natural order, and out[off + 2i] += win[2i]·(Im X_j · scale),
 * out[off + 2i + 1] += win[2i + 1]·(Re X_j · scale) — the arrays are swapped, as the inverse is
 * the forward transform of swapped arrays. Same butterflies and products as the two steps.
 */
function radix8LastOverlapAdd(re: Float64Array, im: Float64Array, n: number, groupRev: Uint32Array, scale: number, win: Float64Array, out: Float64Array | Float32Array, off: number): void {
  const Q = n >> 3;
  const Q2 = 2 * Q;
  for (let g = 0, a = 0; g < Q; g++, a += 8) {
    const x0r = re[a], x0i = im[a];
    const x1r = re[a + 1], x1i = im[a + 1];
    const x2r = re[a + 2], x2i = im[a + 2];
    const x3r = re[a + 3], x3i = im[a + 3];
    const x4r = re[a + 4], x4i = im[a + 4];
    const x5r = re[a + 5], x5i = im[a + 5];
    const x6r = re[a + 6], x6i = im[a + 6];
    const x7r = re[a + 7], x7i = im[a + 7];
    const a0r = x0r + x4r, a0i = x0i + x4i, a1r = x0r - x4r, a1i = x0i - x4i;
    const b0r = x2r + x6r, b0i = x2i + x6i, b1r = x2r - x6r, b1i = x2i - x6i;
    const c0r = x1r + x5r, c0i = x1i + x5i, c1r = x1r - x5r, c1i = x1i - x5i;
    const d0r = x3r + x7r, d0i = x3i + x7i, d1r = x3r - x7r, d1i = x3i - x7i;
    const e0r = a0r + b0r, e0i = a0i + b0i, e1r = a0r - b0r, e1i = a0i - b0i;
    const f0r = c0r + d0r, f0i = c0i + d0i, f1r = c0r - d0r, f1i = c0i - d0i;
    const cwr = (c1r + c1i) * SQRT1_2, cwi = (c1i - c1r) * SQRT1_2;
    const dwr = (d1i - d1r) * SQRT1_2, dwi = -(d1i + d1r) * SQRT1_2;
    const g0r = a1r + b1i, g0i = a1i - b1r, g1r = a1r - b1i, g1i = a1i + b1r;
    const h0r = cwr + dwr, h0i = cwi + dwi, h1r = cwr - dwr, h1i = cwi - dwi;
    // X_j (re, im) → i = j·Q + r: out[2i] gets the imaginary part, out[2i + 1] the real part
    let i = 2 * groupRev[g];
    let o = off + i;
    out[o] += win[i] * ((e0i + f0i) * scale);
    out[o + 1] += win[i + 1] * ((e0r + f0r) * scale);
    i += Q2;
    o += Q2;
    out[o] += win[i] * ((g0i + h0i) * scale);
    out[o + 1] += win[i + 1] * ((g0r + h0r) * scale);
    i += Q2;
    o += Q2;
    out[o] += win[i] * ((e1i - f1r) * scale);
    out[o + 1] += win[i + 1] * ((e1r + f1i) * scale);
    i += Q2;
    o += Q2;
    out[o] += win[i] * ((g1i - h1r) * scale);
    out[o + 1] += win[i + 1] * ((g1r + h1i) * scale);
    i += Q2;
    o += Q2;
    out[o] += win[i] * ((e0i - f0i) * scale);
    out[o + 1] += win[i + 1] * ((e0r - f0r) * scale);
    i += Q2;
    o += Q2;
    out[o] += win[i] * ((g0i - h0i) * scale);
    out[o + 1] += win[i + 1] * ((g0r - h0r) * scale);
    i += Q2;
    o += Q2;
    out[o] += win[i] * ((e1i + f1r) * scale);
    out[o + 1] += win[i + 1] * ((e1r - f1i) * scale);
    i += Q2;
    o += Q2;
    out[o] += win[i] * ((g1i + h1r) * scale);
    out[o + 1] += win[i + 1] * ((g1r - h1i) * scale);
  }
}

/** A forward complex FFT of one length, natural order in and out, in place. */
interface ComplexKernel {
  forward(re: Float64Array, im: Float64Array): void;
}

/** Complex FFT of any length through Bluestein's algorithm on a power-of-two convolution. */
class Bluestein implements ComplexKernel {
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

/** The memoised {@link Pow2Fft} of length n (a power of two). */
export const pow2Fft = memoize(
  (n: number) => new Pow2Fft(n),
  (n) => String(n),
  32,
);

const complexKernel = memoize(
  (n: number): ComplexKernel => (isPowerOfTwo(n) ? pow2Fft(n) : new Bluestein(n)),
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
  if (options.inverse) {
    complexKernel(n).forward(im, re);
    const s = 1 / n;
    for (let i = 0; i < n; i++) {
      re[i] *= s;
      im[i] *= s;
    }
  } else complexKernel(n).forward(re, im);
}

/**
 * Forward complex FFT of a power-of-two length in place, natural order in, **bit-reversed order
 * out** (decimation in frequency). With {@link ifftDit}, which takes bit-reversed input, circular
 * convolution needs no permutation: `fftDif(x); fftDif(h); x ·= h; ifftDit(x)` gives n·(x ⊛ h).
 * @param re real parts [n], n a power of two @param im imaginary parts [n]
 * @example const re = Float64Array.of(1, 2, 3, 4), im = new Float64Array(4); fftDif(re, im);  // re = [10, -2, -2, -2] (X0, X2, X1, X3)
 */
export function fftDif(re: Float64Array, im: Float64Array): void {
  pow2Fft(re.length).dif(re, im);
}

/**
 * Inverse complex FFT of a power-of-two length in place, **without the 1/n scaling**,
 * bit-reversed order in, natural order out: the mirror of {@link fftDif}.
 * @param re real parts [n] @param im imaginary parts [n]
 * @example fftDif(re, im); ifftDit(re, im);  // n · the input
 */
export function ifftDit(re: Float64Array, im: Float64Array): void {
  pow2Fft(re.length).dit(im, re);
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
  forwardWindowed(x: Float32Array | Float64Array, off: number, w: Float64Array, outRe: Float32Array | Float64Array, outIm: Float32Array | Float64Array, base: number): void {
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
  private evenInverse(re: ArrayLike<number>, im: ArrayLike<number>, base: number, out: Float64Array | Float32Array, win: Float64Array | null, off: number): void {
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
