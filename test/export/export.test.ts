// `ser export` round trip on real RAVDESS clips: a tiny trained run of the seed recipe and of the
// best recipe (their architectures, fused native layers) is exported; plain @tensorflow/tfjs on
// its CPU backend, in a child process without tfjs-node, scores held-out clips through the browser
// library path and must agree with the native bundle within 1e-5. Plus the layer table's errors.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import * as tf from "@tensorflow/tfjs-node";
import { projectPath } from "../../src/util/paths";
import { exportBundle, exportLayer, standardModel, ExportError, STANDARD_LAYERS } from "../../src/export";
import { loadBundle, saveBundle } from "../../src/model/bundle";
import { buildCnnLstm } from "../../src/model/cnn-lstm";
import { predictFiles } from "../../src/experiment/predict";
import { parseWebBundle, wavInput } from "../../src/browser";
import { heldOutClips, tinyRun } from "../helpers/tiny-run";

const TSX = pathToFileURL(projectPath("node_modules", "tsx", "dist", "loader.mjs")).href;
let work: string;

before(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "ser-export-"));
});
after(() => fs.rmSync(work, { recursive: true, force: true }));

/** Probabilities from plain tfjs (CPU backend) in a child process without native code. */
function cpuProbabilities(dir: string, wavs: string[]): number[][] {
  const r = spawnSync(process.execPath, ["--import", TSX, projectPath("test", "helpers", "tfjs-cpu-predict.ts"), dir, ...wavs], { encoding: "utf8", timeout: 300_000 });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { backend: string; probabilities: number[][] };
  assert.equal(out.backend, "cpu");
  return out.probabilities;
}

function ser(args: string[]) {
  return spawnSync(process.execPath, ["--import", TSX, projectPath("src", "cli", "ser.ts"), ...args], { encoding: "utf8", timeout: 300_000, env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: "2" } });
}

function classNames(json: unknown, out: string[] = []): string[] {
  if (Array.isArray(json)) json.forEach((v) => classNames(v, out));
  else if (json && typeof json === "object") {
    for (const [k, v] of Object.entries(json)) {
      if (k === "class_name" && typeof v === "string") out.push(v);
      else classNames(v, out);
    }
  }
  return out;
}

for (const recipe of ["seed", "best"] as const) {
  test(`the ${recipe} recipe's network exports to standard layers and scores real clips as the native bundle does (1e-5)`, { timeout: 900_000 }, async () => {
    const run = await tinyRun(recipe, path.join(work, "runs"), path.join(work, "cache"));
    const out = path.join(work, "exported", recipe);
    const r = await exportBundle(run, out);
    assert.deepEqual(Object.keys(r.files).sort(), ["MODEL_CARD.md", "bundle.json", "model.json", "weights.bin"]);
    assert.deepEqual(r.replaced, { FusedConv1D: "Conv1D", SeededDropout: "Dropout", FusedBatchNormalization: "BatchNormalization", FusedLSTM: "LSTM" });
    const modelJson = JSON.parse(fs.readFileSync(path.join(out, "model.json"), "utf8"));
    const classes = classNames(modelJson.modelTopology);
    assert.ok(classes.every((c) => !/^(Fused|Seeded)/.test(c)), `custom classes left: ${classes.join(", ")}`);
    assert.ok(classes.includes("LSTM") && classes.includes("Conv1D") && classes.includes("BatchNormalization"));
    assert.match(fs.readFileSync(path.join(out, "MODEL_CARD.md"), "utf8"), /## Export\n\nExported by `ser export`.*FusedLSTM → LSTM/);
    const web = parseWebBundle(JSON.parse(fs.readFileSync(path.join(out, "bundle.json"), "utf8")), "bundle.json");
    assert.equal(web.normalization, "global");
    assert.equal(web.labels.length, 8);
    assert.ok(web.standardizer, "the standardisation statistics travel with the model");

    const wavs = await heldOutClips();
    const native = predictFiles(await loadBundle(path.join(run, "model")), wavs);
    const cpu = cpuProbabilities(out, wavs);
    let worst = 0;
    native.forEach((p, i) => {
      assert.ok("probabilities" in p, JSON.stringify(p));
      web.labels.forEach((label, k) => (worst = Math.max(worst, Math.abs(p.probabilities[label] - cpu[i][k]))));
    });
    assert.ok(worst <= 1e-5, `largest probability difference ${worst}`);
    // not a constant output: the clips get different probabilities
    assert.ok(cpu.some((row) => Math.abs(row[0] - cpu[0][0]) > 1e-6), "every clip got the same probabilities");
    if (recipe === "seed") {
      // the command line writes the same files
      const cli = ser(["export", "--model", run, "--out", path.join(work, "cli-export")]);
      assert.equal(cli.status, 0, cli.stderr);
      assert.match(cli.stdout, /exported .* \(FusedConv1D → Conv1D, .*FusedLSTM → LSTM\)\n[\s\S]*weights\.bin +[\d.]+ KiB[\s\S]*total/);
      assert.deepEqual(fs.readdirSync(path.join(work, "cli-export")).sort(), Object.keys(r.files).sort());
      const noOut = ser(["export", "--model", run]);
      assert.equal(noOut.status, 1);
      assert.match(noOut.stderr, /export needs --out DIR/);
    }
  });
}

test("standardModel keeps the function: the same outputs as the fused network on random inputs, weights unchanged", async () => {
  const fused = buildCnnLstm({ inputShape: [40, 6], seed: 3, filters: [8, 4], lstmUnits: 5, denseUnits: 6 });
  // non-trivial BatchNormalization statistics and biases
  fused.setWeights(fused.getWeights().map((w, i) => tf.add(w, tf.randomUniform(w.shape, -0.3, 0.3, "float32", i)).abs()));
  const std = await standardModel(fused);
  const x = tf.randomNormal([3, 40, 6], 0, 1, "float32", 9);
  const a = (fused.predict(x) as tf.Tensor).dataSync();
  const b = (std.predict(x) as tf.Tensor).dataSync();
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  assert.ok(worst <= 1e-6, `largest difference ${worst}`);
  assert.equal(std.layers.find((l) => l.name === "lstm")!.getClassName(), "LSTM");
  fused.getWeights().forEach((w, i) => assert.deepEqual(std.getWeights()[i].dataSync(), w.dataSync()));
});

test("a layer without a standard form fails the export with its name and class", () => {
  assert.throws(() => exportLayer({ class_name: "AttentionPooling", config: { name: "attention" } }), (err: Error) => {
    assert.ok(err instanceof ExportError);
    assert.match(err.message, /layer "attention" is a AttentionPooling, which has no standard TensorFlow\.js form.*LAYER_EXPORTS in src\/export\/layer-map\.ts/);
    return true;
  });
  // a wrapped fused layer is written as its standard form inside the standard wrapper
  const wrapped = exportLayer({ class_name: "Bidirectional", config: { name: "bi", layer: { class_name: "FusedLSTM", config: { name: "inner", units: 4 } } } });
  assert.equal((wrapped.layer.config.layer as { class_name: string }).class_name, "LSTM");
  // initializers (custom ones included) become Zeros: weights are loaded anyway
  const init = exportLayer({ class_name: "FusedLSTM", config: { name: "l", units: 2, recurrent_initializer: { class_name: "SeededOrthogonal", config: { seed: 1 } } } });
  assert.deepEqual(init.layer.config.recurrent_initializer, { class_name: "Zeros", config: {} });
  // standard layers pass unchanged, a standard wrapper around a standard layer too
  const dense = { class_name: "Dense", config: { name: "d", units: 3, activation: "relu" } };
  assert.deepEqual(exportLayer(dense).layer, dense);
  assert.ok(STANDARD_LAYERS.has("Bidirectional"));
  const bi = exportLayer({ class_name: "Bidirectional", config: { name: "b", layer: { class_name: "LSTM", config: { name: "l", units: 2 } } } });
  assert.equal((bi.layer.config.layer as { class_name: string }).class_name, "LSTM");
});

test("a speaker-normalised model exports, marked so, and refuses to score a single clip", async () => {
  const model = buildCnnLstm({ inputShape: [20, 1], seed: 1, filters: [4], kernelSizes: [3], poolSizes: [2], convDropout: [0.1], lstmUnits: 3, denseUnits: 4 });
  const dir = path.join(work, "speaker-model");
  const labels = ["neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised"];
  await saveBundle(dir, { model, featureConfig: { features: ["zcr"] }, standardizer: null, labels, trainingConfig: { normalization: "speaker" } });
  const out = path.join(work, "exported", "speaker");
  await exportBundle(dir, out);
  const web = parseWebBundle(JSON.parse(fs.readFileSync(path.join(out, "bundle.json"), "utf8")), "bundle.json");
  assert.equal(web.normalization, "speaker");
  assert.throws(() => wavInput(new Uint8Array(44), web), /normalises each speaker.*cannot score one clip/);
  await assert.rejects(exportBundle(path.join(work, "nothing-here"), path.join(work, "x")), /not a trained model: no bundle\.json/);
  assert.ok(!fs.existsSync(path.join(work, "x")), "nothing written on failure");
});
