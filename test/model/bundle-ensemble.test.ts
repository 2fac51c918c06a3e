import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs-node";
import { buildCnnLstm } from "../../src/model/cnn-lstm";
import { loadBundle, predictProba, saveBundle } from "../../src/model/bundle";
import { experimentConfig } from "../../src/experiment/config";

const labels = ["a", "b", "c", "d", "e", "f", "g", "h"];

test("an ensemble bundle saves its members, loads them back, and predicts their mean probabilities", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ser-ens-"));
  try {
    const make = (seed: number) => buildCnnLstm({ inputShape: [12, 3], seed, filters: [4, 4], lstmUnits: 4, denseUnits: 4 });
    const [m1, m2, m3] = [make(1), make(2), make(3)];
    const x = Float32Array.from({ length: 2 * 36 }, (_, i) => Math.sin(i));
    const one = (m: tf.LayersModel) => predictProba({ model: m, standardizer: null }, x).data;
    const want = one(m1).map((v, i) => (v + one(m2)[i] + one(m3)[i]) / 3);
    const got = predictProba({ model: m1, members: [m2, m3], standardizer: null }, x).data;
    got.forEach((v, i) => assert.ok(Math.abs(v - want[i]) < 1e-6));
    assert.ok(
      got.some((v, i) => Math.abs(v - one(m1)[i]) > 1e-4),
      "the mean differs from member 1 alone",
    );
    await saveBundle(path.join(dir, "b"), { model: m1, members: [m2, m3], featureConfig: {}, standardizer: null, labels });
    assert.ok(fs.existsSync(path.join(dir, "b", "member-3", "model.json")));
    const back = await loadBundle(path.join(dir, "b"));
    assert.equal(back.members!.length, 2);
    predictProba(back, x).data.forEach((v, i) => assert.ok(Math.abs(v - want[i]) < 1e-6));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a member with another output size is refused by saveBundle", async () => {
  const m1 = buildCnnLstm({ inputShape: [12, 3], seed: 1, filters: [4, 4], lstmUnits: 4 });
  const m2 = buildCnnLstm({ inputShape: [12, 3], seed: 2, filters: [4, 4], lstmUnits: 4, numClasses: 3 });
  await assert.rejects(
    saveBundle(path.join(os.tmpdir(), "never"), { model: m1, members: [m2], featureConfig: {}, standardizer: null, labels }),
    /ensemble member 2/,
  );
});

test("training.ensemble must be a positive integer", () => {
  assert.equal(experimentConfig({ training: { ensemble: 3 } }).training.ensemble, 3);
  assert.throws(() => experimentConfig({ training: { ensemble: 0 } }), /training.ensemble/);
});
