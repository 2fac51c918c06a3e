import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-node";
import { buildCnnLstm } from "../../src/model/cnn-lstm";
import { AttentionPooling } from "../../src/model/attention-pooling";
import { ReverseTime } from "../../src/model/reverse-time";
import { FusedLstm } from "../../src/model/fused-lstm";

const variants = [
  { pooling: "mean" as const },
  { pooling: "attention" as const },
  { bidirectional: true },
  { pooling: "attention" as const, bidirectional: true },
];

test("pooled and bidirectional variants take [null, T, F] and give softmax [null, 8]", () => {
  for (const v of variants) {
    const m = buildCnnLstm({ inputShape: [40, 6], seed: 3, lstmUnits: 8, filters: [8, 4], denseUnits: 4, ...v });
    assert.deepEqual(m.inputs[0].shape, [null, 40, 6], JSON.stringify(v));
    assert.deepEqual(m.outputs[0].shape, [null, 8], JSON.stringify(v));
    const p = tf.tidy(() => (m.predict(tf.randomNormal([3, 40, 6], 0, 1, "float32", 1)) as tf.Tensor).sum(1).arraySync() as number[]);
    for (const s of p) assert.ok(Math.abs(s - 1) < 1e-5, `${JSON.stringify(v)}: probabilities sum to ${s}`);
    m.dispose();
  }
});

test("a bidirectional model has two LSTMs; the seed layout stays a Sequential with one", () => {
  const bi = buildCnnLstm({ inputShape: [20, 3], seed: 1, bidirectional: true });
  assert.equal(bi.layers.filter((l) => l instanceof FusedLstm).length, 2);
  const seed = buildCnnLstm({ inputShape: [20, 3], seed: 1 });
  assert.equal(seed.getClassName(), "Sequential");
  assert.equal(seed.layers.filter((l) => l instanceof FusedLstm).length, 1);
  bi.dispose();
  seed.dispose();
});

test("attention pooling of identical time steps returns that step (the weights sum to 1)", () => {
  const layer = new AttentionPooling({ units: 5, seed: 2 });
  const step = [0.5, -1, 2];
  const x = tf.tensor3d([Array.from({ length: 7 }, () => step)]);
  const out = layer.apply(x) as tf.Tensor;
  assert.deepEqual(out.shape, [1, 3]);
  const v = out.arraySync() as number[][];
  v[0].forEach((a, i) => assert.ok(Math.abs(a - step[i]) < 1e-6));
});

test("attention pooling weighs time steps differently once trained scores differ (not a plain mean)", () => {
  const layer = new AttentionPooling({ units: 4, seed: 5 });
  const x = tf.tensor3d([
    [
      [1, 0],
      [0, 1],
      [3, -2],
    ],
  ]);
  const out = (layer.apply(x) as tf.Tensor).arraySync() as number[][];
  const mean = [4 / 3, -1 / 3];
  assert.ok(Math.abs(out[0][0] - mean[0]) > 1e-4 || Math.abs(out[0][1] - mean[1]) > 1e-4);
});

test("ReverseTime reverses the time axis only", () => {
  const x = tf.tensor3d([
    [
      [1, 2],
      [3, 4],
      [5, 6],
    ],
  ]);
  assert.deepEqual((new ReverseTime({}).apply(x) as tf.Tensor).arraySync(), [
    [
      [5, 6],
      [3, 4],
      [1, 2],
    ],
  ]);
});

test("a residual stack of two LSTMs adds the first layer's sequence to the second's", () => {
  const m = buildCnnLstm({ inputShape: [20, 3], seed: 1, lstmLayers: 2, residual: true, pooling: "attention" });
  assert.equal(m.layers.filter((l) => l instanceof FusedLstm).length, 2);
  assert.equal(m.layers.filter((l) => l.getClassName() === "Add").length, 1);
  assert.deepEqual(m.outputs[0].shape, [null, 8]);
  m.dispose();
});

test("bad pooling, bidirectional and attentionUnits values are rejected by name", () => {
  assert.throws(() => buildCnnLstm({ inputShape: [20, 3], pooling: "max" as never }), /pooling/);
  assert.throws(() => buildCnnLstm({ inputShape: [20, 3], bidirectional: "yes" as never }), /bidirectional/);
  assert.throws(() => buildCnnLstm({ inputShape: [20, 3], pooling: "attention", attentionUnits: 0 }), /attentionUnits/);
  assert.throws(() => buildCnnLstm({ inputShape: [20, 3], lstmLayers: 0 }), /lstmLayers/);
});

test("a variant model round-trips through save/load with its custom layers", async () => {
  const m = buildCnnLstm({ inputShape: [16, 3], seed: 4, pooling: "attention", bidirectional: true, lstmUnits: 4, filters: [4, 4] });
  const x = tf.randomNormal([2, 16, 3], 0, 1, "float32", 9);
  const before = (m.predict(x) as tf.Tensor).dataSync();
  const saved: Parameters<typeof tf.io.fromMemory>[0][] = [];
  await m.save(
    tf.io.withSaveHandler(async (a) => {
      saved.push(a);
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
    }),
  );
  const back = await tf.loadLayersModel(tf.io.fromMemory(saved[0]));
  const after = (back.predict(x) as tf.Tensor).dataSync();
  before.forEach((v, i) => assert.ok(Math.abs(v - after[i]) < 1e-6));
});
