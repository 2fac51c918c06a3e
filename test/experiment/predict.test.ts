// predictFiles and findAudioFiles on bad input (issue 11, defects 1, 2, 3, 6, 10, 14, 15): every
// problem is reported for its file or folder, the other files still run, and no NaN becomes a label.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import * as tf from "@tensorflow/tfjs-node";
import { buildCnnLstm } from "../../src/model/cnn-lstm";
import { fitStandardizer } from "../../src/model/standardize";
import { loadBundle, saveBundle, type ModelBundle } from "../../src/model/bundle";
import { featureConfig, featureColumns } from "../../src/features/clip-features";
import { findAudioFiles, predictFiles, bundleFeatureConfig, type FilePrediction } from "../../src/experiment/predict";
import { scoredPartNote } from "../../src/experiment/scored-part";
import { encodeWav } from "../../src/audio/wav";
import { EMOTIONS } from "../../src/data/ravdess";
import { FileError } from "../../src/util/errors";
import { projectPath } from "../../src/util/paths";
import { Rng } from "../../src/util/rng";
import { readRavdessClip } from "../helpers/ravdess";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ser-pred-"));
fs.chmodSync(tmp, 0o755);
let bundle: ModelBundle;
let good: string;

before(async () => {
  const cfg = featureConfig();
  const d = featureColumns(cfg).length;
  const rng = new Rng(3);
  const model = buildCnnLstm({ inputShape: [d, 1], filters: [4, 4], lstmUnits: 4, denseUnits: 4, numClasses: 8, seed: 1 });
  bundle = { model, featureConfig: cfg, standardizer: fitStandardizer(Float32Array.from(rng.standardNormal(16 * d)), [d, 1]), labels: [...EMOTIONS] };
  good = path.join(tmp, "clips", "03-01-05-01-01-01-01.wav");
  fs.mkdirSync(path.dirname(good), { recursive: true });
  fs.writeFileSync(good, await readRavdessClip("Actor_01/03-01-05-01-01-01-01.wav"));
});
after(() => {
  bundle.model.dispose();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const ok = (p: FilePrediction) => "emotion" in p;
const err = (p: FilePrediction) => ("error" in p ? p.error : `no error (predicted ${(p as { emotion: string }).emotion})`);

test("a good file is scored; /dev/zero, a FIFO, a symlink loop and a missing file each get their own error", () => {
  const fifo = path.join(tmp, "x.wav");
  assert.equal(spawnSync("mkfifo", [fifo]).status, 0, "mkfifo (coreutils) is needed");
  const loop = path.join(tmp, "loop.wav");
  fs.symlinkSync(loop, loop);
  const missing = path.join(tmp, "missing.wav");
  const preds = predictFiles(bundle, [good, "/dev/zero", fifo, loop, missing]);
  assert.ok(ok(preds[0]), err(preds[0]));
  assert.match(err(preds[1]), /^\/dev\/zero: is a character device, not a WAV file$/);
  assert.match(err(preds[2]), /x\.wav: is a FIFO \(named pipe\), not a WAV file/);
  assert.match(err(preds[3]), /loop\.wav: too many levels of symbolic links \(a symlink loop\?\)/);
  assert.match(err(preds[4]), /missing\.wav: no such file/);
});

test("audio of finite but huge samples (float32 1e38) is an error for that file, never a label", () => {
  const loud = path.join(tmp, "loud.wav");
  fs.writeFileSync(
    loud,
    encodeWav(
      Float32Array.from({ length: 48000 * 4 }, (_, i) => 1e38 * Math.sin(i / 7)),
      48000,
      { bitDepth: "32f" },
    ),
  );
  const [p] = predictFiles(bundle, [loud]);
  assert.match(err(p), /loud\.wav: .*not finite.*the audio peaks at \|y\| = 1\.\d+e\+38/);
});

test("a model that outputs NaN gives an error per file, not 'neutral'", () => {
  const broken = buildCnnLstm({
    inputShape: bundle.model.inputs[0].shape.slice(1) as [number, number],
    filters: [4, 4],
    lstmUnits: 4,
    denseUnits: 4,
    numClasses: 8,
    seed: 1,
  });
  try {
    broken.setWeights(broken.getWeights().map((w) => tf.fill(w.shape, NaN)));
    const [p] = predictFiles({ ...bundle, model: broken }, [good]);
    assert.match(err(p), /class probabilities at clip 0, class 0 is NaN: only finite numbers are allowed/);
  } finally {
    broken.dispose();
  }
});

test("a 60 s recording says which part was scored; a RAVDESS-length clip says nothing", () => {
  const long = path.join(tmp, "long.wav");
  const rng = new Rng(1);
  fs.writeFileSync(
    long,
    encodeWav(
      Float32Array.from(rng.standardNormal(22050 * 60), (v) => 0.05 * v),
      22050,
    ),
  );
  const [p, q] = predictFiles(bundle, [long, good]);
  assert.ok(ok(p) && ok(q), err(p));
  assert.equal((p as { note?: string }).note, "60.0 s long; only 0.5–3.5 s was scored (the model's clip window), the rest was ignored");
  assert.equal((q as { note?: string }).note, undefined);
  assert.equal(scoredPartNote(4, { offset: 0.5, duration: 3 }), null);
  assert.match(scoredPartNote(10, { offset: 0, duration: 3 })!, /10\.0 s long; only 0\.0–3\.0 s was scored/);
});

test("featureConfig null or invalid in bundle.json is a FileError naming bundle.json", async () => {
  const dir = path.join(tmp, "nofc");
  await saveBundle(dir, { ...bundle, featureConfig: null });
  const b = await loadBundle(dir);
  try {
    assert.throws(
      () => predictFiles(b, [good]),
      (e: unknown) =>
        e instanceof FileError && e.path === path.join(dir, "bundle.json") && /featureConfig is null: .* cannot score audio files/.test(e.message),
    );
    assert.throws(() => bundleFeatureConfig({ ...b, featureConfig: { nFft: -1 } }), /bundle\.json: featureConfig: nFft=-1 must be a positive integer/);
  } finally {
    b.model.dispose();
  }
});

test("findAudioFiles: an unmatched pattern and a folder without WAVs are problems, named differently from a missing file", () => {
  const empty = path.join(tmp, "empty");
  fs.mkdirSync(empty);
  fs.writeFileSync(path.join(empty, "notes.txt"), "x");
  const pattern = path.join(tmp, "nothing-*.wav");
  const r = findAudioFiles([empty, pattern, path.join(tmp, "clips")]);
  assert.deepEqual(r.files, [good]);
  assert.deepEqual(r.problems, [
    { path: empty, error: `${empty}: no audio files (.wav, .mp3, .flac, .ogg, .webm, .m4a, …) in this folder` },
    { path: pattern, error: `${pattern}: no file matches this pattern` },
  ]);
});

test("findAudioFiles: a subfolder without read permission is reported; the other files still run (folder and ** glob)", () => {
  const tree = path.join(tmp, "tree");
  fs.mkdirSync(path.join(tree, "locked"), { recursive: true });
  fs.mkdirSync(path.join(tree, "open"));
  fs.copyFileSync(good, path.join(tree, "open", "a.wav"));
  fs.copyFileSync(good, path.join(tree, "locked", "b.wav"));
  fs.chmodSync(tree, 0o755);
  fs.chmodSync(path.join(tree, "open"), 0o755);
  fs.chmodSync(path.join(tree, "locked"), 0o000);
  // root reads any folder: run the search as an unprivileged user then.
  const script = path.join(tmp, "find.ts");
  fs.writeFileSync(
    script,
    `import { findAudioFiles } from ${JSON.stringify(pathToFileURL(projectPath("src", "experiment", "predict.ts")).href)};
console.log(JSON.stringify([findAudioFiles([${JSON.stringify(tree)}]), findAudioFiles([${JSON.stringify(tree + "/**/*.wav")}])]));`,
  );
  fs.chmodSync(script, 0o644);
  const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const r = spawnSync(process.execPath, ["--import", "tsx", script], { cwd: projectPath(), encoding: "utf8", ...asUser, env: { ...process.env, HOME: tmp } });
  assert.equal(r.status, 0, r.stderr);
  const [byFolder, byGlob] = JSON.parse(r.stdout);
  for (const found of [byFolder, byGlob]) {
    assert.deepEqual(found.files, [path.join(tree, "open", "a.wav")]);
    assert.deepEqual(found.problems, [
      { path: path.join(tree, "locked"), error: `${path.join(tree, "locked")}: cannot search this folder: permission denied` },
    ]);
  }
});
