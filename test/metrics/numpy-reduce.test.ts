import { test } from "node:test";
import assert from "node:assert/strict";
import { nanAverage, npMean, npSum } from "../../src/metrics/numpy-reduce";

// Expected values printed by numpy 2.4 (np.sum / np.mean / np.nanmean / np.average).
test("npSum adds in numpy's pairwise order, not left to right", () => {
  const tenths = Array(10).fill(0.1);
  assert.equal(npSum(tenths), 1.0); // np.sum([0.1]*10); Python's sum() gives 0.9999999999999999
  let seq = 0;
  for (const v of tenths) seq += v;
  assert.notEqual(seq, 1.0);
});

test("npSum and npMean match numpy on long vectors (recursive halves)", () => {
  const harmonic = (n: number) => Array.from({ length: n }, (_, i) => 1 / (i + 1));
  assert.equal(npSum(harmonic(300)), 6.282663880299504);
  assert.equal(npSum(harmonic(1000)), 7.485470860550345);
  assert.equal(npSum(harmonic(1440)), 7.849961239506046);
  assert.equal(npMean(harmonic(300)), 0.02094221293433168);
});

test("nanAverage ignores NaN, weights, and falls back when weights sum to 0", () => {
  assert.equal(nanAverage([0.1, NaN, 0.2, 0.3], null), 0.20000000000000004); // np.nanmean
  assert.equal(nanAverage([0.1, 0.2, 0.7], [3, 0, 5]), 0.475); // np.average(weights=...)
  assert.equal(nanAverage([0.5, 0.25], [0, 0]), 0.375); // sklearn: all-zero weights → plain mean
  assert.ok(Number.isNaN(nanAverage([NaN, NaN], null)));
  assert.ok(Number.isNaN(nanAverage([], null)));
});
