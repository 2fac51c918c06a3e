import { test } from "node:test";
import assert from "node:assert/strict";
import { applyStandardizer, fitStandardizer, standardizerFromJson } from "../../src/model/standardize";
import { Rng } from "../../src/util/rng";

test("per feature: mean and population std of each feature over all frames of all clips", () => {
  // 2 clips × 2 frames × 2 features: feature 0 takes 1, 3, 5, 7; feature 1 takes 10, 10, 10, 10.
  const x = Float32Array.of(1, 10, 3, 10, 5, 10, 7, 10);
  const s = fitStandardizer(x, [2, 2]);
  assert.equal(s.per, "feature");
  assert.deepEqual(s.mean, [4, 10]);
  assert.equal(s.std[0], Math.sqrt(5)); // var of 1,3,5,7 (ddof 0) = 5
  assert.equal(s.std[1], 1, "a constant feature is scaled by 1 (sklearn)");
  const z = applyStandardizer(x, s);
  assert.deepEqual(Array.from(z.filter((_, i) => i % 2 === 1)), [0, 0, 0, 0]);
  assert.ok(Math.abs(z[0] - (1 - 4) / Math.sqrt(5)) < 1e-7);
});

test("per position (summary vectors T × 1): StandardScaler on the flattened clip", () => {
  const rng = new Rng(4);
  const n = 50,
    T = 193;
  const x = new Float32Array(n * T);
  for (let i = 0; i < n; i++) for (let t = 0; t < T; t++) x[i * T + t] = t + (1 + t / 10) * rng.normal();
  const s = fitStandardizer(x, [T, 1]);
  assert.equal(s.per, "position");
  assert.equal(s.mean.length, T);
  const z = applyStandardizer(x, s);
  for (const t of [0, 96, 192]) {
    let m = 0,
      v = 0;
    for (let i = 0; i < n; i++) m += z[i * T + t];
    m /= n;
    for (let i = 0; i < n; i++) v += (z[i * T + t] - m) ** 2;
    assert.ok(Math.abs(m) < 1e-5 && Math.abs(v / n - 1) < 1e-4, `position ${t}: mean ${m}, var ${v / n}`);
  }
});

test("fitted on training clips only: validation clips do not change it, and are transformed with train statistics", () => {
  const rng = new Rng(1);
  const xTrain = rng.standardNormal(30 * 4 * 3);
  const xVal = Float32Array.from(rng.standardNormal(10 * 4 * 3), (v) => 100 + 5 * v);
  const s = fitStandardizer(xTrain, [4, 3]);
  assert.deepEqual(fitStandardizer(xTrain, [4, 3]), s);
  // The validation set is far from the training statistics, so it stays far after standardising.
  const zVal = applyStandardizer(xVal, s);
  const meanVal = zVal.reduce((a, b) => a + b, 0) / zVal.length;
  assert.ok(meanVal > 20, `validation mean after standardising is ${meanVal}, not ~0: its own statistics were not used`);
});

test("round-trips through JSON and rejects malformed input, naming the problem", () => {
  const s = fitStandardizer(Float32Array.of(1, 2, 3, 4, 5, 6), [1, 3]);
  assert.deepEqual(standardizerFromJson(JSON.parse(JSON.stringify(s))), s);
  assert.throws(() => fitStandardizer(new Float32Array(7), [2, 3]), /x has 7 values, not a whole number of \[2, 3\] clips/);
  assert.throws(() => fitStandardizer(new Float32Array(0), [2, 3]), /at least one clip/);
  assert.throws(() => fitStandardizer(Float32Array.of(1, NaN), [1, 2]), /x\[1\]=NaN is not finite/);
  assert.throws(() => standardizerFromJson({ ...s, mean: [1] }), /malformed/);
  assert.throws(() => standardizerFromJson({ ...s, version: 99 }), /version 99 is newer/);
});
