import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs-node";
import { FusedLstm, fusedLstmSequence } from "../../src/model/fused-lstm";
import { nativeBinding } from "../../src/model/native-op";
import { expectClose, loadFixture, maxAbsDiff } from "../helpers/fixtures";

/** A tfjs-layers LSTM and a FusedLstm with the same weights, applied to the same input. */
function pair(
  units: number,
  inputDim: number,
  returnSequences: boolean,
  seed: number,
  backward: "cell" | "block" = "cell",
  refImpl: "layers" | "block" = "layers",
) {
  // tfjs-layers' LSTM cannot differentiate a 1-step sequence (its Unpack gradient throws), so
  // there the reference is TensorFlow's BlockLSTMGradV2.
  const ref =
    refImpl === "layers"
      ? tf.layers.lstm({ units, recurrentActivation: "sigmoid", unitForgetBias: true, returnSequences })
      : new FusedLstm({ units, returnSequences, backward: "block" });
  const fused = new FusedLstm({ units, returnSequences, backward });
  const x0 = tf.zeros([1, 3, inputDim]);
  ref.apply(x0);
  fused.apply(x0);
  x0.dispose();
  // Random bias too (the default initializer leaves it 0/1).
  const w = ref.getWeights();
  const bias = tf.randomNormal([4 * units], 0, 0.5, "float32", seed);
  ref.setWeights([w[0], w[1], bias]);
  fused.setWeights(ref.getWeights());
  bias.dispose();
  return { ref, fused };
}

for (const [returnSequences, backward, T] of [
  [false, "cell", 17],
  [true, "cell", 17],
  [false, "block", 17],
  [true, "block", 17],
  [false, "cell", 1],
  [true, "cell", 2],
] as const) {
  test(`FusedLstm equals tf.layers.lstm (sigmoid) forward and backward, returnSequences=${returnSequences}, backward "${backward}", T=${T}`, () => {
    const B = 5,
      I = 6,
      H = 8;
    const { ref, fused } = pair(H, I, returnSequences, 3, backward, T === 1 ? "block" : "layers");
    const x = tf.randomNormal([B, T, I], 0, 1, "float32", 4);
    const R = tf.randomNormal(returnSequences ? [B, T, H] : [B, H], 0, 1, "float32", 5);
    const yRef = ref.apply(x) as tf.Tensor;
    const yFused = fused.apply(x) as tf.Tensor;
    const fwd = maxAbsDiff(yFused.dataSync(), yRef.dataSync()).max;
    assert.ok(fwd <= 1e-6, `forward max |diff| = ${fwd}`);
    // Gradients of sum(y · R) with respect to the input and every weight.
    const grads = (layer: tf.layers.Layer) => {
      const vars = layer.trainableWeights.map((v) => v.read() as tf.Variable);
      const xv = tf.variable(x, true, `x_${layer.name}`);
      const { grads: g } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(xv) as tf.Tensor, R)) as tf.Scalar, [...vars, xv]);
      const out = [...vars.map((v) => g[v.name].dataSync()), g[xv.name].dataSync()];
      Object.values(g).forEach((t) => t.dispose());
      xv.dispose();
      return out;
    };
    const gRef = grads(ref);
    const gFused = grads(fused);
    ["kernel", "recurrent_kernel", "bias", "x"].forEach((name, i) => {
      const d = maxAbsDiff(gFused[i], gRef[i]);
      assert.ok(d.max <= 1e-5, `${name} gradient max |diff| = ${d.max} at ${d.index}`);
    });
    tf.dispose([x, R, yRef, yFused]);
    ref.dispose();
    fused.dispose();
  });
}

test("FusedLstm reproduces keras.layers.LSTM(4, return_sequences=True) (fixture)", () => {
  const ref = loadFixture("model/keras_cnn_lstm").lstm;
  const y = tf.tidy(() =>
    fusedLstmSequence(
      tf.tensor3d(ref.x, [2, 6, 3]),
      tf.tensor2d(ref.kernel, [3, 16]),
      tf.tensor2d(ref.recurrentKernel, [4, 16]),
      tf.tensor1d(ref.bias),
      true,
    ).dataSync(),
  );
  expectClose(y, ref.sequences, { atol: 2e-6, label: "LSTM sequences" });
});

test("a model with FusedLSTM saves and loads back with identical outputs", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ser-fused-"));
  try {
    const model = tf.sequential({ layers: [new FusedLstm({ units: 4, inputShape: [7, 4], name: "lstm" }), tf.layers.dense({ units: 2 })] });
    const x = tf.randomNormal([3, 7, 4], 0, 1, "float32", 9);
    const before = (model.predict(x) as tf.Tensor).dataSync();
    await model.save(`file://${dir}`);
    const json = JSON.parse(fs.readFileSync(path.join(dir, "model.json"), "utf8"));
    assert.match(JSON.stringify(json.modelTopology), /"class_name":"FusedLSTM"/);
    const loaded = await tf.loadLayersModel(`file://${dir}/model.json`);
    assert.equal(loaded.layers[0].getClassName(), "FusedLSTM");
    const after = (loaded.predict(x) as tf.Tensor).dataSync();
    assert.deepEqual(Array.from(after), Array.from(before));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("FusedLstm leaves no tfjs or native tensors behind across training steps", () => {
  const { fused } = pair(6, 4, false, 1);
  const x = tf.randomNormal([3, 9, 4], 0, 1, "float32", 2);
  const vars = fused.trainableWeights.map((v) => v.read() as tf.Variable);
  const step = () => tf.tidy(() => tf.variableGrads(() => tf.sum(fused.apply(x) as tf.Tensor) as tf.Scalar, vars).value.dataSync());
  step();
  const tfjs1 = tf.memory().numTensors;
  const native1 = nativeBinding().getNumOfTensors();
  for (let i = 0; i < 5; i++) step();
  assert.equal(tf.memory().numTensors, tfjs1);
  assert.equal(nativeBinding().getNumOfTensors(), native1);
  x.dispose();
  fused.dispose();
});

test("FusedLstm rejects unsupported activations and bad units, naming them", () => {
  assert.throws(() => new FusedLstm({ units: 0 }), /units=0 must be a positive integer/);
  assert.throws(() => new FusedLstm({ units: 4, recurrentActivation: "hardSigmoid" }), /recurrentActivation="hardSigmoid"/);
  assert.throws(() => new FusedLstm({ units: 4, activation: "relu" }), /activation="relu"/);
});
