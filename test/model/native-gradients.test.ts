import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-node";
import { useNativeReluGrad } from "../../src/model/native-gradients";
import { nativeBinding } from "../../src/model/native-op";

test("the native ReluGrad gradient equals dy · step(x), with no leaked tensors", () => {
  const x = tf.tensor1d([-2, -0.5, 0, 0.25, 3, -1e-8, 1e-8]);
  const dy = tf.tensor1d([1, 2, 3, 4, 5, 6, 7]);
  const expected = tf.tidy(() => tf.mul(dy, tf.step(x)).dataSync());
  useNativeReluGrad();
  useNativeReluGrad(); // idempotent
  const grad = tf.grad((t: tf.Tensor) => tf.relu(t));
  const g = tf.tidy(() => grad(x, dy).dataSync());
  assert.deepEqual(Array.from(g), Array.from(expected));
  const before = [tf.memory().numTensors, nativeBinding().getNumOfTensors()];
  for (let i = 0; i < 5; i++) tf.tidy(() => grad(x, dy).dataSync());
  assert.deepEqual([tf.memory().numTensors, nativeBinding().getNumOfTensors()], before);
  tf.dispose([x, dy]);
});

test("the fast MaxPool gradient equals MaxPoolGrad's, ties included, for 1-D poolings of 2", () => {
  const { useFastMaxPoolGrad } = require("../../src/model/native-gradients") as typeof import("../../src/model/native-gradients");
  // Odd length (the last step is dropped by "valid"), ties at equal positive values, NaN-free.
  const x = tf.tensor3d([
    [
      [1, 5],
      [3, 5],
      [2, 0],
      [2, 0],
      [7, 1],
      [1, 9],
      [4, 4],
    ],
  ]); // [1, 7, 2]
  const pool = tf.layers.maxPooling1d({ poolSize: 2 });
  const dy = tf.tensor3d([
    [
      [1, 2],
      [3, 4],
      [5, 6],
    ],
  ]);
  const stock = tf.grad((t: tf.Tensor) => tf.mul(pool.apply(t) as tf.Tensor, dy));
  const before = tf.tidy(() => Array.from(stock(x).dataSync()));
  // First max of each pair takes the gradient; the 7th step gets none.
  assert.deepEqual(before, [0, 2, 1, 0, 3, 4, 0, 0, 5, 0, 0, 6, 0, 0]);
  useFastMaxPoolGrad();
  const fast = tf.grad((t: tf.Tensor) => tf.mul(pool.apply(t) as tf.Tensor, dy));
  assert.deepEqual(
    tf.tidy(() => Array.from(fast(x).dataSync())),
    before,
  );
  // Pooling over W of a [B, 1, W, C] tensor, and a pooling it does not handle (stride 1).
  const x4 = tf.randomNormal([2, 1, 9, 3], 0, 1, "float32", 1);
  const y4 = tf.maxPool(x4 as tf.Tensor4D, [1, 2], [1, 2], "valid");
  const d4 = tf.randomNormal(y4.shape, 0, 1, "float32", 2);
  // (-0 and 0 are the same gradient; normalise before comparing.)
  const gW = tf.tidy(() =>
    Array.from(
      tf
        .grad((t: tf.Tensor) => tf.mul(tf.maxPool(t as tf.Tensor4D, [1, 2], [1, 2], "valid"), d4))(x4)
        .dataSync(),
      (v) => v + 0,
    ),
  );
  const gRef = tf.tidy(() =>
    Array.from(
      (tf.engine().runKernel("MaxPoolGrad", { dy: d4, input: x4, output: y4 }, { filterSize: [1, 2], strides: [1, 2], pad: "valid" }) as tf.Tensor).dataSync(),
    ),
  );
  assert.deepEqual(gW, gRef);
  const ys = tf.maxPool(x4 as tf.Tensor4D, [1, 2], [1, 1], "valid");
  const ds = tf.onesLike(ys);
  const gS = tf.tidy(() =>
    Array.from(
      tf
        .grad((t: tf.Tensor) => tf.mul(tf.maxPool(t as tf.Tensor4D, [1, 2], [1, 1], "valid"), ds))(x4)
        .dataSync(),
    ),
  );
  const gSRef = tf.tidy(() =>
    Array.from(
      (tf.engine().runKernel("MaxPoolGrad", { dy: ds, input: x4, output: ys }, { filterSize: [1, 2], strides: [1, 1], pad: "valid" }) as tf.Tensor).dataSync(),
    ),
  );
  assert.deepEqual(gS, gSRef);
  tf.dispose([x, dy, x4, y4, d4, ys, ds]);
  pool.dispose();
});
