import { test } from "node:test";
import assert from "node:assert/strict";
import { commitCopy, NOTEBOOK_COLUMN_PX } from "../../src/notebook/commit-copy";
import { VEGA_LITE_MIME } from "../../src/notebook/strip-audio";
import { renderSvg } from "../../src/charts/render";
import { waveformChart } from "../../src/charts/waveform-chart";
import { noise } from "../helpers/signals";

const ROOT = "/some/machine/ser-toolkit";

test("charts become PNG at their SVG size; SVG and Vega-Lite spec are dropped; text stays", async () => {
  const spec = waveformChart(noise(22050, 3, 0.3), 22050, { width: 300, height: 100, title: "noise" });
  const svg = await renderSvg(spec);
  const nb = {
    cells: [
      {
        cell_type: "code",
        metadata: {},
        outputs: [{ output_type: "display_data", metadata: {}, data: { "image/svg+xml": svg, [VEGA_LITE_MIME]: spec, "text/plain": "[chart: noise]" } }],
      },
    ],
  };
  const { notebook, report } = commitCopy(nb, ROOT);
  const out = notebook.cells[0].outputs![0] as { data?: Record<string, unknown>; metadata?: unknown };
  assert.deepEqual(Object.keys(out.data!).sort(), ["image/png", "text/plain"]);
  const png = Buffer.from(out.data!["image/png"] as string, "base64");
  assert.equal(png.readUInt32BE(0), 0x89504e47, "a PNG file");
  const width = png.readUInt32BE(16);
  const svgWidth = Number(/width="(\d+(\.\d+)?)"/.exec(svg)![1]);
  assert.equal(width, Math.round(svgWidth));
  assert.deepEqual(out.metadata, { "image/png": { width, height: png.readUInt32BE(20) } });
  assert.ok(width <= NOTEBOOK_COLUMN_PX);
  assert.deepEqual(report, { charts: 1, audio: 0, injectedCells: 0, tooWide: [] });
  assert.ok(nb.cells[0].outputs[0].data["image/svg+xml"], "the input is not modified");
});

test("no injected-parameters cell, no absolute project path, too-wide charts reported", () => {
  const nb = {
    cells: [
      { cell_type: "code", metadata: { tags: ["parameters"] }, outputs: [] },
      { cell_type: "code", metadata: { tags: ["injected-parameters"] }, outputs: [] },
      {
        cell_type: "code",
        metadata: {},
        outputs: [
          { output_type: "stream", text: [`saved ${ROOT}/runs/train\n`] },
          { output_type: "display_data", data: { "text/html": `<td>${ROOT}/data/ravdess/Actor_01</td>`, "text/plain": ROOT } },
          { output_type: "display_data", data: { "image/svg+xml": "<svg/>", "text/plain": "[chart: wide]" } },
        ],
      },
    ],
  };
  const fake = () => ({ png: new Uint8Array([1, 2]), width: 1033, height: 200 });
  const { notebook, report } = commitCopy(nb, ROOT, fake);
  assert.equal(notebook.cells.length, 2);
  assert.deepEqual(notebook.cells[0].metadata.tags, ["parameters"]);
  const text = JSON.stringify(notebook);
  assert.ok(!text.includes(ROOT), text);
  assert.match(text, /saved runs\/train/);
  assert.match(text, /<td>data\/ravdess\/Actor_01<\/td>/);
  assert.deepEqual(report.tooWide, [{ title: "[chart: wide]", width: 1033 }]);
  assert.equal(report.injectedCells, 1);
});

test("a chart drawn wider than the column is scaled down to fit it, and reported", async () => {
  const svg = await renderSvg(waveformChart(noise(8000, 4, 0.3), 8000, { width: 1200, height: 80, title: "wide" }));
  const nb = { cells: [{ outputs: [{ output_type: "display_data", data: { "image/svg+xml": svg, "text/plain": "[chart: wide]" } }] }] };
  const { notebook, report } = commitCopy(nb, ROOT);
  const png = Buffer.from((notebook.cells[0].outputs[0] as { data: Record<string, string> }).data["image/png"], "base64");
  assert.equal(png.readUInt32BE(16), NOTEBOOK_COLUMN_PX);
  assert.equal(report.tooWide.length, 1);
  assert.ok(report.tooWide[0].width > NOTEBOOK_COLUMN_PX);
});
