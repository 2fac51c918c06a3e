/**
 * The radix-8 complex FFT plan of a power-of-two length, float64, in place on split re/im arrays
 * ({@link Pow2Fft}): radix-8 passes (the 8-point butterfly needs 2 real multiplies besides its 7
 * twiddles) with one radix-2 or radix-4 pass for the remaining factor, per-pass twiddle tables
 * laid out contiguously in the order they are read, and a twiddle-free first/last pass. It runs
 * in two orderings: decimation in frequency (natural order in, bit-reversed order out) and
 * decimation in time (bit-reversed in, natural out). Convolution needs no permutation at all
 * (`fftDif` → multiply → `ifftDit`, in fft.ts); an ordered transform folds the permutation into a
 * load or store.
 *
 * Every transform is a forward one: the inverse is the forward transform with the real and
 * imaginary arrays swapped (swap(z) = i·conj(z), so FFT(swap(x)) = swap(n·IFFT(x))), which costs
 * nothing. Plans are memoised by size ({@link pow2Fft}).
 */
import { memoize } from "../util/memo";
import { ParameterError } from "../util/errors";
import { isPowerOfTwo } from "../util/numeric";

const SQRT1_2 = Math.SQRT1_2;

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
    this.rest = 1 << (bits % 3);
    this.restTw = this.rest > 1 ? twiddles(n, this.rest) : new Float64Array(0);
    for (let S = n / this.rest; S > 8; S >>= 3) {
      this.spans.push(S);
      this.tws.push(twiddles(S, 8));
    }
  }

  /**
   * Forward FFT, natural order in, bit-reversed order out (decimation in frequency).
   * @param skipLast leave out the last pass (radix-8, span 8), e.g. for `radix8LastOverlapAdd` (stft-kernels.ts)
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
      for (let g = 0; g < m; g++) t[g] = this.rev[8 * g]; // rev(8g) = rev3(0)·n/8 + rev_{n/8}(g)
      this.groupRevTable = t;
    }
    return this.groupRevTable;
  }

  private groupRevTable: Uint32Array | null = null;

  /**
   * Forward FFT, bit-reversed order in, natural order out (decimation in time).
   * @param skipFirst the first pass (radix-8, span 8) was already done, e.g. by `radix8FirstWindowed` (stft-kernels.ts)
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
    const w1r = tw[t],
      w1i = tw[t + 1],
      w2r = tw[t + 2],
      w2i = tw[t + 3],
      w3r = tw[t + 4],
      w3i = tw[t + 5];
    const a = k,
      b = a + q,
      c = b + q,
      d = c + q;
    const t0r = re[a] + re[c],
      t0i = im[a] + im[c];
    const t1r = re[a] - re[c],
      t1i = im[a] - im[c];
    const t2r = re[b] + re[d],
      t2i = im[b] + im[d];
    // t3 = −i·(x1 − x3)
    const t3r = im[b] - im[d],
      t3i = re[d] - re[b];
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
    const w1r = tw[t],
      w1i = tw[t + 1],
      w2r = tw[t + 2],
      w2i = tw[t + 3],
      w3r = tw[t + 4],
      w3i = tw[t + 5];
    const a = k,
      b = a + q,
      c = b + q,
      d = c + q;
    // slot b holds residue 2 (w²), c residue 1 (w), d residue 3 (w³)
    const y2r = re[b] * w2r - im[b] * w2i,
      y2i = re[b] * w2i + im[b] * w2r;
    const y1r = re[c] * w1r - im[c] * w1i,
      y1i = re[c] * w1i + im[c] * w1r;
    const y3r = re[d] * w3r - im[d] * w3i,
      y3i = re[d] * w3i + im[d] * w3r;
    const t0r = re[a] + y2r,
      t0i = im[a] + y2i;
    const t1r = re[a] - y2r,
      t1i = im[a] - y2i;
    const t2r = y1r + y3r,
      t2i = y1i + y3i;
    const t3r = y1r - y3r,
      t3i = y1i - y3i;
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
  const r1 = dit ? 4 : 1,
    r3 = dit ? 6 : 3,
    r4 = dit ? 1 : 4,
    r6 = dit ? 3 : 6;
  const o1 = r4 * q,
    o2 = 2 * q,
    o3 = r6 * q,
    o4 = r1 * q,
    o5 = 5 * q,
    o6 = r3 * q,
    o7 = 7 * q;
  const i1 = r1 * q,
    i3 = r3 * q,
    i4 = r4 * q,
    i6 = r6 * q;
  const twIn = dit && tw !== null;
  const twOut = !dit && tw !== null;
  let w1r = 1,
    w1i = 0,
    w2r = 1,
    w2i = 0,
    w3r = 1,
    w3i = 0,
    w4r = 1,
    w4i = 0,
    w5r = 1,
    w5i = 0,
    w6r = 1,
    w6i = 0,
    w7r = 1,
    w7i = 0;
  for (let k = 0, t = 0; k < q; k++, t += 14) {
    if (tw) {
      ((w1r = tw[t]), (w1i = tw[t + 1]), (w2r = tw[t + 2]), (w2i = tw[t + 3]), (w3r = tw[t + 4]), (w3i = tw[t + 5]), (w4r = tw[t + 6]), (w4i = tw[t + 7]));
      ((w5r = tw[t + 8]), (w5i = tw[t + 9]), (w6r = tw[t + 10]), (w6i = tw[t + 11]), (w7r = tw[t + 12]), (w7i = tw[t + 13]));
    }
    for (let a = k; a < n; a += S) {
      let x0r = re[a],
        x0i = im[a];
      let x1r = re[a + i1],
        x1i = im[a + i1];
      let x2r = re[a + o2],
        x2i = im[a + o2];
      let x3r = re[a + i3],
        x3i = im[a + i3];
      let x4r = re[a + i4],
        x4i = im[a + i4];
      let x5r = re[a + o5],
        x5i = im[a + o5];
      let x6r = re[a + i6],
        x6i = im[a + i6];
      let x7r = re[a + o7],
        x7i = im[a + o7];
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
      const a0r = x0r + x4r,
        a0i = x0i + x4i,
        a1r = x0r - x4r,
        a1i = x0i - x4i;
      const b0r = x2r + x6r,
        b0i = x2i + x6i,
        b1r = x2r - x6r,
        b1i = x2i - x6i;
      const c0r = x1r + x5r,
        c0i = x1i + x5i,
        c1r = x1r - x5r,
        c1i = x1i - x5i;
      const d0r = x3r + x7r,
        d0i = x3i + x7i,
        d1r = x3r - x7r,
        d1i = x3i - x7i;
      const e0r = a0r + b0r,
        e0i = a0i + b0i,
        e1r = a0r - b0r,
        e1i = a0i - b0i;
      const f0r = c0r + d0r,
        f0i = c0i + d0i,
        f1r = c0r - d0r,
        f1i = c0i - d0i;
      const cwr = (c1r + c1i) * SQRT1_2,
        cwi = (c1i - c1r) * SQRT1_2;
      const dwr = (d1i - d1r) * SQRT1_2,
        dwi = -(d1i + d1r) * SQRT1_2;
      const g0r = a1r + b1i,
        g0i = a1i - b1r,
        g1r = a1r - b1i,
        g1i = a1i + b1r;
      const h0r = cwr + dwr,
        h0i = cwi + dwi,
        h1r = cwr - dwr,
        h1i = cwi - dwi;
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

/** The memoised {@link Pow2Fft} of length n (a power of two). */
export const pow2Fft = memoize(
  (n: number) => new Pow2Fft(n),
  (n) => String(n),
  32,
);
