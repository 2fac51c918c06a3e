import { test } from "node:test";
import assert from "node:assert/strict";
import { spectrogramChart, type SpectrogramCell, type SpectrogramImage } from "../../src/charts";
import { decodePng } from "../../src/charts/png";
import { melFrequencies } from "../../src/dsp/convert";
import type { Matrix } from "../../src/util/matrix";
import { dataOf, renderChecked, titleOf } from "./chart-check";

const sr = 22050;
const hopLength = 512;

/** A power spectrogram [rows × cols] that is 1e-6 everywhere except `loud` (row, col) cells = 1. */
function tones(rows: number, cols: number, loud: [number, number][]): Matrix {
  const data = new Float32Array(rows * cols).fill(1e-6);
  for (const [r, c] of loud) data[r * cols + c] = 1;
  return { data, rows, cols };
}

function image(spec: ReturnType<typeof spectrogramChart>): { datum: SpectrogramImage; png: ReturnType<typeof decodePng> } {
  const datum = dataOf<SpectrogramImage>(spec, 0)[0];
  const png = decodePng(Buffer.from(datum.url.replace(/^data:image\/png;base64,/, ""), "base64"));
  return { datum, png };
}

/** Brightest pixel (row from the top, column) of the image. */
function brightest(png: ReturnType<typeof decodePng>): [number, number] {
  let best = -1;
  let at: [number, number] = [0, 0];
  for (let i = 0; i < png.height; i++) {
    for (let j = 0; j < png.width; j++) {
      const k = (i * png.width + j) * 3;
      const v = png.rgb[k] + png.rgb[k + 1] + png.rgb[k + 2];
      if (v > best) [best, at] = [v, [i, j]];
    }
  }
  return at;
}

test("image render: axes in seconds and Hz for sr 22050, hop 512, nFft 2048; a tone lands at its time and frequency", async () => {
  const S = tones(1025, 300, [[100, 150]]); // bin 100 = 1076.66 Hz, frame 150 = 3.483 s
  const spec = spectrogramChart(S, { sr, hopLength });
  const svg = await renderChecked(spec, [titleOf(spec), "time (s)", "frequency (Hz)", "dB (re max)"]);
  assert.ok(svg.length < 150_000, `SVG ${svg.length} bytes`);
  const { datum, png } = image(spec);
  const frame = hopLength / sr;
  assert.equal(datum.t0, -0.5 * frame);
  assert.equal(datum.t1, 299.5 * frame);
  assert.equal(datum.f0, 0);
  assert.equal(datum.f1, sr / 2);
  assert.equal(png.width, 300);
  assert.equal(png.height, 256);
  const [row, col] = brightest(png);
  // pixel → time and frequency through the image's placement
  const t = datum.t0 + ((col + 0.5) / png.width) * (datum.t1 - datum.t0);
  const f = datum.f1 - ((row + 0.5) / png.height) * (datum.f1 - datum.f0);
  assert.ok(Math.abs(t - 150 * frame) <= frame / 2, `tone at ${t} s, expected ${150 * frame}`);
  assert.ok(Math.abs(f - (100 * sr) / 2048) <= sr / 2 / 256, `tone at ${f} Hz, expected ${(100 * sr) / 2048}`);
});

test("rects render: each cell spans its frame's time and its bin's frequencies exactly", async () => {
  const nFft = 128;
  const S = tones(65, 40, [[8, 10]]);
  const spec = spectrogramChart(S, { sr, hopLength, render: "rects", title: "Small" });
  await renderChecked(spec, ["Small", "time (s)", "frequency (Hz)"]);
  const cells = dataOf<SpectrogramCell>(spec);
  assert.equal(cells.length, 65 * 40);
  const cell = cells[8 * 40 + 10];
  assert.ok(Math.abs((cell.t0 + cell.t1) / 2 - (10 * hopLength) / sr) < 1e-12);
  assert.ok(Math.abs((cell.f0 + cell.f1) / 2 - (8 * sr) / nFft) < 1e-9);
  assert.ok(Math.abs(cell.f1 - cell.f0 - sr / nFft) < 1e-9);
  assert.equal(cell.value, 0); // the loudest cell is 0 dB
  assert.ok(Math.abs(cells[0].value + 60) < 1e-6); // 1e-6 power (as Float32) = −60 dB re max
  assert.equal(cells[0].f0, 0); // bin 0 clipped at 0 Hz
  assert.equal(cells[64 * 40].f1, sr / 2); // the top bin clipped at Nyquist
});

test("rects render pools large matrices to at most maxRows × maxCols cells covering the same extent", () => {
  const S = tones(1025, 431, [[400, 200]]);
  const cells = dataOf<SpectrogramCell>(spectrogramChart(S, { sr, hopLength, render: "rects" }));
  assert.ok(cells.length <= 128 * 200);
  assert.equal(cells.length, 128 * 200);
  assert.equal(Math.min(...cells.map((c) => c.f0)), 0);
  assert.equal(Math.max(...cells.map((c) => c.f1)), sr / 2);
  assert.equal(Math.max(...cells.map((c) => c.t1)), (430.5 * hopLength) / sr);
  const loud = cells.find((c) => c.value === 0)!;
  assert.ok(loud.f0 <= (400 * sr) / 2048 && (400 * sr) / 2048 <= loud.f1);
  assert.ok(loud.t0 <= (200 * hopLength) / sr && (200 * hopLength) / sr <= loud.t1);
});

test("mel rows: the frequency axis spans librosa's mel filter range on a mel-like scale", async () => {
  const S = tones(128, 50, [[64, 25]]);
  const spec = spectrogramChart(S, { sr, hopLength, yAxis: "mel" });
  await renderChecked(spec, ["Mel spectrogram", "frequency (Hz, mel scale)"]);
  const { datum, png } = image(spec);
  const pts = melFrequencies(130, 0, sr / 2);
  assert.equal(datum.f0, (pts[0] + pts[1]) / 2);
  assert.equal(datum.f1, (pts[128] + pts[129]) / 2);
  // the tone in band 64 appears where the symlog(700) axis puts that band's centre frequency
  const [row] = brightest(png);
  const u = (f: number) => Math.log1p(f / 700);
  const frac = 1 - (row + 0.5) / png.height;
  const fAtRow = 700 * Math.expm1(u(datum.f0) + frac * (u(datum.f1) - u(datum.f0)));
  const band = (pts[64] + pts[65]) / 2;
  const bandHi = (pts[65] + pts[66]) / 2;
  assert.ok(fAtRow >= band - 20 && fAtRow <= bandHi + 20, `row ${row} ↔ ${fAtRow} Hz, band 64 spans ${band}–${bandHi} Hz`);
  const y = (spec as unknown as { layer: { encoding: { y: { scale: { type: string; constant: number } } } }[] }).layer[0].encoding.y.scale;
  assert.equal(y.type, "symlog");
  assert.equal(y.constant, 700);
});

test("bad arguments are ParameterErrors", () => {
  const S = tones(65, 4, []);
  assert.throws(() => spectrogramChart(S, { nFft: 2048 }), /nFft=2048 gives 1025 bins, but S has 65 rows/);
  assert.throws(() => spectrogramChart(S, { hopLength: 0 }), /hopLength=0 must be a positive integer/);
  assert.throws(() => spectrogramChart(S, { yAxis: "bark" as never }), /yAxis="bark"/);
  assert.throws(() => spectrogramChart(S, { scheme: "category10" }), /not a continuous colour scheme/);
});
