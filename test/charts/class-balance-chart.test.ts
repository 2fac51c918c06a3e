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
    { category: "happy", count: 1, group: "female", groupRank: 0 },
    { category: "happy", count: 2, group: "male", groupRank: 1 },
    { category: "sad", count: 1, group: "female", groupRank: 0 },
  ]);
  assert.throws(() => classBalanceChart(clips, "actor"), /records\[0\] has no field "actor"/);
  assert.throws(() => classBalanceChart({ a: -1 }), /counts\["a"\]=-1/);
  assert.throws(() => classBalanceChart([]), /records is empty/);
});

test("split stacks go train, val, test (bottom up, and in the legend); many classes get narrower bars", async () => {
  const rows = ["test", "train", "val", "train"].map((split, i) => ({ emotion: i % 2 ? "sad" : "happy", split }));
  const spec = classBalanceChart(rows, "emotion", { stack: "split" }) as unknown as { layer: { encoding: { color?: { sort?: string[] } } }[] };
  assert.deepEqual(spec.layer[0].encoding.color!.sort, ["train", "val", "test"]);
  const bars = dataOf<ClassBalanceBar>(spec as never);
  assert.deepEqual(bars.map((b) => [b.group, b.groupRank]).sort(), [
    ["test", 2],
    ["train", 0],
    ["val", 1],
  ]);
  const actors = Array.from({ length: 24 }, (_, i) => ({ actor: i + 1 }));
  assert.deepEqual((classBalanceChart(actors, "actor") as unknown as { width: unknown }).width, { step: 26 });
});
