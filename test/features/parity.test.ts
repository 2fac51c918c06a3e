/**
 * Parity with librosa 0.11 (test/fixtures/make_features.py) for every feature on every fixture
 * signal: 5 synthetic (sr 22050 and 48000) and 3 RAVDESS clips at 48 kHz. Each test prints the max
 * error reached as a diagnostic ("parity <feature> <signal> <max>").
 */
import { test } from "node:test";
import { powerToDb } from "../../src/dsp/db";
import { spectra } from "../../src/dsp/spectra";
import { estimateTuning } from "../../src/dsp/tuning";
import { melspectrogram } from "../../src/features/melspectrogram";
import { mfcc } from "../../src/features/mfcc";
import { chromaStft } from "../../src/features/chroma-stft";
import { zeroCrossingRate } from "../../src/features/zero-crossing-rate";
import { rms } from "../../src/features/rms";
import { spectralContrast } from "../../src/features/spectral-contrast";
import type { Matrix } from "../../src/util/matrix";
import { ALL_SIGNALS, compareFeature, signalAudio, signalFixture } from "./feature-fixtures";
import assert from "node:assert/strict";

type Case = { key: string; atol: number; run: (y: Float32Array, sr: number) => Matrix; relative?: boolean };

const CASES: Case[] = [
  { key: "mel_db", atol: 1e-3, run: (y, sr) => powerToDb(melspectrogram(y, { sr })) },
  { key: "mel", atol: 0, relative: true, run: (y, sr) => melspectrogram(y, { sr }) },
  { key: "mfcc", atol: 1e-3, run: (y, sr) => mfcc(y, { sr }) },
  { key: "mfcc40", atol: 1e-3, run: (y, sr) => mfcc(y, { sr, nMfcc: 40 }) },
  { key: "chroma", atol: 1e-4, run: (y, sr) => chromaStft(y, { sr }) },
  { key: "chroma_mag", atol: 1e-4, run: (y, sr) => chromaStft(spectra(y).magnitude, { sr }) },
  { key: "zcr", atol: 1e-4, run: (y) => zeroCrossingRate(y) },
  { key: "rms", atol: 1e-4, run: (y) => rms(y) },
  { key: "rms_S", atol: 1e-4, run: (y) => rms(spectra(y).magnitude) },
  { key: "contrast", atol: 1e-4, run: (y, sr) => spectralContrast(y, { sr }) },
  { key: "mfcc_htk_lifter", atol: 1e-3, run: (y, sr) => mfcc(y, { sr, nMfcc: 13, htk: true, lifter: 22, nMels: 40, fmax: 8000 }) },
  { key: "mel_small", atol: 0, relative: true, run: (y, sr) => melspectrogram(y, { sr, nFft: 512, hopLength: 128, nMels: 40, norm: null, power: 1 }) },
  { key: "chroma_tuned", atol: 1e-4, run: (y, sr) => chromaStft(y, { sr, tuning: 0.2, nFft: 1024, hopLength: 256, norm: 2 }) },
  { key: "zcr_small", atol: 1e-4, run: (y) => zeroCrossingRate(y, { frameLength: 256, hopLength: 100, center: false }) },
  { key: "rms_small", atol: 1e-4, run: (y) => rms(y, { frameLength: 300, hopLength: 128, padMode: "reflect" }) },
  { key: "contrast_linear", atol: 0, relative: true, run: (y, sr) => spectralContrast(y, { sr, nBands: 4, fmin: 300, quantile: 0.05, linear: true }) },
];

for (const name of ALL_SIGNALS) {
  const fx = signalFixture(name);
  for (const c of CASES) {
    const ref = fx.features[c.key];
    if (!ref) continue;
    test(`${c.key} matches librosa on ${name} (${ref.call}, sr=${fx.sr})`, async (t) => {
      const y = await signalAudio(fx);
      const M = c.run(y, fx.sr);
      // linear-scale outputs (power, magnitude): tolerance relative to the matrix's scale
      const atol = c.relative ? 1e-5 * Math.max(...ref.values.map(Math.abs)) : c.atol;
      const err = compareFeature(M, ref, atol, `${c.key}/${name}`);
      t.diagnostic(`parity ${c.key} ${name} ${err.toExponential(2)}${c.relative ? ` (scale ${Math.max(...ref.values.map(Math.abs)).toExponential(2)})` : ""}`);
    });
  }
  for (const [key, tr] of Object.entries(fx.tuning)) {
    test(`${key} equals librosa's on ${name} (${tr.call})`, async () => {
      const y = await signalAudio(fx);
      const input = key === "estimate_tuning_y" ? y : key === "estimate_tuning_S" ? spectra(y).power : spectra(y).magnitude;
      assert.equal(estimateTuning(input, { sr: fx.sr }), tr.value);
    });
  }
}
