import { test } from "node:test";
import assert from "node:assert/strict";
import { classificationReport, precisionRecallFscoreSupport, accuracyScore } from "../../src/metrics";
import { checkAgainstSklearn, loadCases } from "./sklearn-fixtures";

test("classificationReport text is byte-identical to scikit-learn's, and output_dict matches", () => {
  const r = checkAgainstSklearn(["classification_report"]);
  assert.ok(r.records >= 90, `${r.records} records`);
  assert.deepEqual(r.failures, []);
  assert.equal(r.maxAbs, 0);
  // the fixtures exercise the paths that matter
  const calls = loadCases().flatMap((c) => c.records.filter((x) => x.fn === "classification_report"));
  assert.ok(
    calls.some((x) => typeof x.result === "string" && x.result.includes("micro avg")),
    "a label subset (micro avg row)",
  );
  assert.ok(
    calls.some((x) => typeof x.result === "string" && x.result.includes("nan")),
    "zero_division=nan",
  );
  assert.ok(
    calls.some((x) => x.kwargs.target_names),
    "target names",
  );
});

test("sklearn's docstring example", () => {
  const report = classificationReport([0, 1, 2, 2, 2], [0, 0, 2, 2, 1], { targetNames: ["class 0", "class 1", "class 2"] });
  assert.equal(
    report.text,
    [
      "              precision    recall  f1-score   support",
      "",
      "     class 0       0.50      1.00      0.67         1",
      "     class 1       0.00      0.00      0.00         1",
      "     class 2       1.00      0.67      0.80         3",
      "",
      "    accuracy                           0.60         5",
      "   macro avg       0.50      0.56      0.49         5",
      "weighted avg       0.70      0.60      0.61         5",
      "",
    ].join("\n"),
  );
});

test("the structured report carries the same numbers as the per-class and averaged metrics", () => {
  const c = loadCases().find((x) => x.case === "ravdess8")!;
  const yTrue = c.y_true as number[];
  const yPred = c.y_pred as number[];
  const names = ["neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised"];
  const report = classificationReport(yTrue, yPred, { targetNames: names });
  const per = precisionRecallFscoreSupport(yTrue, yPred);
  assert.deepEqual(
    report.classes.map((r) => r.name),
    names,
  );
  assert.deepEqual(
    report.classes.map((r) => r.f1Score),
    per.fbetaScore,
  );
  assert.deepEqual(
    report.classes.map((r) => r.support),
    per.support,
  );
  assert.equal(report.accuracy, accuracyScore(yTrue, yPred));
  assert.equal(report.microAvg, null);
  assert.equal(report.macroAvg.f1Score, precisionRecallFscoreSupport(yTrue, yPred, { average: "macro" }).fbetaScore);
  assert.equal(report.weightedAvg.support, yTrue.length);
  assert.equal(report.dict["accuracy"], report.accuracy);
  assert.deepEqual(classificationReport(yTrue, yPred, { targetNames: names, outputDict: true }), report.dict);
});

test("a label subset reports a micro average instead of accuracy", () => {
  const r = classificationReport([0, 1, 2, 2], [0, 2, 2, 1], { labels: [1, 2] });
  assert.equal(r.accuracy, null);
  assert.ok(r.microAvg);
  assert.match(r.text, /\n   micro avg /);
});

test("errors and warnings about targetNames and digits", () => {
  assert.throws(() => classificationReport([0, 1, 2], [0, 1, 1], { targetNames: ["a", "b"] }), /Number of classes, 3, does not match size of target_names, 2/);
  const seen: string[] = [];
  const r = classificationReport([0, 1, 2], [0, 1, 1], { labels: [0, 1, 2], targetNames: ["a", "b"], onWarning: (m) => seen.push(m) });
  assert.ok(seen.includes("labels size, 3, does not match size of target_names, 2"));
  assert.equal(r.classes.length, 2); // Python's zip stops at the shorter list
  assert.throws(() => classificationReport([0], [0], { digits: -1 }), /digits=-1 must be a non-negative integer/);
});
