import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-node";
import { buildCnnLstm, CNN_LSTM_CONFIG_FIELDS, resolveCnnLstmConfig } from "../../src/model/cnn-lstm";
import { expectClose, loadFixture } from "../helpers/fixtures";

const KERAS = loadFixture("model/keras_cnn_lstm");
/** Our registered classes stand for Keras's. */
const KERAS_CLASS: Record<string, string> = {
  SeededDropout: "Dropout",
  FusedLSTM: "LSTM",
  FusedConv1D: "Conv1D",
  FusedBatchNormalization: "BatchNormalization",
};
const IMPLS = [
  { lstmImpl: "fused", convBnImpl: "fused" },
  { lstmImpl: "fused", convBnImpl: "layers" },
  { lstmImpl: "layers", convBnImpl: "layers" },
] as const;

for (const [key, shape] of [
  ["193x1", [193, 1]],
  ["130x175", [130, 175]],
] as const) {
  for (const impl of IMPLS) {
    test(`input ${key}, ${JSON.stringify(impl)}: shapes, layer list and parameter counts equal Keras's`, () => {
      const model = buildCnnLstm({ inputShape: [shape[0], shape[1]], seed: 1, ...impl });
      try {
        assert.deepEqual(model.inputs[0].shape, [null, shape[0], shape[1]]);
        assert.deepEqual(model.outputs[0].shape, [null, 8]);
        const ref = KERAS.summaries[key];
        const ours = model.layers.map((l) => ({
          className: KERAS_CLASS[l.getClassName()] ?? l.getClassName(),
          name: l.name,
          outputShape: l.outputShape,
          params: l.countParams(),
        }));
        assert.deepEqual(ours, ref.layers);
        assert.equal(model.countParams(), ref.totalParams);
        const trainable = model.trainableWeights.reduce((s, w) => s + w.shape.reduce((a, b) => (a as number) * (b as number), 1)!, 0);
        assert.equal(trainable, ref.trainableParams);
      } finally {
        model.dispose();
      }
    });
  }
}

for (const impl of IMPLS) {
  test(`${JSON.stringify(impl)}: with Keras's weights, inference outputs equal Keras's (small network fixture)`, () => {
    const ref = KERAS.small;
    const model = buildCnnLstm({ ...ref.config, seed: 3, ...impl });
    try {
      // Keras lists weights layer by layer; tfjs lists trainable ones first: match them by name.
      const byName = new Map<string, number>(ref.weightPaths.map((p: string, i: number) => [p.replace(/^sequential\//, "").replace("/lstm_cell/", "/"), i]));
      const values = model.weights.map((w) => {
        const i = byName.get(w.originalName);
        assert.ok(i !== undefined, `Keras has a weight named like ${w.originalName}`);
        assert.deepEqual(w.shape, ref.weightShapes[i], `shape of ${w.originalName}`);
        return tf.tensor(ref.weights[i], ref.weightShapes[i]);
      });
      assert.equal(values.length, ref.weightPaths.length);
      model.setWeights(values);
      const p = tf.tidy(() => (model.predict(tf.tensor(ref.x, ref.xShape)) as tf.Tensor).dataSync());
      expectClose(p, ref.probabilities, { atol: 2e-6, label: "probabilities" });
    } finally {
      model.dispose();
    }
  });
}

test("the same seed gives the same initial weights; another seed different ones", () => {
  const w = (seed: number, impl: "fused" | "layers") => {
    const m = buildCnnLstm({ inputShape: [30, 2], seed, lstmImpl: impl, convBnImpl: impl, filters: [8, 4], lstmUnits: 6, denseUnits: 5 });
    const v = m.getWeights().map((t) => Array.from(t.dataSync()));
    m.dispose();
    return v;
  };
  const a = w(5, "fused");
  assert.deepEqual(w(5, "fused"), a);
  assert.deepEqual(w(5, "layers"), a, "fused and tfjs-layers models start from the same weights");
  assert.notDeepEqual(w(6, "fused"), a);
  // Different layers with equal shapes still get different draws.
  const m = buildCnnLstm({ inputShape: [30, 4], seed: 5, filters: [4, 4], kernelSizes: [3, 3] });
  const k = m.getWeights();
  assert.notDeepEqual(Array.from(k[2].dataSync()).slice(0, 4), Array.from(k[0].dataSync()).slice(0, 4));
  m.dispose();
});

test("the recurrent kernel is orthogonal (rows of the [H, 4H] matrix orthonormal)", () => {
  const m = buildCnnLstm({ inputShape: [40, 3], seed: 2, lstmUnits: 8, filters: [4, 4] });
  const rk = m.getLayer("lstm").getWeights()[1];
  const g = tf.tidy(() => tf.matMul(rk, rk, false, true).dataSync());
  expectClose(
    g,
    tf.tidy(() => tf.eye(8).dataSync()),
    { atol: 1e-5, label: "R·Rᵀ" },
  );
  m.dispose();
});

test("every size is configurable and validated, naming the bad field", () => {
  const m = buildCnnLstm({
    inputShape: [50, 3],
    filters: [16, 8, 4],
    kernelSizes: [3, 3, 3],
    poolSizes: [2, 2, 2],
    convDropout: [0.1, 0.1, 0.1],
    lstmUnits: 10,
    denseUnits: 6,
    numClasses: 4,
    padding: "valid",
    seed: 1,
  });
  assert.deepEqual(m.outputs[0].shape, [null, 4]);
  assert.equal(m.layers.filter((l) => l.getClassName() === "FusedConv1D").length, 3);
  assert.deepEqual(m.layers[0].outputShape, [null, 48, 16], "valid padding shortens by kernelSize − 1");
  m.dispose();
  assert.equal(resolveCnnLstmConfig({ inputShape: [193, 1] }).lstmImpl, "fused");
  assert.deepEqual(resolveCnnLstmConfig({ inputShape: [193, 1] }).filters, [128, 64]);
  assert.throws(() => buildCnnLstm({ inputShape: [0, 1] }), /inputShape\[0\]=0 must be a positive integer/);
  assert.throws(() => buildCnnLstm({ inputShape: [193, 1], kernelSizes: [5] }), /kernelSizes=\[5\] must have one entry per conv block/);
  assert.throws(() => buildCnnLstm({ inputShape: [193, 1], lstmDropout: 1 }), /lstmDropout=1/);
  assert.throws(() => buildCnnLstm({ inputShape: [193, 1], lstmImpl: "cudnn" as "fused" }), /lstmImpl="cudnn" must be one of/);
  assert.throws(() => buildCnnLstm({ inputShape: [193, 1], convBnImpl: "x" as "fused" }), /convBnImpl="x" must be one of/);
  assert.throws(() => buildCnnLstm({ inputShape: [3, 1] }), /inputShape=\[3,1\] is too short/);
});

test("training gradients of the fused and tfjs-layers models agree (same weights, same dropout masks)", () => {
  const cfg = { inputShape: [40, 3] as [number, number], filters: [8, 6], lstmUnits: 7, denseUnits: 5, seed: 11 };
  const a = buildCnnLstm({ ...cfg, lstmImpl: "layers", convBnImpl: "layers" });
  const b = buildCnnLstm({ ...cfg, lstmImpl: "fused", convBnImpl: "fused" });
  const x = tf.randomNormal([16, 40, 3], 0, 1, "float32", 2);
  const y = tf.oneHot(
    tf.tensor1d(
      Array.from({ length: 16 }, (_, i) => i % 8),
      "int32",
    ),
    8,
  );
  const grads = (m: tf.LayersModel) => {
    const vars = m.trainableWeights.map((w) => w.read() as tf.Variable);
    const { value, grads: g } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(y, m.apply(x, { training: true }) as tf.Tensor) as tf.Scalar, vars);
    const out = vars.map((v) => Array.from(g[v.name].dataSync()));
    tf.dispose([value, ...Object.values(g)]);
    return out;
  };
  const ga = grads(a);
  const gb = grads(b);
  ga.forEach((g, i) => {
    const scale = Math.max(...g.map(Math.abs));
    const d = Math.max(...g.map((v, j) => Math.abs(v - gb[i][j])));
    assert.ok(d <= 1e-4 * scale + 1e-7, `variable ${i}: max |diff| ${d} (scale ${scale})`);
  });
  // Moving statistics were updated identically by the training-mode call.
  const wa = a.getWeights().map((t) => Array.from(t.dataSync()));
  b.getWeights().forEach((t, i) => expectClose(t.dataSync(), wa[i], { atol: 1e-6, label: `weight ${i}` }));
  tf.dispose([x, y]);
  a.dispose();
  b.dispose();
});

test("batchNormMomentum reaches both BatchNormalization layers of either implementation (default Keras's 0.99)", () => {
  for (const convBnImpl of ["fused", "layers"] as const) {
    const bnMomenta = (m: tf.LayersModel) => m.layers.filter((l) => /^batch_normalization/.test(l.name)).map((l) => l.getConfig().momentum);
    const d = buildCnnLstm({ inputShape: [20, 3], filters: [4, 4], lstmUnits: 3, denseUnits: 3, seed: 1, convBnImpl });
    assert.deepEqual(bnMomenta(d), [0.99, 0.99]);
    const m = buildCnnLstm({ inputShape: [20, 3], filters: [4, 4], lstmUnits: 3, denseUnits: 3, seed: 1, convBnImpl, batchNormMomentum: 0.9 });
    assert.deepEqual(bnMomenta(m), [0.9, 0.9]);
    // same weights (same seed): one training-mode call moves the moving mean (from 0) by 10% of the
    // batch mean instead of 1%, so 10 times as far
    const x = tf.randomNormal([8, 20, 3], 2, 1, "float32", 3);
    d.apply(x, { training: true });
    m.apply(x, { training: true });
    const moved = (model: tf.LayersModel) => Array.from(model.getLayer("batch_normalization").getWeights()[2].dataSync());
    const md = moved(d);
    moved(m).forEach((v, i) => assert.ok(Math.abs(v - 10 * md[i]) <= 1e-5 + 1e-4 * Math.abs(v), `channel ${i}: ${v} vs 10 × ${md[i]}`));
    assert.ok(Math.max(...md.map(Math.abs)) > 0, "the moving mean moved");
    tf.dispose(x);
    d.dispose();
    m.dispose();
  }
  assert.equal(resolveCnnLstmConfig({ inputShape: [193, 1] }).batchNormMomentum, 0.99);
  assert.throws(() => buildCnnLstm({ inputShape: [193, 1], batchNormMomentum: 1 }), /batchNormMomentum=1/);
});

test("CNN_LSTM_CONFIG_FIELDS lists every field of the resolved configuration", () => {
  assert.deepEqual([...CNN_LSTM_CONFIG_FIELDS].sort(), Object.keys(resolveCnnLstmConfig({ inputShape: [193, 1], seed: 1 })).sort());
});
