import { test } from "node:test";
import assert from "node:assert/strict";
import { semitoneShift } from "../../src/dsp/semitone-shift";
import { pitchShift } from "../../src/augment/pitch-shift";
import { sine } from "../helpers/signals";

function harmonicTone(f0: number, sr = 22050, seconds = 1): Float32Array {
  const y = new Float32Array(sr * seconds);
  for (let h = 1; h <= 6; h++) for (let i = 0; i < y.length; i++) y[i] += (0.3 / h) * Math.sin((2 * Math.PI * f0 * h * i) / sr);
  return y;
}

test("a tone a whole tone higher measures +2 semitones; the same tone 0", () => {
  const y = harmonicTone(220);
  assert.ok(Math.abs(semitoneShift(y, harmonicTone(220 * 2 ** (2 / 12))) - 2) < 0.1);
  assert.ok(Math.abs(semitoneShift(y, y)) < 1e-9);
  assert.ok(Math.abs(semitoneShift(y, harmonicTone(220 * 2 ** (-3 / 12))) + 3) < 0.1);
});

test("pitchShift by n semitones measures n", () => {
  const y = harmonicTone(196);
  for (const n of [-2, 1, 3]) {
    const m = semitoneShift(y, pitchShift(y, { sr: 22050, nSteps: n }));
    assert.ok(Math.abs(m - n) < 0.15, `asked ${n}, measured ${m}`);
  }
});

test("bad options are named", () => {
  assert.throws(() => semitoneShift(sine(), sine(), { binsPerOctave: 30 }), /binsPerOctave=30 must be a multiple of 12/);
});
