import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-node";

test("loading the model code or building a model registers no gradient; registerNativeGradients() does, once", () => {
  const stock = { relu: tf.getGradient("Relu"), maxPool: tf.getGradient("MaxPool") };
  // Loaded here, after the stock gradients were read (a static import would load them first).
  const { registerNativeGradients } = require("../../src/model/native-gradients") as typeof import("../../src/model/native-gradients");
  const { buildCnnLstm } = require("../../src/model/cnn-lstm") as typeof import("../../src/model/cnn-lstm");
  buildCnnLstm({ inputShape: [16, 2], filters: [4, 4], lstmUnits: 3, denseUnits: 3, numClasses: 2, seed: 1 }).dispose();
  assert.equal(tf.getGradient("Relu"), stock.relu, "Relu: still tfjs's gradient");
  assert.equal(tf.getGradient("MaxPool"), stock.maxPool, "MaxPool: still tfjs's gradient");
  registerNativeGradients();
  const ours = { relu: tf.getGradient("Relu"), maxPool: tf.getGradient("MaxPool") };
  assert.notEqual(ours.relu, stock.relu);
  assert.notEqual(ours.maxPool, stock.maxPool);
  registerNativeGradients();
  assert.equal(tf.getGradient("Relu"), ours.relu, "idempotent: a second call registers nothing new");
  assert.equal(tf.getGradient("MaxPool"), ours.maxPool);
});
