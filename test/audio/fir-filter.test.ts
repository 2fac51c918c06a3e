import { test } from "node:test";
import assert from "node:assert/strict";
import { fftDif, ifftDit, firStuffDecimate } from "../../src/audio/fir-filter";

function lcg(n: number, seed: number): Float64Array {
  const x = new Float64Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    x[i] = s / 4294967296 - 0.5;
  }
  return x;
}

const bitrev = (i: number, bits: number) => {
  let r = 0;
  for (let b = 0; b < bits; b++, i >>= 1) r = (r << 1) | (i & 1);
  return r;
};

test("fftDif gives the DFT in bit-reversed order; ifftDit inverts it (n·x)", () => {
  for (const n of [4, 8, 32, 128, 512]) {
    const re = lcg(n, n);
    const im = lcg(n, n + 1);
    const r = Float64Array.from(re);
    const m = Float64Array.from(im);
    fftDif(r, m);
    const bits = Math.log2(n);
    for (let k = 0; k < n; k++) {
      let sr = 0;
      let si = 0;
      for (let j = 0; j < n; j++) {
        const a = (-2 * Math.PI * j * k) / n;
        sr += re[j] * Math.cos(a) - im[j] * Math.sin(a);
        si += re[j] * Math.sin(a) + im[j] * Math.cos(a);
      }
      const b = bitrev(k, bits);
      assert.ok(Math.abs(r[b] - sr) < 1e-9 && Math.abs(m[b] - si) < 1e-9, `n=${n} k=${k}`);
    }
    ifftDit(r, m);
    for (let j = 0; j < n; j++) assert.ok(Math.abs(r[j] / n - re[j]) < 1e-12 && Math.abs(m[j] / n - im[j]) < 1e-12);
  }
});

test("the FFT path of firStuffDecimate equals the direct sum, for stuffing L and decimation M", () => {
  const g = lcg(301, 7);
  for (const [L, M] of [
    [1, 1],
    [1, 2],
    [2, 1],
    [3, 2],
    [1, 3],
  ]) {
    const x = lcg(6000, L * 10 + M);
    const nOut = Math.floor(((x.length + 150) * L) / M);
    const y = firStuffDecimate(x, g, 150, L, M, nOut); // long enough to take the FFT path
    let worst = 0;
    for (let n = 0; n < nOut; n += 7) {
      let s = 0;
      for (let j = 0; j < x.length; j++) {
        const k = 150 + n * M - j * L;
        if (k >= 0 && k < g.length) s += x[j] * g[k];
      }
      worst = Math.max(worst, Math.abs(y[n] - s));
    }
    assert.ok(worst < 1e-12, `L=${L} M=${M}: worst ${worst}`);
  }
});
