import { test } from "node:test";
import assert from "node:assert/strict";
import { confusionMatrixChart, type ConfusionCell } from "../../src/charts";
import { confusionMatrix } from "../../src/metrics";
import { EMOTIONS } from "../../src/data/ravdess";
import { fromRows } from "../../src/util/matrix";
import { ParameterError } from "../../src/util/errors";
import { dataOf, renderChecked, titleOf } from "./chart-check";

const yTrue = Int32Array.from({ length: 200 }, (_, i) => i % 8);
const yPred = Int32Array.from({ length: 200 }, (_, i) => (i % 5 === 0 ? (i * 3) % 8 : i % 8));

test("compiles, renders an SVG with the title, axis titles and every count", async () => {
  const cm = confusionMatrix(yTrue, yPred);
  const spec = confusionMatrixChart(cm, [...EMOTIONS]);
  const svg = await renderChecked(spec, [titleOf(spec), "true emotion", "predicted emotion", "surprised", "clips (count)"]);
  for (const cell of dataOf<ConfusionCell>(spec)) assert.ok(svg.includes(`>${cell.text}<`), `cell text ${cell.text}`);
});

test("the cells in the spec's data equal the matrix: row = true, column = predicted", () => {
  const cm = confusionMatrix(yTrue, yPred);
  const cells = dataOf<ConfusionCell>(confusionMatrixChart(cm, [...EMOTIONS]));
  assert.equal(cells.length, 64);
  for (const cell of cells) {
    assert.equal(cell.value, cm.values[cell.r * 8 + cell.c]);
    assert.equal(cell.true, EMOTIONS[cell.r]);
    assert.equal(cell.predicted, EMOTIONS[cell.c]);
    assert.equal(cell.text, String(cm.values[cell.r * 8 + cell.c]));
  }
  // the one off-diagonal example, by hand: i = 5 → true 5 (fearful), predicted 15 % 8 = 7 (surprised)
  const cell = cells.find((c) => c.true === "fearful" && c.predicted === "surprised")!;
  let n = 0;
  for (let i = 0; i < 200; i++) if (yTrue[i] === 5 && yPred[i] === 7) n++;
  assert.ok(n > 0);
  assert.equal(cell.value, n);
});

test("normalize: 'true' shows each row's fractions (equal to confusionMatrix's), text contrast by value", () => {
  const spec = confusionMatrixChart(confusionMatrix(yTrue, yPred), [...EMOTIONS], { normalize: "true", digits: 3 });
  const cells = dataOf<ConfusionCell>(spec);
  const ref = confusionMatrix(yTrue, yPred, { normalize: "true" });
  for (const c of cells) {
    assert.ok(Math.abs(c.value - ref.values[c.r * 8 + c.c]) < 1e-15);
    assert.equal(c.text, c.value.toFixed(3));
  }
  for (let r = 0; r < 8; r++) {
    const s = cells.filter((c) => c.r === r).reduce((a, c) => a + c.value, 0);
    assert.ok(Math.abs(s - 1) < 1e-12);
  }
  const textLayer = (
    spec as unknown as { layer: { mark: { type: string }; encoding: { color: { condition: { test: string; value: string }; value: string } } }[] }
  ).layer[1];
  assert.equal(textLayer.mark.type, "text");
  assert.deepEqual(textLayer.encoding.color, { condition: { test: "datum.value > 0.5", value: "white" }, value: "black" });
  // an already-normalised matrix is shown as is
  const again = dataOf<ConfusionCell>(confusionMatrixChart(ref, [...EMOTIONS]));
  assert.deepEqual(
    again.map((c) => c.value),
    Array.from(ref.values),
  );
});

test("plain matrices and nested rows work; bad shapes and names are ParameterErrors", async () => {
  const m = fromRows([
    [3, 1],
    [0, 4],
  ]);
  const spec = confusionMatrixChart(m, ["sad", "happy"], { title: "Two classes" });
  await renderChecked(spec, ["Two classes"]);
  assert.deepEqual(
    dataOf<ConfusionCell>(
      confusionMatrixChart([
        [1, 2],
        [3, 4],
      ]),
    ).map((c) => [c.true, c.predicted, c.value]),
    [
      ["0", "0", 1],
      ["0", "1", 2],
      ["1", "0", 3],
      ["1", "1", 4],
    ],
  );
  assert.throws(() => confusionMatrixChart(m, ["a"]), ParameterError);
  assert.throws(() => confusionMatrixChart([[1, 2]], ["a"]), /must be square/);
  assert.throws(() => confusionMatrixChart(m, ["a", "a"]), /must be distinct/);
});
