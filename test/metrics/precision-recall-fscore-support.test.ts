import { test } from "node:test";
import assert from "node:assert/strict";
import { f1Score, fbetaScore, precisionRecallFscoreSupport, precisionScore, recallScore } from "../../src/metrics";
import { ParameterError } from "../../src/util/errors";
import { checkAgainstSklearn, loadErrors, replay } from "./sklearn-fixtures";
import type { ClassLabels } from "../../src/metrics";

for (const fn of ["precision_recall_fscore_support", "precision_score", "recall_score", "f1_score", "fbeta_score"]) {
  test(`${fn}: every average × zero_division × beta matches scikit-learn to 1e-12, warnings included`, () => {
    const r = checkAgainstSklearn([fn]);
    assert.ok(r.records >= 18, `${r.records} records`);
    assert.deepEqual(r.failures, []);
    assert.ok(r.maxAbs <= 1e-12, `max abs diff ${r.maxAbs}`);
  });
}

test("sklearn's docstring example (string labels)", () => {
  const yTrue = ["cat", "dog", "pig", "cat", "dog", "pig"];
  const yPred = ["cat", "pig", "dog", "cat", "cat", "dog"];
  const macro = precisionRecallFscoreSupport(yTrue, yPred, { average: "macro" });
  assert.equal(macro.precision, 0.2222222222222222);
  assert.equal(macro.recall, 0.3333333333333333);
  assert.equal(macro.fbetaScore, 0.26666666666666666);
  assert.equal(macro.support, null);
  const per = precisionRecallFscoreSupport(yTrue, yPred, { labels: ["pig", "dog", "cat"] });
  assert.deepEqual(per.labels, ["pig", "dog", "cat"]);
  assert.deepEqual(per.precision, [0, 0, 0.6666666666666666]);
  assert.deepEqual(per.recall, [0, 0, 1]);
  assert.deepEqual(per.support, [2, 2, 2]);
});

test("score functions default to average='macro' (sklearn: 'binary') and return arrays for average null", () => {
  const yTrue = Int32Array.of(0, 1, 2, 2, 1, 0, 2);
  const yPred = Int32Array.of(0, 2, 2, 2, 1, 1, 0);
  const macro = precisionRecallFscoreSupport(yTrue, yPred, { average: "macro" });
  assert.equal(f1Score(yTrue, yPred), macro.fbetaScore);
  assert.equal(precisionScore(yTrue, yPred), macro.precision);
  assert.equal(recallScore(yTrue, yPred), macro.recall);
  const perClass: number[] = f1Score(yTrue, yPred, { average: null });
  assert.equal(perClass.length, 3);
  assert.equal(fbetaScore(yTrue, yPred, { beta: 1 }), f1Score(yTrue, yPred));
  // F-beta from precision and recall: (1 + β²)·p·r / (β²·p + r), per class
  const per = precisionRecallFscoreSupport(yTrue, yPred, { beta: 2 });
  per.fbetaScore.forEach((f, i) => {
    const [p, r] = [per.precision[i], per.recall[i]];
    assert.ok(Math.abs(f - (5 * p * r) / (4 * p + r)) < 1e-15);
  });
});

test("zero division: sklearn's UndefinedMetricWarning text; onWarning null silences; console.warn by default", () => {
  const yTrue = [0, 0, 1, 1, 2, 2];
  const yPred = [0, 0, 1, 1, 1, 1]; // class 2 never predicted
  const seen: [string, string][] = [];
  assert.equal(precisionScore(yTrue, yPred, { average: null, onWarning: (m, c) => seen.push([c, m]) })[2], 0);
  assert.deepEqual(seen, [
    [
      "UndefinedMetricWarning",
      "Precision is ill-defined and being set to 0.0 in labels with no predicted samples. Use `zero_division` parameter to control this behavior.",
    ],
  ]);
  const original = console.warn;
  const printed: string[] = [];
  console.warn = (...a: unknown[]) => void printed.push(a.join(" "));
  try {
    precisionScore(yTrue, yPred, { onWarning: null });
    assert.deepEqual(printed, []);
    precisionScore(yTrue, yPred);
    assert.equal(printed.length, 1);
    assert.match(printed[0], /^UndefinedMetricWarning: Precision is ill-defined/);
    // zeroDivision other than "warn" never warns
    assert.ok(Number.isNaN(precisionScore(yTrue, yPred, { average: null, zeroDivision: NaN })[2]));
    assert.equal(precisionScore(yTrue, yPred, { average: null, zeroDivision: 1 })[2], 1);
    assert.equal(printed.length, 1);
  } finally {
    console.warn = original;
  }
});

test("calls sklearn rejects are ParameterErrors here", () => {
  const rejected = loadErrors().filter((r) => ["f1_score", "precision_score"].includes(r.fn));
  assert.ok(rejected.length >= 4);
  for (const rec of rejected) {
    assert.ok(rec.error, rec.call);
    assert.throws(() => replay(rec, rec.y_true as ClassLabels, rec.y_pred as ClassLabels), ParameterError, rec.call);
  }
});

test("argument errors name the argument and value", () => {
  const y = [0, 1, 2];
  assert.throws(() => f1Score(y, y, { average: "samples" as never }), /average="samples" must be one of null, "micro", "macro", "weighted", "binary"/);
  assert.throws(() => f1Score(y, y, { zeroDivision: 0.5 }), /zeroDivision=0.5 must be one of "warn", 0, 1, NaN/);
  assert.throws(() => f1Score(y, y, { average: "binary" }), /Target is multiclass but average="binary"/);
  assert.throws(() => f1Score(["a", "b"], ["a", "b"], { average: "binary" }), /posLabel=1 is not a valid label. It should be one of "a", "b"/);
  assert.throws(() => f1Score(y, y, { labels: ["a"] }), /labels\[0\]="a" is not a possible label: the data's labels are numbers/);
  assert.throws(() => f1Score(y, y, { labels: [0, 0] }), /labels lists the label 0 twice/);
  assert.throws(() => f1Score(y, y, { labels: [] }), /labels is empty/);
  assert.throws(() => fbetaScore(y, y, { beta: -1 }), /beta=-1 must be a number ≥ 0/);
  assert.throws(() => f1Score([0, 1], [0, 1, 1]), /yTrue has 2 labels and yPred has 3/);
});

test("binary average with posLabel, and the posLabel-ignored UserWarning", () => {
  const yTrue = [0, 1, 1, 0, 1];
  const yPred = [0, 1, 0, 0, 1];
  assert.equal(recallScore(yTrue, yPred, { average: "binary" }), 2 / 3);
  assert.equal(recallScore(yTrue, yPred, { average: "binary", posLabel: 0 }), 1);
  const seen: string[] = [];
  recallScore(yTrue, yPred, { average: "macro", posLabel: 0, onWarning: (m) => seen.push(m) });
  assert.deepEqual(seen, [
    "Note that pos_label (set to 0) is ignored when average != 'binary' (got 'macro'). You may use labels=[pos_label] to specify a single positive class.",
  ]);
});

test("8 classes × 5000 samples agree with per-class counting by hand", () => {
  const n = 5000;
  const yTrue = new Int32Array(n);
  const yPred = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    yTrue[i] = (i * 7) % 8;
    yPred[i] = i % 3 === 0 ? (i * 5) % 8 : yTrue[i];
  }
  const per = precisionRecallFscoreSupport(yTrue, yPred);
  for (let k = 0; k < 8; k++) {
    let tp = 0,
      t = 0,
      p = 0;
    for (let i = 0; i < n; i++) {
      if (yTrue[i] === k) t++;
      if (yPred[i] === k) p++;
      if (yTrue[i] === k && yPred[i] === k) tp++;
    }
    assert.equal(per.support[k], t);
    assert.equal(per.precision[k], tp / p);
    assert.equal(per.recall[k], tp / t);
    assert.equal(per.fbetaScore[k], (2 * tp) / (t + p));
  }
});
