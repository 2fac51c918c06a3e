/**
 * The fused kernels of the STFT's hot path: the first radix-8 pass of a decimation-in-time FFT
 * fused with the windowed load of a real-FFT frame ({@link radix8FirstWindowed}), and the last
 * radix-8 pass of a decimation-in-frequency FFT fused with the windowed overlap-add of an inverse
 * real FFT ({@link radix8LastOverlapAdd}). Each does the same products and butterflies as the
 * unfused steps (`Pow2Fft`'s span-8 pass, then the load or store), so results are identical; the
 * 8-point butterfly is written out in each, as in `Pow2Fft`'s radix-8 pass, because it is the
 * innermost loop of every STFT and ISTFT.
 */

const SQRT1_2 = Math.SQRT1_2;

/**
 * The first pass of `Pow2Fft.dit` (radix-8, span 8, no twiddles) fused with the load of a
 * real-FFT frame: z[i] = (w[2i]·x[off + 2i], w[2i+1]·x[off + 2i + 1]) is read straight from the
 * signal in the order the pass needs (x_m of group g is z[groupRev[g] + m·n/8]), so the frame is
 * never written in bit-reversed order first. Same products and butterflies as the two steps.
 */
export function radix8FirstWindowed(
  x: Float32Array | Float64Array,
  off: number,
  w: Float64Array,
  re: Float64Array,
  im: Float64Array,
  n: number,
  groupRev: Uint32Array,
): void {
  const Q = n >> 3;
  const Q2 = 2 * Q;
  for (let g = 0, a = 0; g < Q; g++, a += 8) {
    let i = 2 * groupRev[g];
    let s = off + i;
    const x0r = w[i] * x[s],
      x0i = w[i + 1] * x[s + 1];
    i += Q2;
    s += Q2;
    const x1r = w[i] * x[s],
      x1i = w[i + 1] * x[s + 1];
    i += Q2;
    s += Q2;
    const x2r = w[i] * x[s],
      x2i = w[i + 1] * x[s + 1];
    i += Q2;
    s += Q2;
    const x3r = w[i] * x[s],
      x3i = w[i + 1] * x[s + 1];
    i += Q2;
    s += Q2;
    const x4r = w[i] * x[s],
      x4i = w[i + 1] * x[s + 1];
    i += Q2;
    s += Q2;
    const x5r = w[i] * x[s],
      x5i = w[i + 1] * x[s + 1];
    i += Q2;
    s += Q2;
    const x6r = w[i] * x[s],
      x6i = w[i + 1] * x[s + 1];
    i += Q2;
    s += Q2;
    const x7r = w[i] * x[s],
      x7i = w[i + 1] * x[s + 1];
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
 * The last pass of `Pow2Fft.dif` (radix-8, span 8, no twiddles) fused with the windowed
 * overlap-add of an inverse real FFT computed as dif(im, re): output X_j of group g is element
 * i = j·n/8 + groupRev[g] of the natural order, and out[off + 2i] += win[2i]·(Im X_j · scale),
 * out[off + 2i + 1] += win[2i + 1]·(Re X_j · scale) — the arrays are swapped, as the inverse is
 * the forward transform of swapped arrays. Same butterflies and products as the two steps.
 */
export function radix8LastOverlapAdd(
  re: Float64Array,
  im: Float64Array,
  n: number,
  groupRev: Uint32Array,
  scale: number,
  win: Float64Array,
  out: Float64Array | Float32Array,
  off: number,
): void {
  const Q = n >> 3;
  const Q2 = 2 * Q;
  for (let g = 0, a = 0; g < Q; g++, a += 8) {
    const x0r = re[a],
      x0i = im[a];
    const x1r = re[a + 1],
      x1i = im[a + 1];
    const x2r = re[a + 2],
      x2i = im[a + 2];
    const x3r = re[a + 3],
      x3i = im[a + 3];
    const x4r = re[a + 4],
      x4i = im[a + 4];
    const x5r = re[a + 5],
      x5i = im[a + 5];
    const x6r = re[a + 6],
      x6i = im[a + 6];
    const x7r = re[a + 7],
      x7i = im[a + 7];
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
