import { test } from "node:test";
import assert from "node:assert/strict";
import { waveformMelChart } from "../../src/charts";
import { renderChecked } from "./chart-check";

const sr = 22050;
const tone = (f: number) => Float32Array.from({ length: sr }, (_, i) => 0.3 * Math.sin((2 * Math.PI * f * i) / sr));

test("one column per clip: waveforms in the first row, mel spectrograms in the second", async () => {
  const spec = waveformMelChart(
    [
      { y: tone(220), title: "original" },
      { y: tone(440), title: "shifted" },
    ],
    { sr, width: 200, height: 80 },
  );
  const s = spec as unknown as { columns: number; concat: { title: unknown; width: number }[] };
  assert.equal(s.columns, 2);
  assert.equal(s.concat.length, 4);
  assert.ok(s.concat.every((c) => c.width === 200));
  await renderChecked(spec, ["original", "shifted", "mel spectrogram"]);
});

test("rejects no clips, a bad sample rate and bad audio, naming them", () => {
  assert.throws(() => waveformMelChart([], { sr }), /clips is empty/);
  assert.throws(() => waveformMelChart([{ y: tone(220), title: "a" }], { sr: 0 }), /sr=0/);
  assert.throws(() => waveformMelChart([{ y: new Float32Array([0, NaN]), title: "a" }], { sr }), /clips\[0\]\.y\[1\]=NaN/);
});
