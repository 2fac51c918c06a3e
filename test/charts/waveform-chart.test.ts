import { test } from "node:test";
import assert from "node:assert/strict";
import { waveformChart, type WaveformBin } from "../../src/charts";
import { Rng } from "../../src/util/rng";
import { dataOf, renderChecked, titleOf } from "./chart-check";

const sr = 22050;

function noisyClip(seconds: number): Float32Array {
  const rng = new Rng(5);
  const y = new Float32Array(Math.round(sr * seconds));
  for (let i = 0; i < y.length; i++) y[i] = 0.3 * Math.sin((2 * Math.PI * 220 * i) / sr) + 0.05 * rng.normal();
  y[12345] = 0.98; // single-sample spikes a naive decimation would lose
  y[54321] = -0.97;
  return y;
}

test("long signals: one min/max envelope bin per pixel of the panel by default", () => {
  const spec = waveformChart(noisyClip(3), sr, { width: 300 });
  assert.equal(dataOf<WaveformBin>(spec).length, 300);
});

test("long signals: ≤ maxPoints points as a min/max envelope that keeps the extremes", async () => {
  const y = noisyClip(3);
  const spec = waveformChart(y, sr, { maxPoints: 2000 });
  const svg = await renderChecked(spec, [titleOf(spec), "time (s)", "amplitude (full scale)"]);
  assert.ok(svg.length < 200_000, `SVG ${svg.length} bytes`);
  const bins = dataOf<WaveformBin>(spec);
  assert.equal(bins.length, 1000);
  assert.ok(bins.length * 2 <= 2000);
  let lo = Infinity;
  let hi = -Infinity;
  for (const b of bins) {
    lo = Math.min(lo, b.min);
    hi = Math.max(hi, b.max);
  }
  assert.equal(hi, y[12345]);
  assert.equal(lo, y[54321]);
  // every bin holds its samples' exact extremes and spans its time in seconds
  for (const b of [0, 417, 999]) {
    const start = Math.floor((b * y.length) / 1000);
    const end = Math.floor(((b + 1) * y.length) / 1000);
    const seg = y.subarray(start, end);
    assert.equal(bins[b].min, Math.min(...seg));
    assert.equal(bins[b].max, Math.max(...seg));
    assert.equal(bins[b].t0, start / sr);
    assert.equal(bins[b].t1, end / sr);
  }
  assert.equal(bins[999].t1, y.length / sr);
});

test("short signals are drawn sample by sample; maxPoints and offset are honoured", async () => {
  const y = noisyClip(0.05); // 1102 samples
  const spec = waveformChart(y, sr, { offset: 1.5, title: "Clip" });
  await renderChecked(spec, ["Clip"]);
  const pts = dataOf<{ t: number; amplitude: number }>(spec);
  assert.equal(pts.length, y.length);
  assert.equal(pts[0].t, 1.5);
  assert.equal(pts[100].t, 1.5 + 100 / sr);
  assert.equal(pts[100].amplitude, y[100]);
  assert.equal(dataOf(waveformChart(y, sr, { maxPoints: 100 })).length, 50);
  assert.throws(() => waveformChart(y, sr, { maxPoints: 1 }), /maxPoints=1/);
  assert.throws(() => waveformChart(y, 0), /sr=0 must be a finite number > 0/);
  assert.throws(() => waveformChart(new Float32Array(0), sr), /y is empty/);
});
