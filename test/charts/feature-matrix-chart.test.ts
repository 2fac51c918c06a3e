import { test } from "node:test";
import assert from "node:assert/strict";
import { featureMatrixChart } from "../../src/charts";
import { decodePng } from "../../src/charts/png";
import { renderChecked } from "./chart-check";

const CHROMA = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];

test("a chroma matrix renders with named rows, a time axis in seconds and its title", async () => {
  const M = { data: new Float32Array(12 * 50).map((_, i) => (i % 50) / 50), rows: 12, cols: 50 };
  const spec = featureMatrixChart(M, { sr: 22050, hopLength: 512, rowLabels: CHROMA, labelEvery: 1, title: "Chroma", rowTitle: "pitch class" });
  const svg = await renderChecked(spec, ["Chroma", "time (s)", "pitch class", "C#", "B"]);
  assert.match(svg, /<image/);
});

test("the image holds one pixel per cell, top row = last feature, and time spans the frames", () => {
  const M = { data: Float32Array.of(0, 0, 0, /* row 1 */ 1, 1, 1), rows: 2, cols: 3 };
  const spec = featureMatrixChart(M, { sr: 100, hopLength: 10, domain: [0, 1], scheme: "greys" }) as any;
  const img = spec.layer[0].data.values[0];
  assert.deepEqual([img.t0, img.t1], [-0.05, 0.25]);
  const png = decodePng(Buffer.from(img.url.split(",")[1], "base64"));
  assert.deepEqual([png.width, png.height], [3, 2]);
  // greys: 0 → white, 1 → black; the top image row shows feature row 1 (value 1)
  assert.ok(png.rgb[0] < 50 && png.rgb[3 * 3] > 200);
});

test("diverging data gets a symmetric domain; bad input is named", () => {
  const spec = featureMatrixChart({ data: Float32Array.of(-2, 1), rows: 1, cols: 2 }) as any;
  assert.deepEqual(spec.layer[1].encoding.color.scale.domain, [-2, 2]);
  assert.throws(() => featureMatrixChart({ data: Float32Array.of(1, 2), rows: 2, cols: 1 }, { rowLabels: ["a"] }), /rowLabels has 1 names but M has 2 rows/);
  assert.throws(() => featureMatrixChart({ data: Float32Array.of(NaN), rows: 1, cols: 1 }), /non-finite/);
});
