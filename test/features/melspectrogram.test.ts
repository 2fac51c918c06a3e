import { test } from "node:test";
import assert from "node:assert/strict";
import { melspectrogram } from "../../src/features/melspectrogram";
import { spectrogram } from "../../src/dsp/spectrogram";
import { spectra } from "../../src/dsp/spectra";
import { mel } from "../../src/dsp/mel";
import { SIGNALS, sine } from "../helpers/signals";

test("melspectrogram from y equals melspectrogram from its power spectrogram", () => {
  const y = SIGNALS.chirp(22050);
  const a = melspectrogram(y, { sr: 22050, nMels: 64, hopLength: 256 });
  const b = melspectrogram(spectra(y, { hopLength: 256 }).power, { sr: 22050, nMels: 64 });
  assert.deepEqual(a, b);
  const c = melspectrogram(y, { sr: 22050, power: 1 });
  const d = melspectrogram(spectra(y).magnitude, { sr: 22050, power: 1 });
  // the generic spectrogram() (Math.hypot magnitudes) agrees to float32 rounding
  const e = melspectrogram(spectrogram(y, { power: 2 }), { sr: 22050 });
  const f = melspectrogram(y, { sr: 22050 });
  for (let i = 0; i < e.data.length; i++) assert.ok(Math.abs(e.data[i] - f.data[i]) <= 1e-6 * f.data[i] + 1e-12);
  assert.deepEqual(c, d);
});

test("a pure tone's energy lands in the mel band(s) whose filters cover its frequency", () => {
  const M = melspectrogram(sine(1000, 22050, 1), { sr: 22050, nMels: 40 });
  const basis = mel({ sr: 22050, nMels: 40 });
  const bin = Math.round((1000 * 2048) / 22050);
  const t = 20;
  let best = 0;
  for (let m = 1; m < 40; m++) if (M.data[m * M.cols + t] > M.data[best * M.cols + t]) best = m;
  assert.ok(basis.data[best * basis.cols + bin] > 0, `band ${best} does not cover bin ${bin}`);
  assert.equal(M.rows, 40);
  assert.equal(M.cols, 1 + Math.floor(22050 / 512));
});

test("melspectrogram rejects bad arguments and names them", () => {
  const y = SIGNALS.sine(22050);
  assert.throws(() => melspectrogram(y, { nMels: 0 }), /nMels=0/);
  assert.throws(() => melspectrogram(y, { nFft: 0 }), /nFft=0/);
  assert.throws(() => melspectrogram(y, { hopLength: 0 }), /hopLength=0/);
  assert.throws(() => melspectrogram(y, { sr: -1 }), /sr=-1/);
  assert.throws(() => melspectrogram(y, { fmax: -5 }), /fmax=-5/);
  assert.throws(() => melspectrogram(spectrogram(y, { power: 1 })), /power=1/);
});
