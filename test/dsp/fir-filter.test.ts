import { test } from "node:test";
import assert from "node:assert/strict";
import { firStuffDecimate } from "../../src/dsp/fir-filter";

function lcg(n: number, seed: number): Float64Array {
  const x = new Float64Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    x[i] = s / 4294967296 - 0.5;
  }
  return x;
}

test("the FFT path of firStuffDecimate equals the direct sum, for stuffing L and decimation M", () => {
  const g = lcg(301, 7);
  for (const [L, M] of [
    [1, 1],
    [1, 2],
    [2, 1],
    [3, 2],
    [1, 3],
    [4, 1],
    [1, 4],
    [2, 2],
    [6, 1],
    [1, 6],
    [2, 3],
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
