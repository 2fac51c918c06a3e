import { test } from "node:test";
import assert from "node:assert/strict";
import { piptrack, pitchTuning, estimateTuning } from "../../src/dsp/tuning";
import { spectrogram } from "../../src/dsp/spectrogram";
import { SIGNALS, sine } from "../helpers/signals";
import { expectClose, loadFixture } from "../helpers/fixtures";

const fx = loadFixture("features/tuning");

test("piptrack finds librosa's peaks with its pitches and magnitudes", () => {
  const c = fx.piptrack;
  const chirp = SIGNALS.chirp(22050);
  const noise = SIGNALS.noise(22050);
  const y = new Float32Array(8192);
  for (let i = 0; i < y.length; i++) y[i] = chirp[i] + Math.fround(0.1 * noise[i]);
  const { pitches, magnitudes } = piptrack(y, { sr: 22050 });
  assert.deepEqual([pitches.rows, pitches.cols], c.shape);
  const bins: number[] = [];
  const frames: number[] = [];
  const p: number[] = [];
  const m: number[] = [];
  for (let b = 0; b < pitches.rows; b++) {
    for (let t = 0; t < pitches.cols; t++) {
      const v = pitches.data[b * pitches.cols + t];
      if (v !== 0) {
        bins.push(b);
        frames.push(t);
        p.push(v);
        m.push(magnitudes.data[b * pitches.cols + t]);
      }
    }
  }
  assert.deepEqual(bins, c.bins);
  assert.deepEqual(frames, c.frames);
  expectClose(p, c.pitches, { rtol: 1e-6, atol: 0, label: "pitches" });
  expectClose(m, c.mags, { rtol: 1e-5, atol: 1e-6, label: "magnitudes" });
});

test("pitchTuning matches librosa.pitch_tuning on float32 frequencies", () => {
  const f = Float32Array.from(fx.pitch_tuning.frequencies);
  assert.equal(pitchTuning(f), fx.pitch_tuning.value);
  assert.equal(pitchTuning(f, { binsPerOctave: 24, resolution: 0.05 }), fx.pitch_tuning.value_24);
});

test("known answer: a tone a quarter semitone sharp of A440 has tuning 0.25 (the left edge of its 0.01 bin)", () => {
  assert.ok(Math.abs(pitchTuning(Float64Array.of(440 * 2 ** (0.255 / 12))) - 0.25) < 1e-12);
  // the most common residual wins: two frequencies at −0.105, one at +0.3
  const t = pitchTuning(Float64Array.of(440 * 2 ** (-0.105 / 12), 220 * 2 ** (-0.105 / 12), 880 * 2 ** (0.305 / 12)));
  assert.ok(Math.abs(t - -0.11) < 1e-12, `tuning ${t}`);
  // a steady sine at 440 Hz: tuning 0 (to the resolution)
  assert.ok(Math.abs(estimateTuning(sine(440, 22050, 1), { sr: 22050 })) <= 0.02); // librosa: 0.01
  const sharp = estimateTuning(sine(440 * 2 ** (0.3 / 12), 22050, 1), { sr: 22050 });
  assert.ok(Math.abs(sharp - 0.3) <= 0.02, `tuning ${sharp}`); // librosa: 0.31
});

test("estimateTuning from audio equals estimateTuning from its magnitude spectrogram (librosa's y path)", () => {
  const y = SIGNALS.am_tone(22050);
  assert.equal(estimateTuning(y, { sr: 22050 }), estimateTuning(spectrogram(y, { power: 1 }), { sr: 22050 }));
});

test("no peaks: tuning 0 (librosa warns and returns 0.0)", () => {
  assert.equal(pitchTuning(new Float32Array(0)), 0);
  assert.equal(estimateTuning(new Float32Array(4096), { sr: 22050 }), 0);
});

test("tuning functions reject bad arguments and name them", () => {
  const y = SIGNALS.sine(22050);
  assert.throws(() => pitchTuning([440], { resolution: 0 }), /resolution=0/);
  assert.throws(() => pitchTuning([440], { binsPerOctave: 0 }), /binsPerOctave=0/);
  assert.throws(() => estimateTuning(y, { sr: 0 }), /sr=0/);
  assert.throws(() => estimateTuning(y, { threshold: NaN }), /threshold=NaN/);
  assert.throws(() => estimateTuning(y, { hopLength: 0 }), /hopLength=0/);
  assert.throws(() => piptrack({ data: new Float32Array(1), rows: 1, cols: 1, power: 1, nFft: 0 }), /at least 2 frequency bins/);
});
