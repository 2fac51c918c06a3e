import { test } from "node:test";
import assert from "node:assert/strict";
import { featureDistributionChart } from "../../src/charts";
import { EMOTIONS } from "../../src/data/ravdess";
import { Rng } from "../../src/util/rng";
import { dataOf, renderChecked, titleOf } from "./chart-check";

const rng = new Rng(11);
const rows = Array.from({ length: 160 }, (_, i) => ({ emotion: EMOTIONS[i % 8], rms_mean: 0.02 + 0.005 * (i % 8) + 0.004 * rng.normal() }));

test("box plots by emotion, with the feature's unit on the axis", async () => {
  const spec = featureDistributionChart(rows, { feature: "rms_mean", by: "emotion", unit: "full scale" });
  await renderChecked(spec, [titleOf(spec), "rms_mean (full scale)", "emotion", "disgust"]);
  assert.equal((spec as unknown as { mark: { type: string } }).mark.type, "boxplot");
  const values = dataOf<{ group: string; value: number }>(spec);
  assert.equal(values.length, 160);
  assert.deepEqual(values[9], { group: "calm", value: rows[9].rms_mean });
});

test("densities by emotion; non-finite values dropped; missing fields rejected", async () => {
  const withNaN = [...rows, { emotion: "calm", rms_mean: NaN }];
  const spec = featureDistributionChart(withNaN, { feature: "rms_mean", kind: "density", unit: "full scale" });
  await renderChecked(spec, [titleOf(spec), "density (per full scale)", "rms_mean (full scale)"]);
  assert.equal(dataOf(spec).length, 160);
  assert.throws(() => featureDistributionChart(rows, { feature: "zcr" }), /rows\[0\] has no field "zcr"/);
  assert.throws(() => featureDistributionChart(rows, { feature: "rms_mean", by: "actor" }), /no field "actor"/);
  assert.throws(() => featureDistributionChart(rows, { feature: "rms_mean", kind: "violin" as never }), /kind="violin"/);
});
