import { test } from "node:test";
import assert from "node:assert/strict";
import { trainingCurvesChart, type TrainingCurvePoint } from "../../src/charts";
import { dataOf, renderChecked, titleOf } from "./chart-check";

const keras = { loss: [2, 1.5, 1.2], val_loss: [2.1, 1.7, 1.6], accuracy: [0.2, 0.4, 0.5], val_accuracy: [0.18, 0.3, 0.35] };

test("loss and accuracy, training vs validation, per epoch from 1", async () => {
  const spec = trainingCurvesChart(keras);
  await renderChecked(spec, [titleOf(spec), "Loss", "Accuracy", "epoch", "loss (cross-entropy, nats)", "accuracy (fraction correct)", "validation"]);
  const pts = dataOf<TrainingCurvePoint>(spec);
  assert.equal(pts.length, 12);
  assert.deepEqual(
    pts.filter((p) => p.metric === "loss" && p.split === "validation").map((p) => [p.epoch, p.value]),
    [
      [1, 2.1],
      [2, 1.7],
      [3, 1.6],
    ],
  );
  assert.deepEqual(
    pts.filter((p) => p.metric === "accuracy" && p.split === "training").map((p) => p.value),
    keras.accuracy,
  );
});

test("accepts Keras 2 'acc'/'val_acc' keys and a tfjs History object; non-finite values become gaps", () => {
  const old = trainingCurvesChart({ loss: [1, NaN], val_loss: [1.1, 1.0], acc: [0.3, 0.4], val_acc: [0.2, 0.25] });
  const pts = dataOf<TrainingCurvePoint>(old);
  assert.equal(pts.length, 8);
  assert.equal(pts.find((p) => p.metric === "loss" && p.split === "training" && p.epoch === 2)!.value, null);
  const tfjs = { epoch: [0, 1, 2], history: keras };
  assert.deepEqual(dataOf(trainingCurvesChart(tfjs)), dataOf(trainingCurvesChart(keras)));
  const lossOnly = trainingCurvesChart({ loss: [1, 0.5] }) as unknown as { hconcat: unknown[] };
  assert.equal(lossOnly.hconcat.length, 1);
});

test("accepts ser-toolkit's model TrainingHistory shape (camelCase keys, nulls, epoch indices)", () => {
  const h = {
    epoch: [0, 1, 2],
    history: {
      loss: [2, 1.5, 1.2],
      accuracy: [0.2, 0.4, 0.5],
      valLoss: [2.1, null, 1.6],
      valAccuracy: [0.18, null, 0.35],
      learningRate: [1e-3, 1e-3, 1e-3],
      seconds: [3, 3, 3],
    },
  };
  const pts = dataOf<TrainingCurvePoint>(trainingCurvesChart(h));
  assert.equal(pts.length, 12);
  assert.deepEqual(
    pts.filter((p) => p.split === "validation" && p.metric === "loss").map((p) => [p.epoch, p.value]),
    [
      [1, 2.1],
      [2, null],
      [3, 1.6],
    ],
  );
  const resumed = dataOf<TrainingCurvePoint>(trainingCurvesChart({ epoch: [10, 11], history: { loss: [1, 0.9] } }));
  assert.deepEqual(
    resumed.map((p) => p.epoch),
    [11, 12],
  );
});

test("rejects histories without the series or with unequal lengths", () => {
  assert.throws(() => trainingCurvesChart({ mse: [1, 2] }), /history has none of loss/);
  assert.throws(() => trainingCurvesChart({ loss: [1, 2], val_loss: [1] }), /val_loss has 1 values, but other series have 2/);
});
