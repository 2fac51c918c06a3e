import { test } from "node:test";
import assert from "node:assert/strict";
// meyda ships no types for its per-extractor CommonJS files
// eslint-disable-next-line @typescript-eslint/no-require-imports
const meydaRms: (a: { signal: Float32Array }) => number = require("meyda/dist/node/extractors/rms.js");
import { rms } from "../../src/features/rms";
import { spectrogram } from "../../src/dsp/spectrogram";
import { pad } from "../../src/dsp/pad";
import { SIGNALS } from "../helpers/signals";
import { expectClose } from "../helpers/fixtures";

test("RMS of a constant is its absolute value (uncentred), and of silence is 0", () => {
  const y = new Float32Array(5000).fill(-0.25);
  for (const v of rms(y, { center: false }).data) assert.ok(Math.abs(v - 0.25) < 1e-7);
  for (const v of rms(new Float32Array(5000)).data) assert.equal(v, 0);
  // centred with zeros: the first frame sees half zeros → 0.25·sqrt(1/2)
  const first = rms(y, { frameLength: 2048 }).data[0];
  assert.ok(Math.abs(first - 0.25 * Math.sqrt(1024 / 2048)) < 1e-7, `${first}`);
});

test("RMS from y equals RMS from a rectangular-window, uncentred spectrogram (librosa's docs)", () => {
  const y = SIGNALS.am_tone(22050);
  const fromY = rms(y, { center: false });
  const S = spectrogram(y, { window: "ones", center: false, power: 1 });
  const fromS = rms(S);
  expectClose(fromS.data, fromY.data, { rtol: 1e-5, atol: 1e-7 });
  // odd frame length: the Nyquist bin is not halved
  const y2 = SIGNALS.noise(22050);
  expectClose(
    rms(spectrogram(y2, { nFft: 1025, hopLength: 512, window: "ones", center: false, power: 1 })).data,
    rms(y2, { frameLength: 1025, center: false }).data,
    {
      rtol: 1e-5,
      atol: 1e-7,
    },
  );
});

test("agrees with meyda's rms on librosa-style unwindowed, zero-padded frames", () => {
  const y = SIGNALS.chirp(22050);
  const r = rms(y);
  const yp = pad(y, 1024, 1024, "constant");
  for (let t = 0; t < r.cols; t += 3) assert.ok(Math.abs(r.data[t] - meydaRms({ signal: yp.subarray(t * 512, t * 512 + 2048) })) < 1e-7, `frame ${t}`);
});

test("rms rejects bad arguments and names them", () => {
  const y = SIGNALS.sine(22050);
  assert.throws(() => rms(y, { frameLength: 0 }), /frameLength=0/);
  assert.throws(() => rms(y, { hopLength: -3 }), /hopLength=-3/);
  assert.throws(() => rms(spectrogram(y, { power: 1 }), { frameLength: 1024 }), /frameLength is expected to be 2048 or 2049; found frameLength=1024/);
  assert.throws(() => rms(spectrogram(y, { power: 2 })), /power=2/);
  assert.throws(() => rms(y.subarray(0, 100), { center: false }), /too short/);
});
