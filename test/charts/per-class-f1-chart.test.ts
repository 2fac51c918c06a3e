import { test } from "node:test";
import assert from "node:assert/strict";
import { perClassF1Chart } from "../../src/charts";
import { classificationReport } from "../../src/metrics";
import { EMOTIONS } from "../../src/data/ravdess";
import { dataOf, renderChecked, titleOf } from "./chart-check";

const yTrue = Int32Array.from({ length: 160 }, (_, i) => i % 8);
const yPred = Int32Array.from({ length: 160 }, (_, i) => (i % 3 === 0 ? (i + 1) % 8 : i % 8));

test("bars equal the report's per-class F1, with the macro average marked", async () => {
  const report = classificationReport(yTrue, yPred, { targetNames: [...EMOTIONS] });
  const spec = perClassF1Chart(report);
  await renderChecked(spec, [titleOf(spec), "emotion", "F1 score (0–1)", "neutral", "surprised"]);
  const bars = dataOf<{ name: string; score: number; support: number }>(spec);
  assert.deepEqual(
    bars.map((b) => b.name),
    [...EMOTIONS],
  );
  assert.deepEqual(
    bars.map((b) => b.score),
    report.classes.map((c) => c.f1Score),
  );
  const layers = (spec as unknown as { layer: { mark: { type: string }; data?: { values: { macro: number }[] } }[] }).layer;
  const rule = layers.find((l) => l.mark.type === "rule")!;
  assert.equal(rule.data!.values[0].macro, report.macroAvg.f1Score);
  assert.match(JSON.stringify(spec.title), /macro F1 = /);
});

test("precision or recall instead, from the dict form too", async () => {
  const dict = classificationReport(yTrue, yPred, { targetNames: [...EMOTIONS], outputDict: true });
  const spec = perClassF1Chart(dict, { metric: "recall" });
  await renderChecked(spec, ["Per-class recall", "recall (0–1)"]);
  assert.deepEqual(
    dataOf<{ score: number }>(spec).map((b) => b.score),
    EMOTIONS.map((e) => (dict[e] as { recall: number }).recall),
  );
  assert.throws(() => perClassF1Chart(dict, { metric: "auc" as never }), /metric="auc"/);
});
