import { test } from "node:test";
import assert from "node:assert/strict";
import { accumulateRowProduct } from "../../src/dsp/row-product";
import { noise } from "../helpers/signals";

test("accumulateRowProduct adds the band [start, end) of a row of W times X [·, T] to acc", () => {
  const rows = 11;
  const T = 7;
  const X = noise(rows * T, 3);
  const W = Float64Array.from(noise(3 * rows, 4));
  for (const [start, end] of [
    [0, 11],
    [0, 0],
    [2, 3],
    [1, 8],
    [3, 11],
    [4, 4],
    [0, 4],
    [5, 10],
  ]) {
    const acc = Float64Array.from({ length: T }, (_, t) => t + 0.25); // not cleared: added to
    accumulateRowProduct(acc, W, rows, start, end, X, T); // row 1 of W
    for (let t = 0; t < T; t++) {
      let ref = t + 0.25;
      for (let i = start; i < end; i++) ref += W[rows + i] * X[i * T + t];
      assert.ok(Math.abs(acc[t] - ref) < 1e-12, `[${start}, ${end}) t=${t}: ${acc[t]} vs ${ref}`);
    }
  }
});

test("accumulateRowProduct sums each four products left to right before adding them (the dct/mel rounding)", () => {
  // values whose sum depends on the order: (1e16 + 1) + ... loses the 1s one at a time, but not in a group
  const T = 1;
  const X = Float64Array.of(1, 1, 1, 1);
  const W = Float64Array.of(1, 1, 1, 1);
  const acc = Float64Array.of(1e16);
  accumulateRowProduct(acc, W, 0, 0, 4, X, T);
  assert.equal(acc[0], 1e16 + 4, "1e16 + (((1 + 1) + 1) + 1)");
  const one = Float64Array.of(1e16);
  for (let i = 0; i < 4; i++) accumulateRowProduct(one, W, 0, i, i + 1, X, T);
  assert.equal(one[0], 1e16, "one at a time each 1 is rounded away");
});
