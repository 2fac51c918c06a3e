import { test } from "node:test";
import assert from "node:assert/strict";
import { accuracyScore } from "../../src/metrics";
import { ParameterError } from "../../src/util/errors";
import { checkAgainstSklearn } from "./sklearn-fixtures";

test("accuracyScore matches scikit-learn on every fixture label set", () => {
  const r = checkAgainstSklearn(["accuracy_score"]);
  assert.ok(r.records >= 18, `${r.records} records`);
  assert.deepEqual(r.failures, []);
  assert.equal(r.maxAbs, 0);
});

test("known answers, for Int32Array, number[] and string[] labels", () => {
  assert.equal(accuracyScore([0, 1, 2, 3], [0, 2, 1, 3]), 0.5);
  assert.equal(accuracyScore(Int32Array.of(0, 1, 2, 3), Int32Array.of(0, 2, 1, 3), { normalize: false }), 2);
  assert.equal(accuracyScore(["sad", "calm", "sad"], ["sad", "sad", "sad"]), 2 / 3);
});

test("rejects bad input with ParameterErrors that quote the problem", () => {
  assert.throws(
    () => accuracyScore([0, 1, 1], [0, 1]),
    (e: unknown) => e instanceof ParameterError && /yTrue has 3 labels and yPred has 2/.test(e.message),
  );
  assert.throws(() => accuracyScore([], []), /empty/);
  assert.throws(() => accuracyScore([0, 1], ["a", "b"]), /Mix of label input types/);
  assert.throws(() => accuracyScore([0, 0.5], [0, 1]), /yTrue\[1\]=0.5 is not a class label/);
});
