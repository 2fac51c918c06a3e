import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs-node";
import { buildCnnLstm, type CnnLstmConfig } from "../../src/model/cnn-lstm";
import { BUNDLE_FORMAT_VERSION, loadBundle, predictProba, saveBundle, type ModelBundle } from "../../src/model/bundle";
import { fitStandardizer } from "../../src/model/standardize";
import { trainModel } from "../../src/model/train";
import { nativeBinding } from "../../src/model/native-op";
import { FileError } from "../../src/util/errors";
import { Rng } from "../../src/util/rng";

const SHAPE: [number, number] = [24, 3];
const CONFIG: CnnLstmConfig = { inputShape: SHAPE, filters: [8, 4], lstmUnits: 6, denseUnits: 5, numClasses: 4, seed: 3 };
const LABELS = ["neutral", "happy", "sad", "angry"];

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "ser-bundle-"));
}

async function trainedBundle(lstmImpl: "fused" | "layers" = "fused"): Promise<{ bundle: ModelBundle; x: Float32Array }> {
  const rng = new Rng(2);
  const xTrain = Float32Array.from(rng.standardNormal(32 * 72), (v) => 3 + 2 * v);
  const yTrain = Int32Array.from({ length: 32 }, () => rng.integers(0, 4));
  const standardizer = fitStandardizer(xTrain, SHAPE);
  const model = buildCnnLstm({ ...CONFIG, lstmImpl });
  const history = await trainModel(model, { xTrain, yTrain, shape: SHAPE }, { epochs: 2, batchSize: 8, seed: 1 });
  const bundle: ModelBundle = {
    model,
    featureConfig: { kind: "test", nMfcc: 3 },
    standardizer,
    labels: LABELS,
    modelConfig: { ...CONFIG, lstmImpl },
    trainingConfig: history.options,
    history,
    metrics: { testAccuracy: 0.5, macroF1: 0.25 },
    card: { data: "random clips", split: "none" },
  };
  return { bundle, x: Float32Array.from(rng.standardNormal(5 * 72), (v) => 3 + 2 * v) };
}

for (const lstmImpl of ["fused", "layers"] as const) {
  test(`${lstmImpl}: predictions after saveBundle/loadBundle equal those before`, async () => {
    const dir = path.join(tmp(), "bundle");
    const { bundle, x } = await trainedBundle(lstmImpl);
    try {
      const before = predictProba(bundle, x);
      assert.equal(before.rows, 5);
      assert.equal(before.cols, 4);
      await saveBundle(dir, bundle);
      assert.deepEqual(fs.readdirSync(dir).sort(), ["MODEL_CARD.md", "bundle.json", "history.json", "model.json", "weights.bin"]);
      const loaded = await loadBundle(dir);
      const after = predictProba(loaded, x);
      assert.deepEqual(Array.from(after.data), Array.from(before.data), "bit-identical probabilities");
      assert.deepEqual(loaded.labels, LABELS);
      assert.deepEqual(loaded.standardizer, bundle.standardizer);
      assert.deepEqual(loaded.featureConfig, bundle.featureConfig);
      assert.deepEqual(loaded.modelConfig, bundle.modelConfig);
      assert.deepEqual(loaded.metrics, bundle.metrics);
      assert.deepEqual(loaded.history, JSON.parse(JSON.stringify(bundle.history)));
      const json = JSON.parse(fs.readFileSync(path.join(dir, "bundle.json"), "utf8"));
      assert.ok(Number.isInteger(json.formatVersion) && json.formatVersion >= 1, "format version is a positive integer");
      const card = fs.readFileSync(path.join(dir, "MODEL_CARD.md"), "utf8");
      assert.match(card, /Data: random clips/);
      assert.match(card, /\| testAccuracy \| 0\.5000 \|/);
      assert.match(card, /Classes \(4\): neutral, happy, sad, angry/);
      loaded.model.dispose();
    } finally {
      bundle.model.dispose();
      fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  });
}

test("predictProba applies the standardizer and its rows sum to 1", async () => {
  const { bundle, x } = await trainedBundle();
  const p = predictProba(bundle, x);
  for (let r = 0; r < p.rows; r++) {
    const s = p.data.subarray(r * p.cols, (r + 1) * p.cols).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(s - 1) < 1e-5);
  }
  const raw = predictProba({ model: bundle.model, standardizer: null }, x);
  assert.notDeepEqual(Array.from(raw.data), Array.from(p.data), "without standardisation the outputs differ");
  assert.throws(() => predictProba(bundle, new Float32Array(71)), /x has 71 values, not a whole number of \[24, 3\] clips/);
  bundle.model.dispose();
});

test("no tensor leaks: counts after N predictions equal those after 1", async () => {
  const { bundle, x } = await trainedBundle();
  const one = x.subarray(0, 72);
  predictProba(bundle, one);
  const tfjs1 = tf.memory().numTensors;
  const native1 = nativeBinding().getNumOfTensors();
  for (let i = 0; i < 20; i++) predictProba(bundle, i % 2 ? one : x);
  assert.equal(tf.memory().numTensors, tfjs1);
  assert.equal(nativeBinding().getNumOfTensors(), native1);
  bundle.model.dispose();
});

test("loadBundle names the path in clear errors", async () => {
  const root = tmp();
  const { bundle } = await trainedBundle();
  try {
    await assert.rejects(loadBundle(path.join(root, "nope")), (e: unknown) => e instanceof FileError && /nope: no such bundle folder/.test(e.message));
    const dir = path.join(root, "b");
    await saveBundle(dir, bundle);
    // Wrong format version.
    const bj = path.join(dir, "bundle.json");
    const good = fs.readFileSync(bj, "utf8");
    fs.writeFileSync(bj, JSON.stringify({ ...JSON.parse(good), formatVersion: BUNDLE_FORMAT_VERSION + 1 }));
    await assert.rejects(loadBundle(dir), new RegExp(`bundle.json: format version ${BUNDLE_FORMAT_VERSION + 1} is newer than this toolkit reads`));
    fs.writeFileSync(bj, "{ not json");
    await assert.rejects(loadBundle(dir), /bundle.json: corrupt bundle.json/);
    fs.writeFileSync(bj, good);
    // Corrupt, then missing model.json.
    const mj = path.join(dir, "model.json");
    fs.writeFileSync(mj, "{");
    await assert.rejects(loadBundle(dir), /model.json: corrupt model.json/);
    fs.rmSync(mj);
    await assert.rejects(loadBundle(dir), (e: unknown) => e instanceof FileError && e.path === mj && /missing model.json/.test(e.message));
    fs.rmSync(bj);
    await assert.rejects(loadBundle(dir), /bundle.json: missing bundle.json/);
  } finally {
    bundle.model.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("saveBundle replaces a bundle atomically and checks labels against the model", async () => {
  const root = tmp();
  const { bundle } = await trainedBundle();
  try {
    const dir = path.join(root, "b");
    await saveBundle(dir, bundle);
    await saveBundle(dir, { ...bundle, metrics: { testAccuracy: 0.75 } });
    assert.equal((await loadBundle(dir)).metrics?.testAccuracy, 0.75);
    assert.deepEqual(fs.readdirSync(root), ["b"], "no temporary folders left");
    await assert.rejects(saveBundle(dir, { ...bundle, labels: ["a", "b"] }), /2 labels, but the model has 4 outputs/);
  } finally {
    bundle.model.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
