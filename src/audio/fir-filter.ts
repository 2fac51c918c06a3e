/**
 * A long FIR applied to a zero-stuffed, decimated signal — the "dft stage" of the soxr resampler —
 * computed by FFT overlap-save (two real blocks per complex FFT) in float64, or directly for short
 * jobs. Internal to {@link ./resample}; exported for its tests.
 */
import { memoize } from "../util/memo";

interface FftTables {
  n: number;
  /** cos/sin of −2πk/n for k ∈ [0, n) (forward twiddles W_n^k = cos + i·sin). */
  cos: Float64Array;
  sin: Float64Array;
}

const fftTables = memoize(
  (n: number): FftTables => {
    const cos = new Float64Array(n);
    const sin = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      cos[i] = Math.cos((2 * Math.PI * i) / n);
      sin[i] = -Math.sin((2 * Math.PI * i) / n);
    }
    return { n, cos, sin };
  },
  (n) => String(n),
  16,
);

/**
 * Forward complex FFT in place, natural order in, **bit-reversed order out** (decimation in
 * frequency, radix 4 with one radix-2 stage when log2(n) is odd). Used with {@link ifftDit}, which
 * takes bit-reversed input, so convolution needs no permutation at all.
 */
export function fftDif(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  const { cos, sin } = fftTables(n);
  let S = n;
  if (Math.log2(n) % 2 === 1) {
    const h = n >> 1;
    for (let k = 0; k < h; k++) {
      const a = k;
      const b = k + h;
      const dr = re[a] - re[b];
      const di = im[a] - im[b];
      re[a] += re[b];
      im[a] += im[b];
      re[b] = dr * cos[k] - di * sin[k];
      im[b] = dr * sin[k] + di * cos[k];
    }
    S = h;
  }
  for (; S >= 4; S >>= 2) {
    const q = S >> 2;
    const st = n / S;
    for (let k = 0; k < q; k++) {
      const t1 = k * st;
      const w1r = cos[t1];
      const w1i = sin[t1];
      const w2r = cos[2 * t1];
      const w2i = sin[2 * t1];
      const w3r = cos[3 * t1];
      const w3i = sin[3 * t1];
      for (let a = k; a < n; a += S) {
        const b = a + q;
        const c = b + q;
        const d = c + q;
        const t0r = re[a] + re[c];
        const t0i = im[a] + im[c];
        const t1r = re[a] - re[c];
        const t1i = im[a] - im[c];
        const t2r = re[b] + re[d];
        const t2i = im[b] + im[d];
        // t3 = −i·(x1 − x3)
        const t3r = im[b] - im[d];
        const t3i = re[d] - re[b];
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
  }
}

/** Inverse complex FFT in place (no 1/n), **bit-reversed order in**, natural order out: the mirror of {@link fftDif}. */
export function ifftDit(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  const { cos, sin } = fftTables(n);
  const odd = Math.log2(n) % 2 === 1;
  const top = odd ? n >> 1 : n;
  for (let S = 4; S <= top; S <<= 2) {
    const q = S >> 2;
    const st = n / S;
    for (let k = 0; k < q; k++) {
      const t1 = k * st;
      // conjugate twiddles u = W_S^{−k}
      const u1r = cos[t1];
      const u1i = -sin[t1];
      const u2r = cos[2 * t1];
      const u2i = -sin[2 * t1];
      const u3r = cos[3 * t1];
      const u3i = -sin[3 * t1];
      for (let a = k; a < n; a += S) {
        const b = a + q;
        const c = b + q;
        const d = c + q;
        // p1 = u²·z1, A = u·z2, B = u³·z3
        const p1r = re[b] * u2r - im[b] * u2i;
        const p1i = re[b] * u2i + im[b] * u2r;
        const Ar = re[c] * u1r - im[c] * u1i;
        const Ai = re[c] * u1i + im[c] * u1r;
        const Br = re[d] * u3r - im[d] * u3i;
        const Bi = re[d] * u3i + im[d] * u3r;
        const b0r = re[a] + p1r;
        const b0i = im[a] + p1i;
        const b1r = re[a] - p1r;
        const b1i = im[a] - p1i;
        const sr = Ar + Br;
        const si = Ai + Bi;
        // i·(A − B)
        const dr = Bi - Ai;
        const di = Ar - Br;
        re[a] = b0r + sr;
        im[a] = b0i + si;
        re[c] = b0r - sr;
        im[c] = b0i - si;
        re[b] = b1r + dr;
        im[b] = b1i + di;
        re[d] = b1r - dr;
        im[d] = b1i - di;
      }
    }
  }
  if (odd) {
    const h = n >> 1;
    for (let k = 0; k < h; k++) {
      const a = k;
      const b = k + h;
      const tr = re[b] * cos[k] + im[b] * sin[k];
      const ti = im[b] * cos[k] - re[b] * sin[k];
      re[b] = re[a] - tr;
      im[b] = im[a] - ti;
      re[a] += tr;
      im[a] += ti;
    }
  }
}

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
 * @returns y [nOut]
 */
export function firStuffDecimate(x: Float64Array, g: Float64Array, center: number, L: number, M: number, nOut: number): Float64Array {
  const K = g.length;
  const y = new Float64Array(nOut);
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
  // Full-rate output v[t] = Σ_k g[k] u[t + center − k], u = zero-stuffed x; y[n] = v[n·M].
  const T = (nOut - 1) * M + 1;
  let N = 1024;
  while (N < 8 * K && N < 16384) N <<= 1;
  while (N < 2 * K) N <<= 1;
  const B = N - (K - 1);
  const G = filterSpectrum(g, N);
  const re = new Float64Array(N);
  const im = new Float64Array(N);
  const uLen = x.length * L;
  // Loads u[start .. start + N) into dst (zero outside the stuffed signal).
  const load = (dst: Float64Array, start: number): void => {
    const end = Math.min(start + N, uLen);
    if (L === 1) {
      const s = Math.max(start, 0);
      if (s > start) dst.fill(0, 0, s - start);
      if (end > s) dst.set(x.subarray(s, end), s - start);
      dst.fill(0, Math.max(end - start, s - start), N);
      return;
    }
    dst.fill(0);
    const s = Math.ceil(Math.max(start, 0) / L) * L;
    for (let p = s, j = s / L; p < end; p += L, j++) dst[p - start] = x[j];
  };
  for (let t0 = 0; t0 < T; t0 += 2 * B) {
    const t1 = t0 + B;
    load(re, t0 + center - (K - 1));
    if (t1 < T) load(im, t1 + center - (K - 1));
    else im.fill(0);
    fftDif(re, im);
    for (let i = 0; i < N; i++) {
      const a = re[i];
      const b = im[i];
      re[i] = a * G.re[i] - b * G.im[i];
      im[i] = a * G.im[i] + b * G.re[i];
    }
    ifftDit(re, im);
    // v[t0 + m] = re[K − 1 + m]; v[t1 + m] = im[K − 1 + m]
    for (let n = Math.ceil(t0 / M); n * M < Math.min(t0 + B, T); n++) y[n] = re[K - 1 + n * M - t0];
    if (t1 < T) for (let n = Math.ceil(t1 / M); n * M < Math.min(t1 + B, T); n++) y[n] = im[K - 1 + n * M - t1];
  }
  return y;
}
