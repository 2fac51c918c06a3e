import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-node";
import { SeededDropout } from "../../src/model/seeded-dropout";

const ones = () => tf.ones([64, 50, 8]);

function masks(seed: number, n: number): Float32Array[] {
  const layer = new SeededDropout({ rate: 0.25, seed });
  const out: Float32Array[] = [];
  for (let i = 0; i < n; i++) out.push(tf.tidy(() => (layer.apply(ones(), { training: true }) as tf.Tensor).dataSync() as Float32Array));
  return out;
}

test("each training call draws a new mask; the same seed repeats the sequence", () => {
  const a = masks(7, 3);
  const b = masks(7, 3);
  for (let i = 0; i < 3; i++) assert.deepEqual(Array.from(b[i]), Array.from(a[i]), `call ${i} repeats`);
  assert.notDeepEqual(Array.from(a[1]), Array.from(a[0]), "calls differ");
  assert.notDeepEqual(Array.from(masks(8, 1)[0]), Array.from(a[0]), "seeds differ");
});

test("kept values are scaled by 1/(1 − rate) and about rate of them are dropped", () => {
  const [m] = masks(3, 1);
  const kept = m.filter((v) => v !== 0);
  for (const v of kept) assert.ok(Math.abs(v - 1 / 0.75) < 1e-6);
  const dropped = 1 - kept.length / m.length;
  // 25,600 Bernoulli(0.25) draws: standard error 0.0027.
  assert.ok(Math.abs(dropped - 0.25) < 0.015, `dropped fraction ${dropped}`);
});

test("inference is the identity and the gradient is the mask", () => {
  const layer = new SeededDropout({ rate: 0.5, seed: 1 });
  const x = tf.randomNormal([4, 6, 3], 0, 1, "float32", 2);
  assert.deepEqual(Array.from(tf.tidy(() => (layer.apply(x, { training: false }) as tf.Tensor).dataSync())), Array.from(x.dataSync()));
  const xv = tf.variable(x);
  const { value, grads } = tf.variableGrads(() => tf.sum(layer.apply(xv, { training: true }) as tf.Tensor) as tf.Scalar, [xv]);
  const g = grads[xv.name].dataSync();
  for (const v of g) assert.ok(v === 0 || Math.abs(v - 2) < 1e-6, `gradient ${v} is 0 or 1/(1 − rate)`);
  tf.dispose([x, xv, value, ...Object.values(grads)]);
});

test("serialises with its rate and seed, and rejects bad arguments", () => {
  const layer = new SeededDropout({ rate: 0.2, seed: 5, name: "dropout" });
  const config = layer.getConfig();
  assert.equal(config.rate, 0.2);
  assert.equal(config.seed, 5);
  assert.throws(() => new SeededDropout({ rate: 1, seed: 1 }), /rate=1 must lie in the range \[0, 1\)/);
  assert.throws(() => new SeededDropout({ rate: 0.1, seed: 2 ** 40 }), /seed=1099511627776 must be an integer/);
});
