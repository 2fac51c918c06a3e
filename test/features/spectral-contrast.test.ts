import { test } from "node:test";
import assert from "node:assert/strict";
import { spectralContrast } from "../../src/features/spectral-contrast";
import { spectrogram } from "../../src/dsp/spectrogram";
import { spectra } from "../../src/dsp/spectra";
import { powerToDb } from "../../src/dsp/db";
import { SIGNALS, sine } from "../helpers/signals";

test("from y equals from the magnitude spectrogram; dB contrast is the dB of peak over valley", () => {
  const y = SIGNALS.noise(22050);
  const a = spectralContrast(y);
  assert.deepEqual(spectralContrast(spectra(y).magnitude), a);
  assert.equal(a.rows, 7);
});

test("a pure tone has far more contrast in its band than white noise", () => {
  const tone = spectralContrast(sine(1000, 22050, 1)); // 1000 Hz is in band 3 (800–1600 Hz)
  const noise = spectralContrast(SIGNALS.noise(22050));
  const t = 20;
  assert.ok(tone.data[3 * tone.cols + t] > noise.data[3 * noise.cols + t] + 20, `${tone.data[3 * tone.cols + t]} vs ${noise.data[3 * noise.cols + t]}`);
});

test("linear contrast of a flat spectrum is 0 in every band", () => {
  const S = { data: new Float32Array(1025 * 3).fill(0.5), rows: 1025, cols: 3, power: 1, nFft: 2048 };
  for (const v of spectralContrast(S, { linear: true }).data) assert.equal(v, 0);
  for (const v of spectralContrast(S).data) assert.equal(v, 0);
  void powerToDb;
});

test("spectralContrast rejects bad arguments and names them", () => {
  const y = SIGNALS.sine(22050);
  assert.throws(() => spectralContrast(y, { nBands: 0 }), /nBands=0/);
  assert.throws(() => spectralContrast(y, { quantile: 1 }), /quantile=1/);
  assert.throws(() => spectralContrast(y, { fmin: 0 }), /fmin=0/);
  assert.throws(() => spectralContrast(y, { nBands: 7 }), /exceeds Nyquist/);
  assert.throws(() => spectralContrast(y, { freq: [1, 2, 3] }), /freq has 3 values/);
  assert.throws(() => spectralContrast(spectrogram(y, { power: 2 })), /power=2/);
});
