import { test } from "node:test";
import assert from "node:assert/strict";
import { tuningChart } from "../../src/charts";
import { dataOf, renderChecked, titleOf } from "./chart-check";

const trials = [1e-4, 1e-3, 1e-2].flatMap((lr, i) =>
  [0.2, 0.5].flatMap((dropout, j) => [0, 1].map((seed) => ({ learningRate: lr, dropout, seed, macroF1: 0.3 + 0.05 * i - 0.02 * j + 0.01 * seed }))),
);

test("score against a numeric hyperparameter on a log axis, coloured by another", async () => {
  const spec = tuningChart(trials, { x: "learningRate", y: "macroF1", color: "dropout", xScale: "log", xTitle: "learning rate", yTitle: "macro F1 (0–1)" });
  await renderChecked(spec, [titleOf(spec), "learning rate", "macro F1 (0–1)", "dropout"]);
  assert.equal(titleOf(spec), "macroF1 vs learningRate, by dropout");
  const values = dataOf<{ x: number; y: number; color: string }>(spec);
  assert.equal(values.length, 12);
  assert.deepEqual(values[3], { x: 1e-4, y: trials[3].macroF1, color: "0.5" });
  const layers = (spec as unknown as { layer: { encoding: { x: { type: string; scale?: { type: string } }; y: { aggregate?: string } } }[] }).layer;
  assert.equal(layers[0].encoding.x.type, "quantitative");
  assert.equal(layers[0].encoding.x.scale!.type, "log");
  assert.equal(layers[0].encoding.y.aggregate, "mean");
});

test("categorical hyperparameters give an ordinal axis; bad input is rejected", async () => {
  const rows = [
    { optimizer: "adam", f1: 0.4 },
    { optimizer: "sgd", f1: 0.3 },
    { optimizer: "rmsprop", f1: 0.35 },
  ];
  const spec = tuningChart(rows, { x: "optimizer", y: "f1" });
  await renderChecked(spec, ["f1 vs optimizer", "adam", "rmsprop"]);
  const x = (spec as unknown as { layer: { encoding: { x: { type: string; sort: string[] } } }[] }).layer[0].encoding.x;
  assert.equal(x.type, "ordinal");
  assert.deepEqual(x.sort, ["adam", "sgd", "rmsprop"]);
  assert.throws(() => tuningChart(rows, { x: "optimizer", y: "f1", xScale: "log" }), /xScale="log" needs positive numeric/);
  assert.throws(() => tuningChart(rows, { x: "lr", y: "f1" }), /rows\[0\] has no field "lr"/);
  assert.throws(() => tuningChart([{ a: 1, b: "x" }], { x: "a", y: "b" }), /rows\[0\].b="x" must be a finite number/);
});
