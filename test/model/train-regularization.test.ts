import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-node";
import { buildCnnLstm } from "../../src/model/cnn-lstm";
import { trainModel } from "../../src/model/train";
import { Rng } from "../../src/util/rng";

function tinyData(n = 32, T = 12, F = 3) {
  const rng = new Rng(1);
  const y = Int32Array.from({ length: n }, (_, i) => i % 4);
  const x = new Float32Array(n * T * F);
  for (let i = 0; i < n; i++) for (let k = 0; k < T * F; k++) x[i * T * F + k] = rng.normal() + y[i];
  return { xTrain: x, yTrain: y, xVal: x, yVal: y, shape: [T, F] as [number, number] };
}
const model = () => buildCnnLstm({ inputShape: [12, 3], seed: 2, filters: [8, 4], lstmUnits: 6, denseUnits: 6, numClasses: 4 });

test("cosine schedule: epoch e runs at lr · (1 + cos(π e / E)) / 2 and reduce-LR is not used", async () => {
  const m = model();
  const h = await trainModel(m, tinyData(), {
    epochs: 4,
    batchSize: 16,
    seed: 1,
    learningRate: 0.01,
    schedule: "cosine",
    reduceLrOnPlateau: { patience: 0, factor: 0.5 },
  });
  const want = [0, 1, 2, 3].map((e) => 0.005 * (1 + Math.cos((Math.PI * e) / 4)));
  h.history.learningRate.forEach((lr, i) => assert.ok(Math.abs(lr - want[i]) < 1e-9, `epoch ${i}: ${lr} vs ${want[i]}`));
  assert.equal(h.options.reduceLrOnPlateau, null);
  m.dispose();
});

test("weight decay shrinks the kernels compared with the same run without it", async () => {
  const norm = (m: tf.LayersModel) =>
    m.trainableWeights.filter((w) => w.shape.length >= 2).reduce((s, w) => s + tf.tidy(() => tf.sum(tf.square(w.read())).dataSync()[0]), 0);
  const a = model();
  await trainModel(a, tinyData(), { epochs: 3, batchSize: 16, seed: 1, learningRate: 0.01 });
  const b = model();
  await trainModel(b, tinyData(), { epochs: 3, batchSize: 16, seed: 1, learningRate: 0.01, weightDecay: 1 });
  assert.ok(norm(b) < norm(a) * 0.99, `${norm(b)} vs ${norm(a)}`);
  a.dispose();
  b.dispose();
});

test("label smoothing, mixup and specAugment train, change the run, and keep the loss finite", async () => {
  const base = await trainModel(model(), tinyData(), { epochs: 2, batchSize: 16, seed: 1 });
  for (const extra of [{ labelSmoothing: 0.1 }, { mixupAlpha: 0.4 }, { specAugment: { timeMasks: 1, timeWidth: 3, freqMasks: 1, freqWidth: 1 } }]) {
    const h = await trainModel(model(), tinyData(), { epochs: 2, batchSize: 16, seed: 1, ...extra });
    assert.ok(h.history.loss.every(Number.isFinite), JSON.stringify(extra));
    assert.notEqual(h.history.loss[1], base.history.loss[1], `${JSON.stringify(extra)} changed nothing`);
  }
});

test("bad regularisation options are rejected by name", async () => {
  for (const [opt, re] of [
    [{ labelSmoothing: 1 }, /labelSmoothing/],
    [{ mixupAlpha: -1 }, /mixupAlpha/],
    [{ weightDecay: NaN }, /weightDecay/],
    [{ schedule: "step" }, /schedule/],
    [{ specAugment: { bogus: 1 } }, /bogus/],
  ] as const) {
    const m = model();
    await assert.rejects(trainModel(m, tinyData(), { epochs: 1, ...(opt as object) }), re);
    m.dispose();
  }
});
