import { test } from "node:test";
import assert from "node:assert/strict";
import { classBalanceChart, type ClassBalanceBar } from "../../src/charts";
import { dataOf, renderChecked, titleOf } from "./chart-check";

test("from counts: one bar per class, in RAVDESS emotion order", async () => {
  const spec = classBalanceChart({ sad: 160, neutral: 80, angry: 160, calm: 160 });
  await renderChecked(spec, [titleOf(spec), "clips (count)", "emotion", "80", "160"]);
  assert.deepEqual(dataOf<ClassBalanceBar>(spec), [
    { category: "sad", count: 160 },
    { category: "neutral", count: 80 },
    { category: "angry", count: 160 },
    { category: "calm", count: 160 },
  ]);
  const x = (spec as unknown as { layer: { encoding: { x: { sort: string[] } } }[] }).layer[0].encoding.x;
  assert.deepEqual(x.sort, ["neutral", "calm", "sad", "angry"]);
});

test("from records: counted by a field, optionally stacked by another", async () => {
  const clips = [
    { emotion: "happy", gender: "female" },
    { emotion: "happy", gender: "male" },
    { emotion: "happy", gender: "male" },
    { emotion: "sad", gender: "female" },
  ];
  assert.deepEqual(dataOf<ClassBalanceBar>(classBalanceChart(clips)), [
    { category: "happy", count: 3 },
    { category: "sad", count: 1 },
  ]);
  const stacked = classBalanceChart(clips, "emotion", { stack: "gender" });
  await renderChecked(stacked, ["gender", "female", "male"]);
  assert.deepEqual(dataOf<ClassBalanceBar>(stacked), [
    { category: "happy", count: 1, group: "female" },
    { category: "happy", count: 2, group: "male" },
    { category: "sad", count: 1, group: "female" },
  ]);
  assert.throws(() => classBalanceChart(clips, "actor"), /records\[0\] has no field "actor"/);
  assert.throws(() => classBalanceChart({ a: -1 }), /counts\["a"\]=-1/);
  assert.throws(() => classBalanceChart([]), /records is empty/);
});
