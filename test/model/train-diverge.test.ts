// A diverging training stops with an error (issue 11, defect 1): the loss turning NaN/Infinity is
// never trained through and saved as a model.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-node";
import { buildCnnLstm } from "../../src/model/cnn-lstm";
import { trainModel } from "../../src/model/train";
import { SerError } from "../../src/util/errors";
import { Rng } from "../../src/util/rng";

test("learningRate 1e30: training stops at the first non-finite loss, naming epoch, batch and rate", async () => {
  const shape: [number, number] = [24, 3];
  const rng = new Rng(4);
  const xTrain = Float32Array.from(rng.standardNormal(64 * 72));
  const yTrain = Int32Array.from({ length: 64 }, () => rng.integers(0, 4));
  const model = buildCnnLstm({ inputShape: shape, filters: [4, 4], lstmUnits: 4, denseUnits: 4, numClasses: 4, seed: 1 });
  const before = tf.memory().numTensors;
  const epochs: number[] = [];
  try {
    await assert.rejects(
      trainModel(model, { xTrain, yTrain, shape }, { epochs: 5, batchSize: 8, learningRate: 1e30, seed: 1, onEpochEnd: (l) => void epochs.push(l.epoch) }),
      (e: unknown) =>
        e instanceof SerError && /^training diverged: the loss is (NaN|-?Infinity) at epoch 1, batch \d+ \(learning rate 1e\+30\)/.test(e.message),
    );
    assert.deepEqual(epochs, [], "no epoch with a non-finite loss is reported as done");
    assert.equal(tf.memory().numTensors, before, "no tensors leak when training stops");
  } finally {
    model.dispose();
  }
});
