import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs-node";
import { FusedConv1D } from "../../src/model/fused-conv1d";
import { nativeBinding } from "../../src/model/native-op";
import { maxAbsDiff } from "../helpers/fixtures";

for (const [padding, activation] of [
  ["same", "relu"],
  ["valid", "linear"],
  ["valid", "relu"],
] as const) {
  test(`FusedConv1D equals tf.layers.conv1d forward and backward (padding ${padding}, ${activation})`, () => {
    const ref = tf.layers.conv1d({ filters: 6, kernelSize: 5, padding, activation });
    const fused = new FusedConv1D({ filters: 6, kernelSize: 5, padding, activation });
    const x = tf.randomNormal([4, 21, 3], 0, 1, "float32", 1);
    ref.apply(x);
    fused.apply(x);
    const bias = tf.randomNormal([6], 0, 0.5, "float32", 2);
    ref.setWeights([ref.getWeights()[0], bias]);
    fused.setWeights(ref.getWeights());
    const yr = ref.apply(x) as tf.Tensor;
    const yf = fused.apply(x) as tf.Tensor;
    assert.deepEqual(yf.shape, yr.shape);
    assert.ok(maxAbsDiff(yf.dataSync(), yr.dataSync()).max <= 1e-6);
    const R = tf.randomNormal(yr.shape, 0, 1, "float32", 3);
    const grads = (layer: tf.layers.Layer) => {
      const vars = layer.trainableWeights.map((v) => v.read() as tf.Variable);
      const xv = tf.variable(x);
      const { value, grads: g } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(xv) as tf.Tensor, R)) as tf.Scalar, [...vars, xv]);
      const out = [...vars, xv].map((v) => g[v.name].dataSync());
      tf.dispose([value, xv, ...Object.values(g)]);
      return out;
    };
    const gr = grads(ref);
    const gf = grads(fused);
    ["kernel", "bias", "x"].forEach((name, i) => {
      const d = maxAbsDiff(gf[i], gr[i]).max;
      assert.ok(d <= 1e-5, `${name} gradient max |diff| ${d}`);
    });
    tf.dispose([x, bias, yr, yf, R]);
  });
}

test("FusedConv1D skips the input gradient when nothing needs it, leaks nothing, and round-trips through model.json", async () => {
  const model = tf.sequential({
    layers: [
      new FusedConv1D({ filters: 4, kernelSize: 3, padding: "same", activation: "relu", inputShape: [10, 2], name: "conv1d" }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 2 }),
    ],
  });
  const x = tf.randomNormal([3, 10, 2], 0, 1, "float32", 4);
  const vars = model.trainableWeights.map((v) => v.read() as tf.Variable);
  const step = () => tf.tidy(() => tf.variableGrads(() => tf.sum(model.apply(x) as tf.Tensor) as tf.Scalar, vars).value.dataSync());
  step();
  const counts = [tf.memory().numTensors, nativeBinding().getNumOfTensors()];
  for (let i = 0; i < 3; i++) step();
  assert.deepEqual([tf.memory().numTensors, nativeBinding().getNumOfTensors()], counts);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ser-conv-"));
  try {
    const before = (model.predict(x) as tf.Tensor).dataSync();
    await model.save(`file://${dir}`);
    const loaded = await tf.loadLayersModel(`file://${dir}/model.json`);
    assert.equal(loaded.layers[0].getClassName(), "FusedConv1D");
    assert.deepEqual(Array.from((loaded.predict(x) as tf.Tensor).dataSync()), Array.from(before));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  assert.throws(() => new FusedConv1D({ filters: 2, kernelSize: 3, strides: 2 }), /strides=2 is not supported/);
  assert.throws(() => new FusedConv1D({ filters: 2, kernelSize: 3, activation: "tanh" as "relu" }), /activation="tanh" must be one of/);
});
