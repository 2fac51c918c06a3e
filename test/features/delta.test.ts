import { test } from "node:test";
import assert from "node:assert/strict";
import { delta, savgolDerivativeWeights } from "../../src/features/delta";
import { loadFixture, expectClose } from "../helpers/fixtures";

interface DeltaFixture {
  rows: number;
  cols: number;
  data: number[][];
  cases: { call: string; width: number; order: number; expected: number[][] }[];
}

test("matches librosa 0.11's feature.delta on the fixture (orders 1 and 2, widths 3, 5, 9)", () => {
  const fx = loadFixture<DeltaFixture>("features/delta");
  const data = { data: Float32Array.from(fx.data.flat()), rows: fx.rows, cols: fx.cols };
  assert.ok(fx.cases.length >= 5);
  for (const c of fx.cases) {
    const out = delta(data, { width: c.width, order: c.order });
    assert.equal(out.rows, fx.rows);
    assert.equal(out.cols, fx.cols);
    expectClose(out.data, c.expected.flat(), { atol: 1e-5, label: c.call });
  }
});

test("known answers: the delta of a ramp is its slope; the delta-delta of a parabola is twice its curvature", () => {
  const cols = 20;
  const ramp = { data: Float32Array.from({ length: cols }, (_, t) => 3 * t + 1), rows: 1, cols };
  for (const v of delta(ramp).data) assert.ok(Math.abs(v - 3) < 1e-4, `delta ${v}`);
  const parabola = { data: Float32Array.from({ length: cols }, (_, t) => 0.5 * t * t), rows: 1, cols };
  for (const v of delta(parabola, { order: 2, width: 5 }).data) assert.ok(Math.abs(v - 1) < 1e-4, `delta-delta ${v}`);
});

test("first-order weights are the regression slope k / Σk²", () => {
  const w = savgolDerivativeWeights(5, 1);
  expectClose(w, [-0.2, -0.1, 0, 0.1, 0.2], { atol: 1e-12 });
});

test("rejects an even width, order 0 and a window longer than the clip, naming the parameter", () => {
  const m = { data: new Float32Array(10), rows: 1, cols: 10 };
  assert.throws(() => delta(m, { width: 4 }), /width=4/);
  assert.throws(() => delta(m, { order: 0 }), /order=0/);
  assert.throws(() => delta(m, { width: 11 }), /width=11 cannot exceed/);
});

test("FeatureConfig.deltas: 1 or 2 append named MFCC delta columns; bad values and deltas without MFCC are refused", async () => {
  const { featureConfig, featureColumns } = await import("../../src/features/clip-features");
  const base = featureConfig({ representation: "sequence", features: ["mfcc", "rms"], nMfcc: 3 });
  const two = featureColumns({ ...base, deltas: 2 });
  assert.deepEqual(two, ["mfcc_01", "mfcc_02", "mfcc_03", "mfcc_d1_01", "mfcc_d1_02", "mfcc_d1_03", "mfcc_d2_01", "mfcc_d2_02", "mfcc_d2_03", "rms"]);
  assert.throws(() => featureConfig({ deltas: 3 as never }), /deltas/);
  assert.throws(() => featureConfig({ features: ["rms"], deltas: 1 }), /deltas=1 needs "mfcc"/);
});
