import { test } from "node:test";
import assert from "node:assert/strict";
import {
  clipFeatures,
  featureColumns,
  featureConfig,
  featureRowNames,
  frameFeatures,
  prepareClip,
  summarize,
  DEFAULT_FEATURE_CONFIG,
  FEATURE_NAMES,
} from "../../src/features/clip-features";
import { featureConfigHash } from "../../src/features/config-hash";
import { mfcc } from "../../src/features/mfcc";
import { chromaStft } from "../../src/features/chroma-stft";
import { melspectrogram } from "../../src/features/melspectrogram";
import { spectralContrast } from "../../src/features/spectral-contrast";
import { zeroCrossingRate } from "../../src/features/zero-crossing-rate";
import { rms } from "../../src/features/rms";
import { powerToDb } from "../../src/dsp/db";
import { spectrogram } from "../../src/dsp/spectrogram";
import { spectra } from "../../src/dsp/spectra";
import { cabs32 } from "../../src/dsp/spectrogram";
import { stft } from "../../src/dsp/stft";
import { decodeWav } from "../../src/audio/wav";
import { SIGNALS } from "../helpers/signals";
import { loadFixture } from "../helpers/fixtures";
import { readRavdessClip } from "../helpers/ravdess";

test("the default config: 195 named summary columns in the documented order", () => {
  const cfg = featureConfig();
  const cols = featureColumns(cfg);
  assert.equal(cols.length, 40 + 12 + 128 + 7 + 6 + 1 + 1);
  assert.deepEqual(cols.slice(0, 2), ["mfcc_01", "mfcc_02"]);
  assert.equal(cols[39], "mfcc_40");
  assert.deepEqual(cols.slice(40, 52), [
    "chroma_C",
    "chroma_C#",
    "chroma_D",
    "chroma_D#",
    "chroma_E",
    "chroma_F",
    "chroma_F#",
    "chroma_G",
    "chroma_G#",
    "chroma_A",
    "chroma_A#",
    "chroma_B",
  ]);
  assert.equal(cols[52], "mel_001");
  assert.equal(cols[179], "mel_128");
  assert.deepEqual(cols.slice(180), [
    "contrast_1",
    "contrast_2",
    "contrast_3",
    "contrast_4",
    "contrast_5",
    "contrast_6",
    "contrast_7",
    "tonnetz_1",
    "tonnetz_2",
    "tonnetz_3",
    "tonnetz_4",
    "tonnetz_5",
    "tonnetz_6",
    "zcr",
    "rms",
  ]);
  assert.equal(new Set(cols).size, cols.length);
  const withStd = featureColumns(featureConfig({ stats: ["mean", "std"] }));
  assert.equal(withStd.length, 390);
  assert.equal(withStd[195], "mfcc_01_std");
  assert.deepEqual(featureRowNames("mel", { nMfcc: 13, nMels: 1000 }).slice(0, 1), ["mel_0001"]);
});

test("config hash: stable under key order, changed by any field, JSON round-trips", () => {
  const a = featureConfig({ nMfcc: 20, representation: "sequence" });
  const b = JSON.parse(JSON.stringify({ representation: "sequence", nMfcc: 20 }));
  assert.equal(featureConfigHash(a), featureConfigHash(featureConfig(b)));
  assert.match(featureConfigHash(a), /^[0-9a-f]{16}$/);
  const seen = new Set([featureConfigHash(featureConfig())]);
  for (const change of [
    { sr: 16000 },
    { offset: 0 },
    { duration: 2.5 },
    { nMfcc: 13 },
    { melDb: false },
    { chromaPower: 1 as const },
    { features: ["mfcc" as const] },
    { stats: ["mean" as const, "std" as const] },
  ]) {
    const h = featureConfigHash(featureConfig(change));
    assert.ok(!seen.has(h), `hash unchanged by ${JSON.stringify(change)}`);
    seen.add(h);
  }
  // features are put in column order, so the same set hashes the same
  assert.equal(featureConfigHash(featureConfig({ features: ["rms", "mfcc"] })), featureConfigHash(featureConfig({ features: ["mfcc", "rms"] })));
});

test("the sequence stacks exactly the separate features, from one shared STFT", () => {
  const sr = 22050;
  const cfg = featureConfig({ representation: "sequence", duration: 1, features: ["mfcc", "chroma", "mel", "contrast", "zcr", "rms"], nMfcc: 20 });
  const y = prepareClip(SIGNALS.am_tone(sr), cfg);
  const F = clipFeatures(y, cfg);
  const T = 1 + Math.floor(y.length / 512);
  assert.deepEqual([F.rows, F.cols], [T, 20 + 12 + 128 + 7 + 1 + 1]);
  assert.equal(F.columns.length, F.cols);
  const parts = [
    mfcc(y, { sr, nMfcc: 20 }),
    chromaStft(y, { sr }),
    powerToDb(melspectrogram(y, { sr })),
    spectralContrast(y, { sr }),
    zeroCrossingRate(y),
    rms(y),
  ];
  let col = 0;
  for (const p of parts) {
    for (let r = 0; r < p.rows; r++, col++) {
      for (let t = 0; t < T; t++) assert.equal(F.data[t * F.cols + col], p.data[r * T + t], `${F.columns[col]} frame ${t}`);
    }
  }
});

test("the summary is the per-column mean (and population std) of the sequence", () => {
  const cfg = featureConfig({ duration: 1, features: ["mfcc", "zcr", "rms"], stats: ["mean", "std"] });
  const y = SIGNALS.chirp(22050);
  const seq = frameFeatures(prepareClip(y, cfg), cfg);
  const v = clipFeatures(y, cfg);
  assert.deepEqual([v.rows, v.cols], [1, 2 * seq.cols]);
  for (let d = 0; d < seq.cols; d++) {
    let m = 0;
    for (let t = 0; t < seq.rows; t++) m += seq.data[t * seq.cols + d];
    m /= seq.rows;
    let s = 0;
    for (let t = 0; t < seq.rows; t++) s += (seq.data[t * seq.cols + d] - m) ** 2;
    assert.ok(Math.abs(v.data[d] - m) <= 1e-6 * Math.max(1, Math.abs(m)));
    assert.ok(Math.abs(v.data[seq.cols + d] - Math.sqrt(s / seq.rows)) <= 1e-5 * Math.max(1, Math.sqrt(s / seq.rows)));
  }
  assert.deepEqual(Array.from(summarize({ data: Float32Array.of(1, 2, 3, 4), rows: 2, cols: 2 }, ["mean", "std"])), [2, 3, 1, 1]);
});

test("prepareClip trims or zero-pads at the end to duration · sr (librosa.util.fix_length)", () => {
  const cfg = featureConfig({ sr: 1000, duration: 0.5 });
  assert.equal(prepareClip(new Float32Array(800).fill(1), cfg).length, 500);
  const padded = prepareClip(new Float32Array(300).fill(1), cfg);
  assert.equal(padded.length, 500);
  assert.equal(padded[299], 1);
  assert.equal(padded[300], 0);
  const y = new Float32Array(123);
  assert.equal(prepareClip(y, featureConfig({ duration: null })), y);
});

test("spectra: |stft(y)| bit for bit through numpy's complex64 abs, its square in float32; within 2 ulp of spectrogram()", () => {
  const y = SIGNALS.noise(22050);
  for (const o of [{}, { nFft: 512, hopLength: 100 }, { nFft: 1024, center: false }, { nFft: 1000 }, { nFft: 8 }]) {
    const s = spectra(y, o);
    const D = stft(y, o);
    const ref = spectrogram(y, { ...o, power: 1 });
    assert.deepEqual([s.magnitude.rows, s.magnitude.cols], [D.rows, D.cols]);
    for (let i = 0; i < D.re.length; i++) {
      const m = Math.fround(cabs32(D.re[i], D.im[i]));
      assert.equal(s.magnitude.data[i], m, `magnitude ${i}`);
      assert.equal(s.power.data[i], Math.fround(m * m), `power ${i}`);
      assert.ok(Math.abs(m - ref.data[i]) <= 2 ** -22 * m, `within 2 ulp of hypot at ${i}: ${m} vs ${ref.data[i]}`);
    }
  }
  // numpy's np.abs on complex64: known values
  assert.equal(cabs32(3, 4), 5);
  assert.equal(cabs32(0, -2), 2);
  assert.equal(cabs32(0, 0), 0);
});

const clipFx = loadFixture("features/clip_features");
for (const c of clipFx.cases) {
  test(`clip summary (mean and std of every column) matches librosa on ${c.clip} at 48 kHz`, async (t) => {
    const wav = decodeWav(await readRavdessClip(c.source), c.source);
    const y = wav.samples[0].subarray(Math.trunc(0.5 * 48000));
    const cfg = featureConfig({ sr: 48000, duration: 3, stats: ["mean", "std"] });
    const v = clipFeatures(y, cfg);
    assert.equal(frameFeatures(prepareClip(y, cfg), cfg).rows, c.frames);
    const ref = [...c.mean, ...c.std];
    const names = v.columns;
    const worst: Record<string, number> = {};
    for (let i = 0; i < ref.length; i++) {
      const group = names[i].replace(/_std$/, "").replace(/_[^_]+$/, "");
      const err = Math.abs(v.data[i] - ref[i]);
      worst[group] = Math.max(worst[group] ?? 0, err);
      // dB-valued columns (mfcc, mel) to 1e-3; the others to 1e-4
      const atol = group === "mfcc" || group === "mel" ? 1e-3 : 1e-4;
      assert.ok(err <= atol, `${names[i]}: ours ${v.data[i]}, librosa ${ref[i]} (|error| ${err})`);
    }
    t.diagnostic(`clip-summary ${c.clip} ${JSON.stringify(Object.fromEntries(Object.entries(worst).map(([k, e]) => [k, Number(e.toExponential(2))])))}`);
  });
}

test("featureConfig rejects bad fields and names them", () => {
  assert.throws(() => featureConfig({ sr: 0 }), /sr=0/);
  assert.throws(() => featureConfig({ duration: -1 }), /duration=-1/);
  assert.throws(() => featureConfig({ offset: -0.5 }), /offset=-0.5/);
  assert.throws(() => featureConfig({ nMfcc: 200 }), /nMfcc=200/);
  assert.throws(() => featureConfig({ features: ["pitch" as never] }), /features\[\]="pitch"/);
  assert.throws(() => featureConfig({ features: [] }), /features=\[\]/);
  assert.throws(() => featureConfig({ representation: "image" as never }), /representation="image"/);
  assert.throws(() => featureConfig({ representation: "sequence", duration: null }), /duration=null/);
  assert.throws(() => featureConfig({ stats: ["median" as never] }), /stats\[\]="median"/);
  assert.throws(() => featureConfig({ nfft: 1024 } as never), /unknown FeatureConfig field "nfft"/);
  assert.deepEqual(FEATURE_NAMES, DEFAULT_FEATURE_CONFIG.features);
});
