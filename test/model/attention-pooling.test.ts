import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-node";
import { AttentionPooling, attentionPool } from "../../src/model/attention-pooling";

/** Attention pooling written as plain tfjs ops, differentiated by tfjs's autodiff (the reference). */
function reference(x: tf.Tensor3D, kernel: tf.Tensor2D, bias: tf.Tensor1D, context: tf.Tensor2D): tf.Tensor2D {
  const [b, t, h] = x.shape;
  const hidden = tf.tanh(tf.add(tf.matMul(tf.reshape(x, [b * t, h]), kernel), bias));
  const alpha = tf.softmax(tf.reshape(tf.matMul(hidden, context), [b, t]), 1);
  return tf.sum(tf.mul(x, tf.expandDims(alpha, 2)), 1);
}

/** Loss Σ out · u and its gradients with respect to x, kernel, bias and context. */
function valueAndGrads(pool: typeof attentionPool, x: tf.Tensor3D, k: tf.Tensor2D, b: tf.Tensor1D, v: tf.Tensor2D, u: tf.Tensor2D) {
  const out = tf.tidy(() => pool(x, k, b, v));
  const grads = tf.grads((xx: tf.Tensor, kk: tf.Tensor, bb: tf.Tensor, vv: tf.Tensor) =>
    tf.sum(tf.mul(pool(xx as tf.Tensor3D, kk as tf.Tensor2D, bb as tf.Tensor1D, vv as tf.Tensor2D), u)),
  )([x, k, b, v]);
  return { out: out.dataSync(), grads: grads.map((g) => ({ shape: g.shape, values: g.dataSync() })) };
}

for (const [batch, steps, width, units] of [
  [3, 5, 4, 6],
  [64, 32, 64, 64],
]) {
  test(`attentionPool [${batch}, ${steps}, ${width}], ${units} units: output and all four gradients equal autodiff's, bit for bit`, () => {
    const x = tf.randomNormal([batch, steps, width], 0, 1, "float32", 1) as tf.Tensor3D;
    const k = tf.randomNormal([width, units], 0, 0.5, "float32", 2) as tf.Tensor2D;
    const b = tf.randomNormal([units], 0, 0.5, "float32", 3) as tf.Tensor1D;
    const v = tf.randomNormal([units, 1], 0, 1, "float32", 4) as tf.Tensor2D;
    const u = tf.randomNormal([batch, width], 0, 1, "float32", 5) as tf.Tensor2D;
    const ours = valueAndGrads(attentionPool, x, k, b, v, u);
    const ref = valueAndGrads(reference, x, k, b, v, u);
    assert.deepEqual(ours.out, ref.out);
    const names = ["x", "kernel", "bias", "context"];
    ours.grads.forEach((g, i) => {
      assert.deepEqual(g.shape, ref.grads[i].shape, names[i]);
      assert.ok(
        ref.grads[i].values.some((a) => a !== 0),
        `${names[i]}: the reference gradient is not all zeros`,
      );
      assert.deepEqual(g.values, ref.grads[i].values, `gradient of ${names[i]}`);
    });
  });
}

test("AttentionPooling trains its three weights through the custom gradient (the loss falls)", () => {
  const layer = new AttentionPooling({ units: 4, seed: 3 });
  const x = tf.randomNormal([8, 6, 3], 0, 1, "float32", 7);
  const target = tf.randomNormal([8, 3], 0, 1, "float32", 8);
  layer.apply(x);
  const vars = layer.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val);
  assert.equal(vars.length, 3);
  const opt = tf.train.sgd(0.5);
  const loss = () => tf.mean(tf.square(tf.sub(layer.apply(x) as tf.Tensor, target))) as tf.Scalar;
  const before = loss().dataSync()[0];
  const start = vars.map((v) => v.clone());
  for (let i = 0; i < 20; i++) opt.minimize(loss, false, vars);
  assert.ok(loss().dataSync()[0] < before, "loss did not fall");
  vars.forEach((v, i) => assert.ok(tf.any(tf.notEqual(v, start[i])).dataSync()[0], `weight ${v.name} did not change`));
});

test("AttentionPooling rejects inputs that are not [batch, T, H], naming the shape", () => {
  const layer = new AttentionPooling({ units: 2 });
  assert.throws(() => layer.apply(tf.zeros([2, 3])), /\[batch, T, H\]/);
});
