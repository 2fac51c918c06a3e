// evaluatePredictions refuses class indices outside the labels (issue 11, defect 12) instead of
// silently scoring a subset.
import { test } from "node:test";
import assert from "node:assert/strict";
import { evaluatePredictions } from "../../src/experiment/evaluate";
import { ParameterError } from "../../src/util/errors";

const LABELS = ["neutral", "happy", "sad"];

test("in-range labels are scored", () => {
  const ev = evaluatePredictions(Int32Array.from([0, 1, 2, 2]), Int32Array.from([0, 1, 2, 1]), LABELS);
  assert.equal(ev.n, 4);
  assert.equal(ev.accuracy, 0.75);
});

test("a label index outside the labels is an error naming the array, the position and the value", () => {
  const cases: [Int32Array, Int32Array, RegExp][] = [
    [Int32Array.from([0, 1, 5, 2]), Int32Array.from([0, 1, 2, 2]), /yTrue\[2\]=5 is not a class index: the 3 labels are indexed 0\.\.2/],
    [Int32Array.from([0, 1, 2, 2]), Int32Array.from([0, -1, 2, 2]), /yPred\[1\]=-1 is not a class index/],
    [Int32Array.from([3, 3]), Int32Array.from([0, 1]), /yTrue\[0\]=3/],
  ];
  for (const [t, p, re] of cases)
    assert.throws(
      () => evaluatePredictions(t, p, LABELS),
      (e: unknown) => e instanceof ParameterError && re.test(e.message),
    );
});
