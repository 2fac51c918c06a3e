import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-node";
import { FlatAdam } from "../../src/model/flat-adam";

/** Keras 3's Adam update in float64, for comparison. */
function kerasAdam(theta: number[], grads: number[][], lr: number[], b1 = 0.9, b2 = 0.999, eps = 1e-7): number[] {
  const m = theta.map(() => 0);
  const v = theta.map(() => 0);
  const th = [...theta];
  grads.forEach((g, s) => {
    const t = s + 1;
    const alpha = (lr[s] * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
    for (let i = 0; i < th.length; i++) {
      m[i] += (g[i] - m[i]) * (1 - b1);
      v[i] += (g[i] * g[i] - v[i]) * (1 - b2);
      th[i] -= (alpha * m[i]) / (Math.sqrt(v[i]) + eps);
    }
  });
  return th;
}

test("FlatAdam applies Keras's Adam to several variables at once, with a learning rate changed mid-way", () => {
  const a = tf.variable(
    tf.tensor2d([
      [0.5, -1],
      [2, 0.1],
    ]),
  );
  const b = tf.variable(tf.tensor1d([3, -0.2, 0.7]));
  const opt = new FlatAdam({ learningRate: 0.01 });
  const gradsA = [
    [0.1, -0.3, 0.5, 2],
    [-0.2, 0.1, 0.0, 1],
    [0.3, 0.3, -0.4, -1],
  ];
  const gradsB = [
    [1, 2, 3],
    [-1, 0.5, 0.25],
    [0.2, -0.1, 0.05],
  ];
  const lrs = [0.01, 0.01, 0.002];
  for (let s = 0; s < 3; s++) {
    opt.learningRate = lrs[s];
    tf.tidy(() => opt.applyGradients({ [a.name]: tf.tensor2d(gradsA[s], [2, 2]), [b.name]: tf.tensor1d(gradsB[s]) }));
  }
  const expA = kerasAdam([0.5, -1, 2, 0.1], gradsA, lrs);
  const expB = kerasAdam([3, -0.2, 0.7], gradsB, lrs);
  Array.from(a.dataSync()).forEach((x, i) => assert.ok(Math.abs(x - expA[i]) < 1e-6, `a[${i}] ${x} vs ${expA[i]}`));
  Array.from(b.dataSync()).forEach((x, i) => assert.ok(Math.abs(x - expB[i]) < 1e-6, `b[${i}] ${x} vs ${expB[i]}`));
  assert.equal(opt.iterations, 3);
  opt.dispose();
  tf.dispose([a, b]);
});

test("FlatAdam minimises a quadratic and refuses a different variable set", () => {
  const w = tf.variable(tf.tensor1d([3, -2]));
  const opt = new FlatAdam({ learningRate: 0.1 });
  for (let i = 0; i < 300; i++) tf.tidy(() => void opt.minimize(() => tf.sum(tf.square(w)) as tf.Scalar, false, [w]));
  assert.ok(Math.max(...Array.from(w.dataSync()).map(Math.abs)) < 1e-2);
  const other = tf.variable(tf.tensor1d([1]));
  assert.throws(() => tf.tidy(() => void opt.minimize(() => tf.sum(other) as tf.Scalar, false, [other])), /the variables changed between steps/);
  assert.throws(() => new FlatAdam({ learningRate: 0 }), /learningRate=0 must be a finite number > 0/);
  opt.dispose();
  tf.dispose([w, other]);
});
