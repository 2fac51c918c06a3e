import { test } from "node:test";
import assert from "node:assert/strict";
import { concatCharts, waveformChart } from "../../src/charts";
import { renderChecked } from "./chart-check";

test("two waveforms side by side render as one figure with both titles", async () => {
  const y = new Float32Array(2205).map((_, i) => Math.sin(i / 10));
  const spec = concatCharts(
    [
      waveformChart(y, 22050, { title: "original" }),
      waveformChart(
        y.map((v) => v / 2),
        22050,
        { title: "quieter" },
      ),
    ],
    { title: "Gain" },
  ) as any;
  assert.equal(spec.hconcat.length, 2);
  assert.ok(spec.hconcat.every((c: any) => c.$schema === undefined && c.config === undefined));
  await renderChecked(spec, ["Gain", "original", "quieter"]);
  assert.equal((concatCharts([waveformChart(y, 22050)], { direction: "vertical" }) as any).vconcat.length, 1);
  const grid = concatCharts([waveformChart(y, 22050), waveformChart(y, 22050), waveformChart(y, 22050)], { columns: 2 }) as any;
  assert.deepEqual([grid.columns, grid.concat.length], [2, 3]);
  await renderChecked(grid, ["time (s)"]);
  assert.throws(() => concatCharts([]), /at least one chart/);
  assert.throws(() => concatCharts([waveformChart(y, 22050)], { columns: 0 }), /columns=0/);
});
