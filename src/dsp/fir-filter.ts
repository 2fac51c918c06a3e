/**
 * A long FIR applied to a zero-stuffed, decimated signal — the "dft stage" of the soxr resampler —
 * computed by FFT overlap-save (two real blocks per complex FFT; the unordered DIF/DIT pair of
 * `dsp/fft`, so no permutation) in float64, or directly for short jobs. Internal to
 * {@link ./resample}; exported for its tests.
 */
import { memoize } from "../util/memo";
import { fftDif, ifftDit } from "./fft";
import { borrow, giveBack } from "./scratch";

/** The FFT of a filter zero-padded to n points, scaled by 1/n (so the inverse FFT needs no scaling). */
const filterSpectrum = memoize(
  (g: Float64Array, n: number): { re: Float64Array; im: Float64Array } => {
    const re = new Float64Array(n);
    const im = new Float64Array(n);
    for (let i = 0; i < g.length; i++) re[i] = g[i] / n;
    fftDif(re, im); // bit-reversed, like the blocks it multiplies
    return { re, im };
  },
  // Filters are memoised plan objects, so identity is a sound key; WeakMap-free via a counter.
  (g, n) => `${filterId(g)}:${n}`,
  16,
);

const ids = new WeakMap<Float64Array, number>();
let nextId = 0;
function filterId(g: Float64Array): number {
  let id = ids.get(g);
  if (id === undefined) ids.set(g, (id = nextId++));
  return id;
}

/**
 * `y[n] = Σ_j x[j] · g[center + n·M − j·L]` for n ∈ [0, nOut), with x zero outside [0, x.length):
 * zero-stuff x by L, filter with g (whose tap `center` is time 0), keep every M-th sample.
 * @param x input [len]
 * @param g filter taps [K]
 * @param out where to write (length ≥ nOut), default a new array
 * @returns y [nOut] (a view of `out` when given)
 */
export function firStuffDecimate(x: Float64Array, g: Float64Array, center: number, L: number, M: number, nOut: number, out?: Float64Array): Float64Array {
  const K = g.length;
  const y = out ? out.subarray(0, nOut) : new Float64Array(nOut);
  if (nOut === 0) return y;
  const direct = (nOut * K) / L < 1 << 15 || K < 48;
  if (direct) {
    for (let n = 0; n < nOut; n++) {
      const t = center + n * M;
      let jLo = Math.ceil((t - (K - 1)) / L);
      let jHi = Math.floor(t / L);
      if (jLo < 0) jLo = 0;
      if (jHi > x.length - 1) jHi = x.length - 1;
      let s = 0;
      for (let j = jLo; j <= jHi; j++) s += x[j] * g[t - j * L];
      y[n] = s;
    }
    return y;
  }
  if (out) y.fill(0); // as a new array: every output is written below, but cheap insurance
  return firFft(x, g, center, L, M, nOut, y);
}

/** The largest power of two that divides n (n ≥ 1). */
function pow2Part(n: number): number {
  return n & -n;
}

/**
 * The FFT length for a K-tap filter: the power of two (≥ 2K) with the least estimated work per
 * output, N·log2 N for the transforms (N/Lf forward, N/Mf inverse) over the N − K + 1 outputs of
 * a block, with a penalty past 2048 points (the two float64 planes leave L1).
 */
function fftSize(K: number, Lf: number, Mf: number): number {
  let best = 0;
  let bestCost = Infinity;
  for (let N = 256; N <= 1 << 16; N <<= 1) {
    if (N < 2 * K) continue;
    const f = N / Lf;
    const i = N / Mf;
    const work = (f * Math.log2(f) + i * Math.log2(i)) * (N > 2048 ? 1.6 : 1) + 2 * N;
    const cost = work / (N - K + 1);
    if (cost < bestCost) {
      bestCost = cost;
      best = N;
    }
  }
  return best;
}

/**
 * FFT overlap-save for {@link firStuffDecimate}. Conceptually v[t] = Σ_k g[k]·u[t + center − k] on
 * the zero-stuffed u (u[jL] = x[j]) and y[n] = v[nM]; a block of u starting at s (N samples)
 * gives v[s + i − center] at i ∈ [K − 1, N) by circular convolution. With Lf the power-of-two
 * part of L and Mf that of M, blocks start at s ≡ 0 (mod L) and s ≡ center (mod Mf), so that:
 * - the stuffed block's spectrum is that of the block stuffed by L/Lf only (N/Lf points) repeated
 *   Lf times: the forward FFT has N/Lf points (in bit-reversed order, entry j of the short
 *   spectrum stands for entries j·Lf … j·Lf + Lf − 1 of the long one);
 * - the wanted outputs sit at i ≡ 0 (mod Mf): summing the spectrum's Mf aliases (adjacent
 *   entries in bit-reversed order) gives them from an N/Mf-point inverse FFT.
 * Two real blocks go through each complex FFT (as real and imaginary parts).
 */
function firFft(x: Float64Array, g: Float64Array, center: number, L: number, M: number, nOut: number, y: Float64Array): Float64Array {
  const K = g.length;
  const Lf = pow2Part(L);
  const Ls = L / Lf; // stuffing left to the load
  let Mf = pow2Part(M);
  // first block start: covers t = 0, s ≡ 0 (mod L), s ≡ center (mod Mf) (give up folding if impossible)
  const first = (mf: number): number | null => {
    for (let s = center - (K - 1) - L * mf; s <= center - (K - 1); s++) {
      if (((s % L) + L) % L === 0 && (((s - center) % mf) + mf) % mf === 0) {
        let t = s;
        while (t + L * mf <= center - (K - 1)) t += L * mf;
        return t;
      }
    }
    return null;
  };
  let s0 = first(Mf);
  if (s0 === null) {
    Mf = 1;
    s0 = first(1)!;
  }
  const N = fftSize(K, Lf, Mf);
  const G = filterSpectrum(g, N); // bit-reversed, scaled by 1/N
  const nf = N / Lf; // forward length
  const ni = N / Mf; // inverse length
  const fr = borrow("fir.fr", Float64Array, nf);
  const fi = borrow("fir.fi", Float64Array, nf);
  const ir = borrow("fir.ir", Float64Array, ni);
  const ii = borrow("fir.ii", Float64Array, ni);
  const period = L * Mf; // block starts keep their residues when stepping by multiples of this
  const step = Math.floor((N - K + 1) / period) * period;
  const T = (nOut - 1) * M + 1; // v is needed for t ∈ [0, T)
  const xLen = x.length;
  // Loads u stuffed by Ls from s (x[s/L + j] at j·Ls, j·Ls < nf) into dst, zero elsewhere.
  const load = (dst: Float64Array, s: number): void => {
    const j0 = s / L;
    const lo = Math.max(0, -j0);
    const hi = Math.min(Math.ceil(nf / Ls), xLen - j0);
    if (Ls === 1) {
      if (hi <= lo) {
        dst.fill(0);
        return;
      }
      if (lo > 0) dst.fill(0, 0, lo);
      dst.set(x.subarray(j0 + lo, j0 + hi), lo);
      if (hi < nf) dst.fill(0, hi, nf);
      return;
    }
    dst.fill(0);
    for (let j = lo; j < hi; j++) dst[j * Ls] = x[j0 + j];
  };
  // Stores y[n] for the outputs of the block from s (folded output i/Mf holds i).
  const mfShift = Math.round(Math.log2(Mf));
  const lfShift = Math.round(Math.log2(Lf));
  const store = (out: Float64Array, s: number): void => {
    const tLo = s + K - 1 - center;
    const nLo = Math.max(0, Math.ceil(tLo / M));
    const nHi = Math.min(nOut, Math.ceil((tLo + step) / M));
    const di = M >> mfShift; // M / Mf
    for (let n = nLo, j = (nLo * M - s + center) >> mfShift; n < nHi; n++, j += di) y[n] = out[j];
  };
  const Gr = G.re;
  const Gi = G.im;
  for (let s = s0; s + K - 1 - center < T; s += 2 * step) {
    const s1 = s + step;
    const second = s1 + K - 1 - center < T;
    load(fr, s);
    if (second) load(fi, s1);
    else fi.fill(0);
    fftDif(fr, fi);
    // times G, each short-spectrum entry standing for Lf long ones, Mf aliases folded into one
    if (Lf === 1 && Mf === 1) {
      for (let k = 0; k < N; k++) {
        const a = fr[k];
        const b = fi[k];
        ir[k] = a * Gr[k] - b * Gi[k];
        ii[k] = a * Gi[k] + b * Gr[k];
      }
    } else if (Mf === 1) {
      // upsampling (pitch shifts): each short-spectrum entry times Lf consecutive entries of G
      if (Lf === 2) {
        // soxr's ×2 stage (every pitch shift): the same products, the inner loop unrolled
        for (let j = 0, k = 0; j < nf; j++, k += 2) {
          const a = fr[j];
          const b = fi[j];
          ir[k] = a * Gr[k] - b * Gi[k];
          ii[k] = a * Gi[k] + b * Gr[k];
          ir[k + 1] = a * Gr[k + 1] - b * Gi[k + 1];
          ii[k + 1] = a * Gi[k + 1] + b * Gr[k + 1];
        }
      } else {
        for (let j = 0, k = 0; j < nf; j++) {
          const a = fr[j];
          const b = fi[j];
          for (const kEnd = k + Lf; k < kEnd; k++) {
            ir[k] = a * Gr[k] - b * Gi[k];
            ii[k] = a * Gi[k] + b * Gr[k];
          }
        }
      }
    } else {
      for (let j = 0, k = 0; j < ni; j++) {
        let sr = 0;
        let si = 0;
        for (let q = 0; q < Mf; q++, k++) {
          const a = fr[k >> lfShift];
          const b = fi[k >> lfShift];
          sr += a * Gr[k] - b * Gi[k];
          si += a * Gi[k] + b * Gr[k];
        }
        ir[j] = sr;
        ii[j] = si;
      }
    }
    ifftDit(ir, ii);
    store(ir, s);
    if (second) store(ii, s1);
  }
  giveBack("fir.fr", fr);
  giveBack("fir.fi", fi);
  giveBack("fir.ir", ir);
  giveBack("fir.ii", ii);
  return y;
}
