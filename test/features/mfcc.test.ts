import { test } from "node:test";
import assert from "node:assert/strict";
import { mfcc } from "../../src/features/mfcc";
import { melspectrogram } from "../../src/features/melspectrogram";
import { spectra } from "../../src/dsp/spectra";
import { powerToDb } from "../../src/dsp/db";
import { dctBasis } from "../../src/dsp/dct";
import { SIGNALS } from "../helpers/signals";
import { expectClose } from "../helpers/fixtures";

test("mfcc from y equals mfcc from S = powerToDb(melspectrogram(y)) and from the power spectrogram", () => {
  const y = SIGNALS.am_tone(22050);
  const a = mfcc(y, { sr: 22050, nMfcc: 40 });
  const b = mfcc(powerToDb(melspectrogram(y, { sr: 22050 })), { nMfcc: 40 });
  const c = mfcc(spectra(y).power, { sr: 22050, nMfcc: 40 });
  assert.deepEqual(a, b);
  assert.deepEqual(a, c);
});

test("MFCC 0 is the scaled mean log-mel energy: sqrt(1/n)·Σ dB", () => {
  const y = SIGNALS.noise(22050);
  const S = powerToDb(melspectrogram(y, { sr: 22050 }));
  const M = mfcc(S, { nMfcc: 5 });
  for (let t = 0; t < S.cols; t += 7) {
    let s = 0;
    for (let m = 0; m < S.rows; m++) s += S.data[m * S.cols + t];
    assert.ok(Math.abs(M.data[t] - s / Math.sqrt(S.rows)) < 1e-3);
  }
  assert.equal(dctBasis(128)[0], Math.sqrt(1 / 128));
});

test("liftering scales coefficient n by 1 + (L/2)·sin(π(n+1)/L)", () => {
  const y = SIGNALS.chirp(22050);
  const a = mfcc(y, { nMfcc: 13 });
  const b = mfcc(y, { nMfcc: 13, lifter: 22 });
  for (let n = 0; n < 13; n++) {
    const g = 1 + 11 * Math.sin((Math.PI * (n + 1)) / 22);
    expectClose(
      b.data.subarray(n * b.cols, (n + 1) * b.cols),
      Array.from(a.data.subarray(n * a.cols, (n + 1) * a.cols), (v) => v * g),
      {
        rtol: 1e-6,
        atol: 1e-5,
      },
    );
  }
});

test("mfcc rejects bad arguments and names them", () => {
  const y = SIGNALS.sine(22050);
  assert.throws(() => mfcc(y, { nMfcc: 0 }), /nMfcc=0/);
  assert.throws(() => mfcc(y, { nMfcc: 200 }), /nMfcc=200/);
  assert.throws(() => mfcc(y, { lifter: -1 }), /lifter=-1/);
  assert.throws(() => mfcc(y, { dctType: 4 as never }), /dctType=4/);
  assert.throws(() => mfcc(y, { norm: "unit" as never }), /norm="unit"/);
  assert.throws(() => mfcc(y, { nMels: 0 }), /nMels=0/);
  assert.throws(() => mfcc("y" as never), /input must be/);
});

test("mfcc of 1e30-amplitude audio is an error ('Input must be finite', as chromaStft), not NaN/Inf coefficients", () => {
  const y = Float32Array.from({ length: 22050 }, (_, i) => 1e30 * Math.sin(i / 10));
  assert.throws(() => mfcc(y), /Input must be finite: the mel spectrogram of y overflows float32 \(peak \|y\| = 1\.00e\+30/);
});

test("mfcc({ nFft: 3 }) blames nFft, not a hopLength nobody gave", () => {
  const y = Float32Array.from({ length: 2048 }, (_, i) => Math.sin(i / 10));
  assert.throws(() => mfcc(y, { nFft: 3 }), /nFft=3 \(winLength=3\) is too short for the default hopLength/);
  assert.throws(() => mfcc(y, { nFft: 512, hopLength: 0 }), /hopLength=0 must be a positive integer/);
});
