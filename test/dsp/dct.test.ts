import { test } from "node:test";
import assert from "node:assert/strict";
import { dct, dctBasis } from "../../src/dsp/dct";
import { expectClose, loadFixture } from "../helpers/fixtures";

const fx = loadFixture("features/dct");

for (const c of fx.cases) {
  test(`dct matches ${c.call}`, () => {
    const [n, T] = fx.shape;
    // the fixture's X in float64; our dct stores float32, so compare at float32 precision
    const X = { data: Float32Array.from(fx.x), rows: n, cols: T };
    const Y = dct(X, { type: c.type, norm: c.norm });
    const scale = Math.max(...c.values.map(Math.abs));
    expectClose(Y.data, c.values, { atol: 2e-6 * scale, label: c.call });
  });
}

test("the orthonormal DCT-II basis is orthonormal: B·Bᵀ = I", () => {
  for (const n of [2, 7, 40, 128]) {
    const B = dctBasis(n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += B[i * n + k] * B[j * n + k];
        assert.ok(Math.abs(s - (i === j ? 1 : 0)) < 1e-12, `n=${n}: <b${i}, b${j}> = ${s}`);
      }
    }
  }
});

test("orthonormal DCT-III inverts DCT-II", () => {
  const n = 16;
  const x = { data: Float32Array.from({ length: n * 2 }, (_, i) => Math.sin(i * 1.7) * 3), rows: n, cols: 2 };
  const back = dct(dct(x, { type: 2 }), { type: 3 });
  expectClose(back.data, x.data, { atol: 1e-5 });
});

test("nOut keeps the first coefficients; a constant has only a DC term", () => {
  const x = { data: new Float32Array(8).fill(2), rows: 8, cols: 1 };
  const y = dct(x, { nOut: 3 });
  assert.equal(y.rows, 3);
  expectClose(y.data, [2 * Math.sqrt(8), 0, 0], { atol: 1e-6 });
});

test("dct rejects bad arguments and names them", () => {
  const x = { data: new Float32Array(8), rows: 4, cols: 2 };
  assert.throws(() => dct(x, { type: 4 as never }), /type=4/);
  assert.throws(() => dct(x, { norm: "forward" as never }), /norm="forward"/);
  assert.throws(() => dct(x, { nOut: 5 }), /nOut=5/);
  assert.throws(() => dct(x, { nOut: 0 }), /nOut=0/);
  assert.throws(() => dctBasis(0), /n=0/);
});
