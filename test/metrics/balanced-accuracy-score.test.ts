import { test } from "node:test";
import assert from "node:assert/strict";
import { balancedAccuracyScore, recallScore } from "../../src/metrics";
import { checkAgainstSklearn } from "./sklearn-fixtures";

test("balancedAccuracyScore (plain and adjusted) matches scikit-learn, warnings included", () => {
  const r = checkAgainstSklearn(["balanced_accuracy_score"]);
  assert.ok(r.records >= 18);
  assert.deepEqual(r.failures, []);
  assert.equal(r.maxAbs, 0);
});

test("known answers: sklearn's example, perfect prediction, chance adjustment", () => {
  assert.equal(balancedAccuracyScore([0, 1, 0, 0, 1, 0], [0, 1, 0, 0, 0, 1]), 0.625);
  assert.equal(balancedAccuracyScore([0, 1, 2], [0, 1, 2], { adjusted: true }), 1);
  // Always predicting one class of two: recall 1 and 0 → 0.5, adjusted 0.
  assert.equal(balancedAccuracyScore([0, 1, 0, 1], [0, 0, 0, 0], { adjusted: true }), 0);
});

test("equals macro recall when every predicted class occurs in the truth", () => {
  const yTrue = [0, 0, 1, 1, 1, 2, 2, 2, 2];
  const yPred = [0, 1, 1, 1, 2, 2, 2, 0, 2];
  assert.equal(balancedAccuracyScore(yTrue, yPred), recallScore(yTrue, yPred, { average: "macro" }));
});

test("a class only in yPred is dropped, with sklearn's UserWarning", () => {
  const seen: string[] = [];
  const s = balancedAccuracyScore([0, 0, 1, 1], [0, 2, 1, 1], { onWarning: (m, c) => seen.push(`${c}: ${m}`) });
  assert.equal(s, 0.75);
  assert.deepEqual(seen, ["UserWarning: y_pred contains classes not in y_true"]);
});
