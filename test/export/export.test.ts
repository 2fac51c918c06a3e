// `ser export` round trip on real RAVDESS clips: tiny trained runs of the seed recipe, the best
// recipe (attention pooling), a bidirectional residual two-layer variant of it and a mean-pooled
// ensemble of two (their architectures, fused native layers) are exported; plain @tensorflow/tfjs
// on its CPU backend, in a child process without tfjs-node, scores held-out clips through the
// browser library path (portable layers, members averaged) and must agree with the native bundle
// within 1e-5. Plus the layer table's errors and the web bundle's checks.
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
import { buildCnnLstm, type CnnLstmConfig } from "../../src/model/cnn-lstm";
import { predictFiles } from "../../src/experiment/predict";
import type { PartialExperimentConfig } from "../../src/experiment/config";
import { clipNormalization, parseWebBundle, predictInput, PORTABLE_LAYERS, type WebBundle } from "../../src/browser";
import { heldOutClips, tinyRun } from "../helpers/tiny-run";

const TSX = pathToFileURL(projectPath("node_modules", "tsx", "dist", "loader.mjs")).href;
let work: string;

before(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "ser-export-"));
});
after(() => fs.rmSync(work, { recursive: true, force: true }));

/** Probabilities from plain tfjs (CPU backend) in a child process without native code. */
function cpuProbabilities(dir: string, wavs: string[]): { models: number; probabilities: number[][] } {
  const r = spawnSync(process.execPath, ["--import", TSX, projectPath("test", "helpers", "tfjs-cpu-predict.ts"), dir, ...wavs], {
    encoding: "utf8",
    timeout: 300_000,
  });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { backend: string; models: number; probabilities: number[][] };
  assert.equal(out.backend, "cpu");
  return out;
}

function ser(args: string[]) {
  return spawnSync(process.execPath, ["--import", TSX, projectPath("src", "cli", "ser.ts"), ...args], {
    encoding: "utf8",
    timeout: 300_000,
    env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: "2" },
  });
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

const BASE_REPLACED = { FusedConv1D: "Conv1D", SeededDropout: "Dropout", FusedBatchNormalization: "BatchNormalization", FusedLSTM: "LSTM" };
const MODEL_FILES = ["MODEL_CARD.md", "bundle.json", "model.json", "weights.bin"];

/** The exported variants: a tiny run of a recipe with changes, what export replaces, the classes its model.json must hold. */
const CASES: {
  name: string;
  recipe: "seed" | "best";
  overrides?: PartialExperimentConfig;
  replaced: Record<string, string>;
  classes: string[];
  files: string[];
}[] = [
  { name: "seed", recipe: "seed", replaced: BASE_REPLACED, classes: ["LSTM", "Conv1D", "BatchNormalization"], files: MODEL_FILES },
  {
    name: "best",
    recipe: "best",
    replaced: { ...BASE_REPLACED, AttentionPooling: "PortableAttentionPooling" },
    classes: ["LSTM", "Conv1D", "PortableAttentionPooling"],
    // configs/best.json trains an ensemble of 3: every member is exported
    files: [...MODEL_FILES, "member-2/model.json", "member-2/weights.bin", "member-3/model.json", "member-3/weights.bin"].sort(),
  },
  {
    name: "best-bidirectional",
    recipe: "best",
    overrides: { model: { bidirectional: true, lstmLayers: 2, residual: true }, training: { ensemble: 1 } },
    replaced: { ...BASE_REPLACED, ReverseTime: "PortableReverseTime", AttentionPooling: "PortableAttentionPooling" },
    classes: ["PortableReverseTime", "Concatenate", "Add", "PortableAttentionPooling"],
    files: MODEL_FILES,
  },
  {
    name: "best-mean-ensemble",
    recipe: "best",
    overrides: { model: { pooling: "mean" }, training: { ensemble: 2 } },
    replaced: BASE_REPLACED,
    classes: ["GlobalAveragePooling1D"],
    files: [...MODEL_FILES, "member-2/model.json", "member-2/weights.bin"].sort(),
  },
];

for (const c of CASES) {
  test(
    `the ${c.name} network exports to standard and portable layers and scores real clips as the native bundle does (1e-5)`,
    { timeout: 900_000 },
    async (t) => {
      const run = await tinyRun(c.recipe, path.join(work, "runs"), path.join(work, "cache"), { name: `tiny-${c.name}`, ...c.overrides });
      const out = path.join(work, "exported", c.name);
      const r = await exportBundle(run, out);
      assert.deepEqual(Object.keys(r.files).sort(), c.files);
      assert.deepEqual(r.replaced, c.replaced);
      const modelJson = JSON.parse(fs.readFileSync(path.join(out, "model.json"), "utf8"));
      const classes = classNames(modelJson.modelTopology);
      assert.ok(
        classes.every((k) => STANDARD_LAYERS.has(k) || PORTABLE_LAYERS.includes(k) || /^(Zeros|Model|Sequential)$/.test(k)),
        `classes other than standard and portable ones: ${classes.join(", ")}`,
      );
      for (const k of c.classes) assert.ok(classes.includes(k), `no ${k} in ${classes.join(", ")}`);
      assert.match(fs.readFileSync(path.join(out, "MODEL_CARD.md"), "utf8"), /## Export\n\nExported by `ser export`.*FusedLSTM → LSTM/);
      const web = parseWebBundle(JSON.parse(fs.readFileSync(path.join(out, "bundle.json"), "utf8")), "bundle.json");
      assert.equal(web.normalization, "global");
      assert.equal(web.labels.length, 8);
      assert.ok(web.standardizer, "the standardisation statistics travel with the model");

      const wavs = await heldOutClips();
      const bundle = await loadBundle(path.join(run, "model"));
      const nModels = 1 + (bundle.members?.length ?? 0);
      const memberModels = c.files.filter((f) => f.startsWith("member-") && f.endsWith("/model.json"));
      assert.equal(nModels, 1 + memberModels.length);
      assert.deepEqual(web.memberFiles, memberModels);
      assert.equal(web.formatVersion, nModels > 1 ? 2 : 1);
      const native = predictFiles(bundle, wavs);
      const cpu = cpuProbabilities(out, wavs);
      assert.equal(cpu.models, nModels);
      let worst = 0;
      native.forEach((p, i) => {
        assert.ok("probabilities" in p, JSON.stringify(p));
        web.labels.forEach((label, k) => (worst = Math.max(worst, Math.abs(p.probabilities[label] - cpu.probabilities[i][k]))));
      });
      assert.ok(worst <= 1e-5, `largest probability difference ${worst}`);
      t.diagnostic(`largest probability difference, native vs plain tfjs CPU: ${worst.toExponential(2)}`);
      // not a constant output: the clips get different probabilities
      assert.ok(
        cpu.probabilities.some((row) => Math.abs(row[0] - cpu.probabilities[0][0]) > 1e-6),
        "every clip got the same probabilities",
      );
      if (c.name === "seed") {
        // the command line writes the same files
        const cli = ser(["export", "--model", run, "--out", path.join(work, "cli-export")]);
        assert.equal(cli.status, 0, cli.stderr);
        assert.match(cli.stdout, /exported .* \(FusedConv1D → Conv1D, .*FusedLSTM → LSTM\)\n[\s\S]*weights\.bin +[\d.]+ KiB[\s\S]*total/);
        assert.deepEqual(fs.readdirSync(path.join(work, "cli-export")).sort(), Object.keys(r.files).sort());
        const noOut = ser(["export", "--model", run]);
        assert.equal(noOut.status, 1);
        assert.match(noOut.stderr, /export needs --out DIR/);
      }
    },
  );
}

const VARIANTS: Partial<CnnLstmConfig>[] = [
  {},
  { pooling: "attention", attentionUnits: 7 },
  { pooling: "attention", bidirectional: true, lstmLayers: 2, residual: true },
  { pooling: "mean", bidirectional: true },
];

for (const v of VARIANTS) {
  test(`standardModel keeps the function of ${JSON.stringify(v)}: the fused network's outputs on random inputs, weights unchanged`, async () => {
    const fused = buildCnnLstm({ inputShape: [40, 6], seed: 3, filters: [8, 4], lstmUnits: 5, denseUnits: 6, ...v });
    // non-trivial BatchNormalization statistics and biases
    fused.setWeights(fused.getWeights().map((w, i) => tf.add(w, tf.randomUniform(w.shape, -0.3, 0.3, "float32", i)).abs()));
    const std = await standardModel(fused);
    const x = tf.randomNormal([3, 40, 6], 0, 1, "float32", 9);
    const a = (fused.predict(x) as tf.Tensor).dataSync();
    const b = (std.predict(x) as tf.Tensor).dataSync();
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
    assert.ok(worst <= 1e-6, `largest difference ${worst}`);
    // the outputs depend on the input (a broken layer could give one constant row)
    assert.ok(Math.abs(a[0] - a[8]) > 1e-6, "every row the same");
    assert.equal(std.layers.find((l) => l.name === "lstm")!.getClassName(), "LSTM");
    if (v.pooling === "attention") assert.equal(std.layers.find((l) => l.name === "attention_pooling")!.getClassName(), "PortableAttentionPooling");
    if (v.bidirectional) assert.equal(std.layers.find((l) => l.name === "reverse_time")!.getClassName(), "PortableReverseTime");
    assert.equal(std.getWeights().length, fused.getWeights().length);
    fused.getWeights().forEach((w, i) => assert.deepEqual(std.getWeights()[i].dataSync(), w.dataSync()));
  });
}

test("a layer without a standard or portable form fails the export with its name and class", () => {
  assert.throws(
    () => exportLayer({ class_name: "FancyPooling", config: { name: "fancy" } }),
    (err: Error) => {
      assert.ok(err instanceof ExportError);
      assert.match(
        err.message,
        /layer "fancy" is a FancyPooling, which has no standard or portable TensorFlow\.js form.*LAYER_EXPORTS in src\/export\/layer-map\.ts/,
      );
      return true;
    },
  );
  // the trained custom layers have portable forms
  assert.equal(exportLayer({ class_name: "AttentionPooling", config: { name: "a", units: 4, seed: 9 } }).layer.class_name, "PortableAttentionPooling");
  assert.deepEqual(exportLayer({ class_name: "AttentionPooling", config: { name: "a", units: 4, seed: 9 } }).layer.config, {
    name: "a",
    trainable: true,
    dtype: "float32",
    units: 4,
  });
  assert.equal(exportLayer({ class_name: "ReverseTime", config: { name: "r" } }).layer.class_name, "PortableReverseTime");
  // a wrapped fused layer is written as its standard form inside the standard wrapper
  const wrapped = exportLayer({ class_name: "Bidirectional", config: { name: "bi", layer: { class_name: "FusedLSTM", config: { name: "inner", units: 4 } } } });
  assert.equal((wrapped.layer.config.layer as { class_name: string }).class_name, "LSTM");
  // initializers (custom ones included) become Zeros: weights are loaded anyway
  const init = exportLayer({
    class_name: "FusedLSTM",
    config: { name: "l", units: 2, recurrent_initializer: { class_name: "SeededOrthogonal", config: { seed: 1 } } },
  });
  assert.deepEqual(init.layer.config.recurrent_initializer, { class_name: "Zeros", config: {} });
  // standard layers pass unchanged, a standard wrapper around a standard layer too
  const dense = { class_name: "Dense", config: { name: "d", units: 3, activation: "relu" } };
  assert.deepEqual(exportLayer(dense).layer, dense);
  assert.ok(STANDARD_LAYERS.has("Bidirectional"));
  const bi = exportLayer({ class_name: "Bidirectional", config: { name: "b", layer: { class_name: "LSTM", config: { name: "l", units: 2 } } } });
  assert.equal((bi.layer.config.layer as { class_name: string }).class_name, "LSTM");
});

test("a speaker-normalised model exports, marked so, and scores a single clip with its own statistics", async () => {
  const model = buildCnnLstm({ inputShape: [20, 1], seed: 1, filters: [4], kernelSizes: [3], poolSizes: [2], convDropout: [0.1], lstmUnits: 3, denseUnits: 4 });
  const dir = path.join(work, "speaker-model");
  const labels = ["neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised"];
  await saveBundle(dir, { model, featureConfig: { features: ["zcr"] }, standardizer: null, labels, trainingConfig: { normalization: "speaker" } });
  const out = path.join(work, "exported", "speaker");
  await exportBundle(dir, out);
  const web = parseWebBundle(JSON.parse(fs.readFileSync(path.join(out, "bundle.json"), "utf8")), "bundle.json");
  assert.equal(web.normalization, "speaker");
  assert.equal(clipNormalization(web), "single-clip");
  await assert.rejects(exportBundle(path.join(work, "nothing-here"), path.join(work, "x")), /not a trained model: no bundle\.json/);
  assert.ok(!fs.existsSync(path.join(work, "x")), "nothing written on failure");
});

test("the web bundle lists an ensemble's members; bad member paths, newer versions and a wrong model count are refused", () => {
  const good = {
    format: "ser-toolkit/web-bundle",
    formatVersion: 2,
    modelFile: "model.json",
    memberFiles: ["member-2/model.json", "member-3/model.json"],
    inputShape: [10, 2],
    featureConfig: { features: ["zcr", "rms"] },
    standardizer: null,
    normalization: "global",
    labels: ["a", "b"],
  };
  const web: WebBundle = parseWebBundle(good, "b.json");
  assert.deepEqual(web.memberFiles, ["member-2/model.json", "member-3/model.json"]);
  assert.deepEqual(parseWebBundle({ ...good, formatVersion: 1, memberFiles: undefined }, "b.json").memberFiles, []);
  assert.throws(
    () => parseWebBundle({ ...good, memberFiles: ["../other/model.json"] }, "b.json"),
    /b\.json: model file "\.\.\/other\/model\.json" must be a \.json path inside the bundle folder/,
  );
  assert.throws(() => parseWebBundle({ ...good, memberFiles: "member-2/model.json" }, "b.json"), /memberFiles="member-2\/model\.json" must be an array/);
  assert.throws(() => parseWebBundle({ ...good, formatVersion: 3 }, "b.json"), /format version 3 is newer than this page reads \(2\)/);
  // the count is checked before any model runs
  assert.throws(
    () => predictInput([{} as tf.LayersModel], web, new Float32Array(20)),
    /an ensemble of 3 models \(model\.json, member-2\/model\.json, member-3\/model\.json\), but 1 were given/,
  );
});
