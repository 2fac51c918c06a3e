// The browser entry's normalisation (src/browser/normalization.ts, classify.ts) against Node's on the
// same features of real RAVDESS clips (≤ 1e-6): a speaker- or utterance-normalised bundle scores one
// clip with its own statistics, as `ser predict`'s single-clip fallback (predict.ts scoreFeatures:
// speakerNormalize(x, shape, [0], { minClips: 1 }), then the standardiser); a long recording's
// windows are normalised together as one speaker, as predictTimeline does, when there are enough of
// them. No browser here: the page's own run of this code is checked in page.test.ts.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { clipFeatures, featureConfig, type FeatureConfig } from "../../src/features/clip-features";
import { loadClip } from "../../src/features/load-clip";
import { fromDecoded } from "../../src/audio/load";
import { decodeWav } from "../../src/audio/wav";
import { speakerNormalize } from "../../src/model/speaker-normalize";
import { applyStandardizer, fitStandardizer, type Standardizer } from "../../src/model/standardize";
import {
  clipInput,
  clipNormalization,
  describeNormalization,
  parseWebBundle,
  segmentInputs,
  wavInput,
  windowsNormalization,
  MIN_SPEAKER_WINDOWS,
  type WebBundle,
} from "../../src/browser";
import { heldOutClips } from "../helpers/tiny-run";

const CFG: FeatureConfig = featureConfig({ representation: "sequence", features: ["mfcc", "zcr", "rms"], nMfcc: 13, offset: 0.5, duration: 3 });
let clips: string[];
let feats: Float32Array[];
let shape: [number, number];
let standardizer: Standardizer;

function bundle(normalization: string, withStandardizer = true): WebBundle {
  return parseWebBundle(
    {
      format: "ser-toolkit/web-bundle",
      formatVersion: 1,
      modelFile: "model.json",
      inputShape: shape,
      featureConfig: CFG,
      standardizer: withStandardizer ? standardizer : null,
      normalization,
      labels: ["neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised"],
    },
    "bundle.json",
  );
}

function worst(a: Float32Array, b: Float32Array): number {
  assert.equal(a.length, b.length);
  let w = 0;
  for (let i = 0; i < a.length; i++) w = Math.max(w, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  return w;
}

/** Equal-length clips, one after another. */
function stack(xs: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(xs.reduce((n, x) => n + x.length, 0));
  xs.forEach((x, i) => out.set(x, i * xs[0].length));
  return out;
}

/** The clips one after another, as one long mono recording at the files' rate. */
function concatenated(files: readonly string[]): { y: Float32Array; sr: number } {
  const parts = files.map((f) => decodeWav(fs.readFileSync(f), f));
  const y = new Float32Array(parts.reduce((n, p) => n + p.samples[0].length, 0));
  let at = 0;
  for (const p of parts) {
    y.set(p.samples[0], at);
    at += p.samples[0].length;
  }
  return { y, sr: parts[0].sr };
}

/** Node's features of the windows segmentInputs cuts (resampled once, hop half a clip). */
function windowFeatures(y: Float32Array, sr: number): Float32Array[] {
  const { y: z } = fromDecoded({ samples: [y], sr }, "<audio>", { sr: CFG.sr, offset: 0, duration: null, mono: true }) as { y: Float32Array };
  const L = Math.round(CFG.duration! * CFG.sr);
  const out: Float32Array[] = [];
  for (let k = 0; ; k++) {
    const s = Math.round(((k * CFG.duration!) / 2) * CFG.sr);
    if (s + L > z.length) break;
    out.push(clipFeatures(z.slice(s, s + L), CFG).data);
  }
  return out;
}

before(async () => {
  clips = await heldOutClips();
  feats = clips.map((f) => clipFeatures(loadClip(f, CFG), CFG).data);
  const f = clipFeatures(loadClip(clips[0], CFG), CFG);
  shape = [f.rows, f.cols];
  // training-like statistics of speaker-normalised clips, far from 0 and 1 so a missing step shows
  standardizer = fitStandardizer(
    speakerNormalize(
      stack(feats),
      shape,
      feats.map(() => "a"),
    ).map((v, i) => 3 * v + (i % 7)),
    shape,
  );
});

test("one clip of a speaker-normalised bundle: Node's single-clip input (≤ 1e-6), its own statistics", () => {
  const b = bundle("speaker");
  assert.equal(clipNormalization(b), "single-clip");
  for (const x of feats) {
    // what predict.ts scoreFeatures' alone(i) and then predictProba do
    const node = applyStandardizer(speakerNormalize(x, shape, [0], { minClips: 1 }), standardizer);
    const web = clipInput(x, b);
    assert.ok(worst(web, node) <= 1e-6, `largest difference ${worst(web, node)}`);
    // and it is the clip standardised with its own per-column statistics (checked without speakerNormalize)
    const [T, F] = shape;
    const own = new Float32Array(x.length);
    for (let f = 0; f < F; f++) {
      let m = 0;
      for (let t = 0; t < T; t++) m += x[t * F + f] / T;
      let v = 0;
      for (let t = 0; t < T; t++) v += (x[t * F + f] - m) ** 2 / T;
      const s = Math.sqrt(v) || 1;
      for (let t = 0; t < T; t++) own[t * F + f] = (x[t * F + f] - m) / s;
    }
    assert.ok(worst(web, applyStandardizer(own, standardizer)) <= 1e-5);
    // not the global input: the step is really done
    assert.ok(worst(web, applyStandardizer(x, standardizer)) > 0.1);
  }
});

test("a WAV file goes the same way: wavInput equals Node's single-clip input of loadClip's features (≤ 1e-6)", () => {
  for (const kind of ["speaker", "utterance"]) {
    const b = bundle(kind);
    const web = wavInput(new Uint8Array(fs.readFileSync(clips[1])), b, clips[1]);
    const node = applyStandardizer(speakerNormalize(feats[1], shape, [0], { minClips: 1 }), standardizer);
    assert.ok(worst(web, node) <= 1e-6, `${kind}: largest difference ${worst(web, node)}`);
  }
  // a global bundle only standardises
  const g = wavInput(new Uint8Array(fs.readFileSync(clips[1])), bundle("global"), clips[1]);
  assert.ok(worst(g, applyStandardizer(feats[1], standardizer)) <= 1e-6);
  // without a standardiser the statistics are still per feature column of the input shape
  const plain = wavInput(new Uint8Array(fs.readFileSync(clips[1])), bundle("speaker", false), clips[1]);
  assert.ok(worst(plain, speakerNormalize(feats[1], shape, [0], { minClips: 1 })) <= 1e-6);
});

test("a long recording's windows: together as one speaker when there are enough, else each alone, as Node does", () => {
  const { y, sr } = concatenated(clips);
  const raw = windowFeatures(y, sr);
  assert.ok(raw.length >= MIN_SPEAKER_WINDOWS, `${raw.length} windows`);
  const b = bundle("speaker");
  const segs = segmentInputs([y], sr, b);
  assert.equal(segs.length, raw.length);
  assert.ok(segs.every((s) => s.normalization === "speaker"));
  // predictTimeline: speakerNormalize(x, shape, all.map(() => "recording")), then predictProba's standardiser
  const node = applyStandardizer(
    speakerNormalize(
      stack(raw),
      shape,
      raw.map(() => "recording"),
    ),
    standardizer,
  );
  const web = stack(segs.map((s) => s.x));
  assert.ok(worst(web, node) <= 1e-6, `largest difference ${worst(web, node)}`);
  // fewer windows than needed: each window alone, as ser predict scores too few clips of a speaker
  const few = segmentInputs([y], sr, b, { minSpeakerWindows: raw.length + 1 });
  assert.ok(few.every((s) => s.normalization === "single-clip"));
  raw.forEach((x, i) => assert.ok(worst(few[i].x, applyStandardizer(speakerNormalize(x, shape, [0], { minClips: 1 }), standardizer)) <= 1e-6, `window ${i}`));
  // an utterance-normalised bundle: each window alone whatever their number
  const utt = segmentInputs([y], sr, bundle("utterance"));
  assert.ok(utt.every((s) => s.normalization === "single-clip"));
  assert.ok(worst(utt[0].x, few[0].x) <= 1e-6);
  // a global one: standardised only; the hop can still be given as a number
  const glob = segmentInputs([y], sr, bundle("global"), CFG.duration! / 2);
  assert.ok(glob.every((s) => s.normalization === "global"));
  raw.forEach((x, i) => assert.ok(worst(glob[i].x, applyStandardizer(x, standardizer)) <= 1e-6, `window ${i}`));
});

test("which normalisation, in words; bundles say global, speaker or utterance", () => {
  assert.equal(windowsNormalization(bundle("speaker"), MIN_SPEAKER_WINDOWS), "speaker");
  assert.equal(windowsNormalization(bundle("speaker"), MIN_SPEAKER_WINDOWS - 1), "single-clip");
  assert.equal(windowsNormalization(bundle("utterance"), 100), "single-clip");
  assert.equal(windowsNormalization(bundle("global"), 100), "global");
  assert.match(
    describeNormalization(bundle("speaker"), "single-clip"),
    /^Speaker-normalised model, scored as a single clip of an unknown speaker \(its own statistics\): less accurate than with several clips of the speaker\.$/,
  );
  assert.match(describeNormalization(bundle("speaker"), "speaker", 11), /the 11 windows of the recording taken as clips of one speaker/);
  assert.match(describeNormalization(bundle("speaker"), "single-clip", 5), /each of the 5 windows scored as a single clip.*fewer than 8 windows/);
  assert.match(
    describeNormalization(bundle("utterance"), "single-clip"),
    /^Utterance-normalised model: the clip standardised with its own statistics, as in training\.$/,
  );
  assert.match(describeNormalization(bundle("global"), "global"), /^Globally normalised model/);
  assert.throws(() => bundle("per-clip"), /bundle\.json: normalization="per-clip" must be "global", "speaker" or "utterance"/);
});
