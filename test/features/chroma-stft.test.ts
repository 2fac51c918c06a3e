import { test } from "node:test";
import assert from "node:assert/strict";
import { chromaStft } from "../../src/features/chroma-stft";
import { spectra } from "../../src/dsp/spectra";
import { estimateTuning } from "../../src/dsp/tuning";
import { SIGNALS, sine } from "../helpers/signals";

test("chroma from y equals chroma from its power spectrogram, and passing the estimated tuning changes nothing", () => {
  const y = SIGNALS.chirp(22050);
  const S = spectra(y).power;
  const a = chromaStft(y, { sr: 22050 });
  assert.deepEqual(chromaStft(S, { sr: 22050 }), a);
  const tuning = estimateTuning(S, { sr: 22050 });
  assert.deepEqual(chromaStft(S, { sr: 22050, tuning }), a);
});

test("each frame's maximum is 1 (norm Infinity); an A440 sine peaks on A", () => {
  const C = chromaStft(sine(440, 22050, 1), { sr: 22050 });
  assert.equal(C.rows, 12);
  for (let t = 0; t < C.cols; t++) {
    let best = 0;
    for (let c = 1; c < 12; c++) if (C.data[c * C.cols + t] > C.data[best * C.cols + t]) best = c;
    assert.equal(C.data[best * C.cols + t], 1);
    assert.equal(best, 9, `frame ${t}: peak on row ${best}`);
  }
});

test("norm null leaves the raw projections; norm 2 gives unit columns; silence stays 0", () => {
  const y = SIGNALS.am_tone(22050);
  const raw = chromaStft(y, { sr: 22050, norm: null, tuning: 0 });
  assert.ok(Math.max(...raw.data) > 1);
  const l2 = chromaStft(y, { sr: 22050, norm: 2, tuning: 0 });
  for (let t = 0; t < l2.cols; t++) {
    let s = 0;
    for (let c = 0; c < 12; c++) s += l2.data[c * l2.cols + t] ** 2;
    assert.ok(Math.abs(s - 1) < 1e-5);
  }
  for (const v of chromaStft(new Float32Array(4096), { tuning: 0 }).data) assert.equal(v, 0);
});

test("chromaStft rejects bad arguments and names them", () => {
  const y = SIGNALS.sine(22050);
  assert.throws(() => chromaStft(y, { sr: 0 }), /sr=0/);
  assert.throws(() => chromaStft(y, { nChroma: 0 }), /nChroma=0/);
  assert.throws(() => chromaStft(y, { tuning: NaN }), /tuning=NaN/);
  assert.throws(() => chromaStft(y, { norm: -1 }), /norm/);
  assert.throws(() => chromaStft(y, { hopLength: 0 }), /hopLength=0/);
  assert.throws(() => chromaStft({} as never), /input must be/);
});
