import { test } from "node:test";
import assert from "node:assert/strict";
import { classificationReport, confusionMatrix, confusionMatrixToDataFrame, reportToDataFrame } from "../../src/metrics";
import { EMOTIONS } from "../../src/data/ravdess";

const yTrue = Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 1, 2, 3, 4, 5, 6, 7, 1]);
const yPred = Int32Array.from([0, 1, 2, 3, 4, 5, 6, 0, 1, 3, 3, 4, 5, 7, 7, 2]);

test("reportToDataFrame: one row per emotion plus the averages, sklearn's columns", () => {
  const report = classificationReport(yTrue, yPred, { targetNames: [...EMOTIONS] });
  const df = reportToDataFrame(report);
  assert.deepEqual(df.columns, ["precision", "recall", "f1-score", "support"]);
  assert.deepEqual(df.index, [...EMOTIONS, "accuracy", "macro avg", "weighted avg"]);
  const values = df.values as number[][];
  const calm = values[1];
  assert.deepEqual(calm, [report.classes[1].precision, report.classes[1].recall, report.classes[1].f1Score, 3]);
  assert.equal(values[8][2], report.accuracy);
  assert.equal(values[9][2], report.macroAvg.f1Score);
  // the dict form gives the same frame
  assert.deepEqual(reportToDataFrame(classificationReport(yTrue, yPred, { targetNames: [...EMOTIONS], outputDict: true })).index, df.index);
});

test("confusionMatrixToDataFrame: rows true, columns predicted, named by emotion", () => {
  const cm = confusionMatrix(yTrue, yPred);
  const df = confusionMatrixToDataFrame(cm, [...EMOTIONS]);
  assert.deepEqual(df.index, [...EMOTIONS]);
  assert.deepEqual(df.columns, [...EMOTIONS]);
  const v = df.values as number[][];
  assert.equal(v[7][0], 1, "one surprised clip predicted neutral");
  assert.equal(v[1][2], 1, "one calm clip predicted happy");
  assert.throws(() => confusionMatrixToDataFrame(cm, ["a", "b"]), /names has 2 entries, but cm is 8 × 8/);
});
