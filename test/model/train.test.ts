import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs-node";
import { buildCnnLstm, type CnnLstmConfig } from "../../src/model/cnn-lstm";
import { balancedClassWeight, trainModel, type TrainingData } from "../../src/model/train";
import { FlatAdam } from "../../src/model/flat-adam";
import { nativeBinding } from "../../src/model/native-op";
import { Rng } from "../../src/util/rng";

const SHAPE: [number, number] = [24, 3];
const SMALL: CnnLstmConfig = { inputShape: SHAPE, filters: [8, 4], kernelSizes: [5, 3], lstmUnits: 6, denseUnits: 5, numClasses: 4 };

/** Random clips; class c adds c to feature 0 so the task is learnable. */
function data(nTrain: number, nVal: number, seed = 1, flipVal = false): TrainingData {
  const rng = new Rng(seed);
  const make = (n: number, flip: boolean) => {
    const x = rng.standardNormal(n * SHAPE[0] * SHAPE[1]);
    const y = Int32Array.from({ length: n }, () => rng.integers(0, 4));
    for (let i = 0; i < n; i++) for (let t = 0; t < SHAPE[0]; t++) x[(i * SHAPE[0] + t) * SHAPE[1]] += 2 * (flip ? 3 - y[i] : y[i]);
    return { x, y };
  };
  const tr = make(nTrain, false);
  const va = make(nVal, flipVal);
  return { xTrain: tr.x, yTrain: tr.y, xVal: va.x, yVal: va.y, shape: SHAPE };
}

test("a 2-epoch fit on tiny random data: history of length 2, probabilities in [0, 1] summing to 1", async () => {
  const model = buildCnnLstm({ ...SMALL, seed: 1 });
  const logs: number[] = [];
  const h = await trainModel(model, data(40, 12), { epochs: 2, batchSize: 8, seed: 1, onEpochEnd: (log) => void logs.push(log.epoch) });
  assert.deepEqual(h.epoch, [0, 1]);
  assert.deepEqual(logs, [0, 1]);
  for (const key of ["loss", "accuracy", "valLoss", "valAccuracy", "learningRate", "seconds"] as const) assert.equal(h.history[key].length, 2, key);
  assert.ok(h.history.loss.every((v) => Number.isFinite(v) && v > 0));
  const p = tf.tidy(() => (model.predict(tf.randomNormal([5, ...SHAPE], 0, 1, "float32", 3)) as tf.Tensor).arraySync() as number[][]);
  for (const row of p) {
    assert.ok(row.every((v) => v >= 0 && v <= 1));
    assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-5);
  }
  model.dispose();
});

test("the same seeds give the same history and weights (measured: bit-identical)", async () => {
  const run = async (lstmImpl: "fused" | "layers") => {
    const model = buildCnnLstm({ ...SMALL, seed: 5, lstmImpl });
    const h = await trainModel(model, data(48, 16), { epochs: 3, batchSize: 16, seed: 9 });
    const w = model.getWeights().flatMap((t) => Array.from(t.dataSync()));
    model.dispose();
    return { h, w };
  };
  const a = await run("fused");
  const b = await run("fused");
  // Observed on this machine: differences exactly 0 (tfjs-node 4.22 on libtensorflow 2.21, 2 threads).
  // The tolerance leaves room for thread-count-dependent reductions elsewhere.
  for (const key of ["loss", "accuracy", "valLoss", "valAccuracy"] as const) {
    a.h.history[key].forEach((v, i) => assert.ok(Math.abs((v as number) - (b.h.history[key][i] as number)) <= 1e-6, `${key}[${i}]`));
  }
  a.w.forEach((v, i) => assert.ok(Math.abs(v - b.w[i]) <= 1e-6, `weight ${i}`));
  // The step-by-step tfjs LSTM follows the same curve (same maths, different summation order).
  const c = await run("layers");
  c.h.history.loss.forEach((v, i) => assert.ok(Math.abs(v - a.h.history.loss[i]) < 1e-4, `layers vs fused loss[${i}]: ${v} vs ${a.h.history.loss[i]}`));
});

test("early stopping stops after `patience` epochs without improvement and restores the best weights", async () => {
  // Validation labels are the training labels reversed: the better the fit, the worse val_loss,
  // so epoch 0 is best and training stops at epoch 0 + patience.
  const model = buildCnnLstm({ ...SMALL, seed: 2 });
  const weightsAt: number[][] = [];
  const h = await trainModel(model, data(64, 32, 4, true), {
    epochs: 10,
    batchSize: 16,
    learningRate: 0.01,
    seed: 1,
    earlyStopping: { patience: 2 },
    onEpochEnd: () => void weightsAt.push(model.getWeights().flatMap((t) => Array.from(t.dataSync()))),
  });
  const v = h.history.valLoss as number[];
  assert.ok(v[1] > v[0] && v[2] > v[0], `val_loss rises: ${v}`);
  assert.equal(h.bestEpoch, 0);
  assert.equal(h.stoppedEpoch, 2);
  assert.equal(h.epoch.length, 3);
  assert.equal(h.restoredBestWeights, true);
  const final = model.getWeights().flatMap((t) => Array.from(t.dataSync()));
  assert.deepEqual(final, weightsAt[0], "weights of epoch 0 are back");
  assert.notDeepEqual(final, weightsAt[2]);
  model.dispose();
});

test("reduce-LR-on-plateau multiplies the optimizer's learning rate by factor, down to minLr", async () => {
  const model = buildCnnLstm({ ...SMALL, seed: 3 });
  const optimizer = new FlatAdam({ learningRate: 0.001 });
  // minDelta = 1e9: no epoch after the first counts as an improvement.
  const h = await trainModel(model, data(32, 8), {
    epochs: 5,
    batchSize: 16,
    seed: 1,
    optimizer,
    reduceLrOnPlateau: { monitor: "loss", patience: 1, factor: 0.5, minDelta: 1e9, minLr: 0.0002 },
  });
  assert.deepEqual(h.history.learningRate, [0.001, 0.001, 0.0005, 0.00025, 0.0002]);
  assert.equal(optimizer.learningRate, 0.0002);
  optimizer.dispose();
  model.dispose();
});

test("balanced class weights equal scikit-learn's compute_class_weight('balanced')", () => {
  // sklearn: y = [0, 0, 0, 1, 2, 2] → n / (k · counts) = 6 / (3 · [3, 1, 2]) = [2/3, 2, 1].
  const w = balancedClassWeight(Int32Array.of(0, 0, 0, 1, 2, 2), 3);
  assert.deepEqual(
    w.map((v) => +v.toFixed(12)),
    [0.666666666667, 2, 1],
  );
  // A class that never occurs gets weight 0 and does not count in k.
  assert.deepEqual(balancedClassWeight(Int32Array.of(0, 0, 1, 1), 3), [1, 1, 0]);
  assert.throws(() => balancedClassWeight(Int32Array.of(0, 5), 3), /class 5, outside \[0, 3\)/);
});

test("class weights change the training loss as Keras weights it", async () => {
  const d = data(32, 8);
  const run = async (classWeight: number[] | null) => {
    const model = buildCnnLstm({ ...SMALL, seed: 4, convDropout: [0, 0], lstmDropout: 0, denseDropout: 0 });
    const h = await trainModel(model, d, { epochs: 1, batchSize: 32, seed: 1, learningRate: 1e-9, classWeight });
    model.dispose();
    return h.history.loss[0];
  };
  // One batch with a negligible step: weighting every class by 2 doubles the loss.
  const plain = await run(null);
  const doubled = await run([2, 2, 2, 2]);
  assert.ok(Math.abs(doubled - 2 * plain) < 1e-5, `${doubled} vs 2 × ${plain}`);
});

test("the history file is written after every epoch (valid JSON each time)", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ser-train-"));
  const file = path.join(dir, "history.json");
  const model = buildCnnLstm({ ...SMALL, seed: 1 });
  const seen: number[] = [];
  try {
    await trainModel(model, data(16, 8), {
      epochs: 3,
      batchSize: 8,
      seed: 1,
      historyPath: file,
      onEpochEnd: () => void seen.push(JSON.parse(fs.readFileSync(file, "utf8")).epoch.length),
    });
    assert.deepEqual(seen, [1, 2, 3]);
    assert.deepEqual(fs.readdirSync(dir), ["history.json"], "no temporary files left");
  } finally {
    model.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("no tensor leaks: the counts after N epochs equal those after 1 (tfjs and native)", async () => {
  const model = buildCnnLstm({ ...SMALL, seed: 1 });
  const d = data(40, 16);
  await trainModel(model, d, { epochs: 1, batchSize: 8, seed: 1, earlyStopping: { patience: 5 }, reduceLrOnPlateau: { patience: 1 } });
  const tfjs1 = tf.memory().numTensors;
  const native1 = nativeBinding().getNumOfTensors();
  await trainModel(model, d, { epochs: 4, batchSize: 8, seed: 1, earlyStopping: { patience: 5 }, reduceLrOnPlateau: { patience: 1 } });
  assert.equal(tf.memory().numTensors, tfjs1);
  assert.equal(nativeBinding().getNumOfTensors(), native1);
  model.dispose();
});

test("bad data and options are rejected, naming the field", async () => {
  const model = buildCnnLstm({ ...SMALL, seed: 1 });
  const d = data(8, 4);
  await assert.rejects(trainModel(model, { ...d, shape: [24, 4] }), /data.shape=\[24,4\] does not match the model's input \[24,3\]/);
  await assert.rejects(trainModel(model, { ...d, yTrain: d.yTrain.subarray(1) }), /xTrain has 576 values, but yTrain has 7 labels/);
  await assert.rejects(trainModel(model, { ...d, yTrain: Int32Array.from(d.yTrain, () => 9) }), /yTrain\[0\]=9 is outside \[0, 4\)/);
  await assert.rejects(trainModel(model, d, { batchSize: 0 }), /batchSize=0 must be a positive integer/);
  await assert.rejects(
    trainModel(model, { xTrain: d.xTrain, yTrain: d.yTrain, shape: SHAPE }, { earlyStopping: {} }),
    /earlyStopping monitors valLoss, but no xVal\/yVal/,
  );
  await assert.rejects(trainModel(model, d, { classWeight: [1, 2] }), /classWeight has 2 entries, but the model has 4 classes/);
  model.dispose();
});
