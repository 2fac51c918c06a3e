import { test } from "node:test";
import assert from "node:assert/strict";
import { tonnetz } from "../../src/features/tonnetz";
import { chromaCqt } from "../../src/features/chroma-cqt";
import { harmonic } from "../../src/dsp/hpss-audio";
import { ParameterError } from "../../src/util/errors";
import { SIGNALS, sine } from "../helpers/signals";
import { expectClose, loadFixture, maxAbsDiff } from "../helpers/fixtures";
import { loadRavdessClip } from "../helpers/ravdess";

const fx = loadFixture("cqt/chroma_tonnetz");
const real = loadFixture("cqt/ravdess");

test("tonnetz of a given chroma is librosa's 6 × 12 projection of the L1-normalised chroma", () => {
  const chroma = { data: Float32Array.from(fx.projection.chroma), rows: 12, cols: 5 };
  const T = tonnetz(null, { chroma });
  assert.deepEqual([T.rows, T.cols], [6, 5]);
  expectClose(T.data, fx.projection.tonnetz, { atol: 1e-7 });
});

for (const c of fx.cases) {
  test(`tonnetz matches librosa on ${c.signal}, on y and on harmonic(y)`, (t) => {
    const y = SIGNALS[c.signal]();
    const T = tonnetz(y, { sr: 22050 });
    assert.deepEqual([T.rows, T.cols], c.shape);
    // measured max abs error: 4.9e-5 (chirp), ≤ 2e-6 on the others
    const e1 = expectClose(T.data, c.tonnetz, { atol: 2e-4, label: "tonnetz(y)" });
    const e2 = expectClose(tonnetz(harmonic(y), { sr: 22050 }).data, c.tonnetz_harmonic, { atol: 2e-4, label: "tonnetz(harmonic(y))" });
    t.diagnostic(`parity tonnetz ${c.signal} ${e1.toExponential(2)}`);
    t.diagnostic(`parity tonnetz_harmonic ${c.signal} ${e2.toExponential(2)}`);
  });
}

test("tonnetz(y) equals tonnetz of chromaCqt(y)", () => {
  const y = SIGNALS.am_tone();
  expectClose(tonnetz(y).data, tonnetz(null, { chroma: chromaCqt(y) }).data, { atol: 0 });
});

test("a major triad sits where the circle of fifths and the thirds put it; rows are bounded", () => {
  // C major (C4, E4, G4) against its relative minor's root alone: the tonal centroids differ
  const sr = 22050;
  const [c4, e4, g4] = [261.63, 329.63, 392.0].map((f) => sine(f, sr, 1, 0.3));
  const chord = c4.map((v, i) => v + e4[i] + g4[i]);
  const T = tonnetz(chord, { sr });
  for (const v of T.data) assert.ok(Math.abs(v) <= 1 + 1e-6);
  const tA = tonnetz(sine(440, sr, 1, 0.5), { sr });
  const t = Math.floor(T.cols / 2);
  let d = 0;
  for (let p = 0; p < 6; p++) d += (T.data[p * T.cols + t] - tA.data[p * tA.cols + t]) ** 2;
  assert.ok(Math.sqrt(d) > 0.3, `C major and A differ in tonal space (${Math.sqrt(d)})`);
});

test("tonnetz without audio or chroma raises ParameterError", () => {
  assert.throws(
    () => tonnetz(null),
    (e: Error) => e instanceof ParameterError && /Either the audio samples or the chromagram/.test(e.message),
  );
});

for (const c of real.clips) {
  test(`tonnetz matches librosa on RAVDESS ${c.clip} (48 kHz), on y and on harmonic(y) as the seed calls it`, async (t) => {
    const { y, sr } = await loadRavdessClip(c.clip);
    const T = tonnetz(y, { sr });
    const TH = tonnetz(harmonic(y), { sr });
    // measured max abs error ≈ 1e-4 on both clips (target 1e-3)
    const e1 = maxAbsDiff(T.data, c.tonnetz).max;
    const e2 = maxAbsDiff(TH.data, c.tonnetz_harmonic).max;
    t.diagnostic(`parity tonnetz ${c.clip} ${e1.toExponential(2)}`);
    t.diagnostic(`parity tonnetz_harmonic ${c.clip} ${e2.toExponential(2)}`);
    assert.ok(e1 <= 3e-4, `tonnetz(y) max abs error ${e1}`);
    assert.ok(e2 <= 3e-4, `tonnetz(harmonic(y)) max abs error ${e2}`);
  });
}
