import { test } from "node:test";
import assert from "node:assert/strict";
import { confusionMatrix } from "../../src/metrics";
import { toRows } from "../../src/util/matrix";
import { ParameterError } from "../../src/util/errors";
import { checkAgainstSklearn, loadErrors, replay } from "./sklearn-fixtures";
import type { ClassLabels } from "../../src/metrics";

test("confusionMatrix (counts and every normalisation, with labels) matches scikit-learn exactly", () => {
  const r = checkAgainstSklearn(["confusion_matrix"]);
  assert.ok(r.records >= 50);
  assert.deepEqual(r.failures, []);
  assert.equal(r.maxAbs, 0);
});

test("row r, column c counts examples of true class r predicted as c (sklearn's example)", () => {
  const cm = confusionMatrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2]);
  assert.deepEqual(toRows(cm), [
    [2, 0, 0],
    [0, 0, 1],
    [1, 0, 2],
  ]);
  assert.deepEqual(cm.labels, [0, 1, 2]);
  // one sample, true 1 predicted 2: row 1, column 2
  const one = confusionMatrix([0, 1, 2], [0, 2, 2]);
  assert.equal(one.data[1 * 3 + 2], 1);
  assert.equal(one.data[2 * 3 + 1], 0);
});

test("string labels with an explicit order; labels not listed are ignored", () => {
  const yTrue = ["cat", "ant", "cat", "cat", "ant", "bird"];
  const yPred = ["ant", "ant", "cat", "cat", "ant", "cat"];
  assert.deepEqual(toRows(confusionMatrix(yTrue, yPred, { labels: ["ant", "bird", "cat"] })), [
    [2, 0, 0],
    [0, 0, 1],
    [1, 0, 2],
  ]);
  const sub = confusionMatrix(yTrue, yPred, { labels: ["cat", "ant"] });
  assert.deepEqual(toRows(sub), [
    [2, 1],
    [0, 2],
  ]);
});

test("normalize='true' rows sum to 1 (empty rows stay 0); values are float64", () => {
  const cm = confusionMatrix([0, 0, 0, 1], [0, 1, 1, 1], { labels: [0, 1, 2], normalize: "true", onWarning: null });
  assert.deepEqual(Array.from(cm.values), [1 / 3, 2 / 3, 0, 0, 1, 0, 0, 0, 0]);
  assert.equal(cm.values[0], 1 / 3); // exact float64, not Float32
  assert.equal(cm.data[0], Math.fround(1 / 3));
});

test("a single label warns as sklearn does", () => {
  const seen: string[] = [];
  confusionMatrix([1, 1], [1, 1], { onWarning: (m, c) => seen.push(`${c}: ${m}`) });
  assert.deepEqual(seen, [
    "UserWarning: A single label was found in 'y_true' and 'y_pred'. For the confusion matrix to have the correct shape, use the 'labels' parameter to pass all known labels.",
  ]);
});

test("bad arguments are ParameterErrors", () => {
  for (const rec of loadErrors().filter((r) => r.fn === "confusion_matrix")) {
    assert.throws(() => replay(rec, rec.y_true as ClassLabels, rec.y_pred as ClassLabels), /At least one label specified must be in y_true/);
  }
  assert.throws(() => confusionMatrix([0, 1], [0, 1], { normalize: "rows" as never }), ParameterError);
  assert.throws(() => confusionMatrix([0, 1], [0, 1], { labels: [] }), /labels is empty/);
  assert.throws(() => confusionMatrix([0, 1, 0], [0, 1]), /yTrue has 3 labels and yPred has 2/);
});
