import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-node";
import { FusedBatchNormalization } from "../../src/model/fused-batch-normalization";
import { nativeBinding } from "../../src/model/native-op";
import { expectClose, maxAbsDiff } from "../helpers/fixtures";

for (const shape of [
  [8, 12, 5],
  [16, 5],
]) {
  test(`FusedBatchNormalization equals tf.layers.batchNormalization on [${shape}]: training output, gradients, moving statistics, inference`, () => {
    const ref = tf.layers.batchNormalization({});
    const fused = new FusedBatchNormalization({});
    const x = tf.add(tf.mul(tf.randomNormal(shape, 0, 1, "float32", 1), 3), 2);
    ref.apply(x);
    fused.apply(x);
    const C = shape[shape.length - 1];
    const w = [tf.randomUniform([C], 0.5, 1.5, "float32", 2), tf.randomNormal([C], 0, 1, "float32", 3), tf.zeros([C]), tf.ones([C])];
    ref.setWeights(w);
    fused.setWeights(w);
    const R = tf.randomNormal(shape, 0, 1, "float32", 4);
    const run = (layer: tf.layers.Layer) => {
      const vars = layer.trainableWeights.map((v) => v.read() as tf.Variable);
      const xv = tf.variable(x);
      const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(xv, { training: true }) as tf.Tensor, R)) as tf.Scalar, [...vars, xv]);
      const out = { value: value.dataSync()[0], grads: [...vars, xv].map((v) => grads[v.name].dataSync()) };
      tf.dispose([value, xv, ...Object.values(grads)]);
      return out;
    };
    const a = run(ref);
    const b = run(fused);
    assert.ok(Math.abs(a.value - b.value) <= 1e-4 * Math.abs(a.value) + 1e-5, `${a.value} vs ${b.value}`);
    ["gamma", "beta", "x"].forEach((name, i) => {
      const d = maxAbsDiff(b.grads[i], a.grads[i]).max;
      assert.ok(d <= 1e-4, `${name} gradient max |diff| ${d}`);
    });
    // Moving mean and variance after one training call: moving·0.99 + batch·0.01 (population variance).
    const [, , mm, mv] = fused.getWeights();
    expectClose(mm.dataSync(), ref.getWeights()[2].dataSync(), { atol: 1e-6, label: "moving_mean" });
    expectClose(mv.dataSync(), ref.getWeights()[3].dataSync(), { atol: 1e-5, label: "moving_variance" });
    const axes = shape.slice(0, -1).map((_, i) => i);
    const { mean, variance } = tf.moments(x, axes);
    expectClose(
      mv.dataSync(),
      tf.tidy(() => tf.add(tf.mul(tf.ones([C]), 0.99), tf.mul(variance, 0.01)).dataSync()),
      { atol: 1e-5, label: "population variance" },
    );
    expectClose(
      mm.dataSync(),
      tf.tidy(() => tf.mul(mean, 0.01).dataSync()),
      { atol: 1e-6 },
    );
    // Inference uses the moving statistics.
    const yr = tf.tidy(() => (ref.apply(x, { training: false }) as tf.Tensor).dataSync());
    const yf = tf.tidy(() => (fused.apply(x, { training: false }) as tf.Tensor).dataSync());
    expectClose(yf, yr, { atol: 1e-5, label: "inference" });
    tf.dispose([x, R, ...w, mean, variance]);
  });
}

test("FusedBatchNormalization leaks nothing across training steps and serialises", () => {
  const bn = new FusedBatchNormalization({ name: "batch_normalization", momentum: 0.9 });
  const x = tf.randomNormal([6, 4, 3], 0, 1, "float32", 5);
  bn.apply(x);
  const vars = bn.trainableWeights.map((v) => v.read() as tf.Variable);
  const step = () => tf.tidy(() => tf.variableGrads(() => tf.sum(bn.apply(x, { training: true }) as tf.Tensor) as tf.Scalar, vars).value.dataSync());
  step();
  const counts = [tf.memory().numTensors, nativeBinding().getNumOfTensors()];
  for (let i = 0; i < 3; i++) step();
  assert.deepEqual([tf.memory().numTensors, nativeBinding().getNumOfTensors()], counts);
  const config = bn.getConfig();
  assert.equal(config.momentum, 0.9);
  assert.equal(config.epsilon, 1e-3);
  assert.throws(() => new FusedBatchNormalization({ axis: 1 }), /axis=1 is not supported/);
  assert.throws(() => new FusedBatchNormalization({ momentum: 1 }), /momentum=1 must lie in the range \(0, 1\)/);
  tf.dispose(x);
});
