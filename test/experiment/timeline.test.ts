// predictSegments with speaker- and utterance-normalised models: a short recording's windows are
// scored each with its own statistics (as ser predict scores one clip), a long enough one as one
// speaker; the row says which.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-node";
import { predictSegments, segmentWindows } from "../../src/experiment/timeline";
import { buildCnnLstm } from "../../src/model/cnn-lstm";
import { fitStandardizer } from "../../src/model/standardize";
import { predictProba, type ModelBundle } from "../../src/model/bundle";
import { speakerNormalize } from "../../src/model/speaker-normalize";
import { clipFeatures, featureColumns, featureConfig } from "../../src/features/clip-features";
import { loadBytes } from "../../src/audio/load";
import { EMOTIONS } from "../../src/data/ravdess";
import { Rng } from "../../src/util/rng";
import { readRavdessClip } from "../helpers/ravdess";

const cfg = featureConfig({ representation: "sequence", features: ["mfcc", "rms"], nMfcc: 13 });
let bundle: ModelBundle;
let recording: Float32Array;

before(async () => {
  const cols = featureColumns(cfg).length;
  const frames = clipFeatures(new Float32Array(Math.round(cfg.duration! * cfg.sr)), cfg).rows;
  const model = buildCnnLstm({ inputShape: [frames, cols], filters: [4, 4], lstmUnits: 4, denseUnits: 4, numClasses: 8, seed: 3 });
  const standardizer = fitStandardizer(Float32Array.from(new Rng(4).standardNormal(6 * frames * cols)), [frames, cols]);
  bundle = { model, featureConfig: cfg, standardizer, labels: [...EMOTIONS], trainingConfig: { normalization: "speaker" } };
  // two RAVDESS sentences with a second of silence between them
  const clips = await Promise.all(
    ["Actor_03/03-01-05-02-01-01-03.wav", "Actor_03/03-01-04-02-02-01-03.wav"].map(async (e) => loadBytes(await readRavdessClip(e), { name: e, sr: cfg.sr }).y),
  );
  recording = new Float32Array(clips[0].length + cfg.sr + clips[1].length);
  recording.set(clips[0]);
  recording.set(clips[1], clips[0].length + cfg.sr);
});
after(() => bundle.model.dispose());

test("a recording with fewer windows than minSpeakerWindows: each window alone, as single clips, instead of an error", () => {
  const rows = predictSegments(bundle, recording);
  assert.ok(rows.length >= 1);
  for (const r of rows) {
    assert.equal(r.normalization, "single-clip");
    const sum = Object.values(r.probabilities).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - 1) < 1e-5, `probabilities sum to ${sum}`);
  }
  // the first segment's windows, each normalised with its own statistics, give its probabilities (their mean)
  const first = rows[0];
  const win = Math.round(3 * cfg.sr);
  const w = segmentWindows({ start: Math.round(first.start * cfg.sr), end: Math.round(first.end * cfg.sr) }, win, win);
  assert.equal(w.length, first.windows);
  const mean = new Float64Array(bundle.labels.length);
  for (const { start, end } of w) {
    const f = clipFeatures(recording.subarray(start, end), cfg);
    const p = predictProba(bundle, speakerNormalize(f.data, bundle.standardizer!.shape as [number, number], [0], { minClips: 1 }));
    for (let c = 0; c < mean.length; c++) mean[c] += p.data[c] / w.length;
  }
  bundle.labels.forEach((l, c) => assert.ok(Math.abs(mean[c] - first.probabilities[l]) < 1e-4, `${l}: ${mean[c]} vs ${first.probabilities[l]}`));
});

test("with enough windows the recording is one speaker; an utterance model scores windows alone; a global model does neither", () => {
  assert.ok(predictSegments(bundle, recording, { minSpeakerWindows: 1 }).every((r) => r.normalization === "speaker"));
  assert.ok(predictSegments({ ...bundle, trainingConfig: { normalization: "utterance" } }, recording).every((r) => r.normalization === "single-clip"));
  const global = predictSegments({ ...bundle, trainingConfig: { normalization: "global" } }, recording);
  assert.ok(global.every((r) => r.normalization === "global"));
  const speaker = predictSegments(bundle, recording, { minSpeakerWindows: 1 });
  assert.notDeepEqual(global[0].probabilities, speaker[0].probabilities, "normalisation changes the input");
  assert.equal(tf.memory().numTensors >= 0, true);
});
