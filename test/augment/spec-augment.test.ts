import { test } from "node:test";
import assert from "node:assert/strict";
import { Rng } from "../../src/util/rng";
import { resolveSpecAugment, specAugment } from "../../src/augment/spec-augment";
import { betaSample, mixupBatch } from "../../src/augment/mixup";

test("specAugment masks whole frames and whole columns, at most the widths asked", () => {
  const T = 50,
    F = 20;
  const opts = resolveSpecAugment({ timeMasks: 1, timeWidth: 10, freqMasks: 0 });
  let maskedSomething = false;
  for (let seed = 0; seed < 30; seed++) {
    const x = new Float32Array(T * F).fill(1);
    specAugment(x, [T, F], opts, new Rng(seed));
    const zeroRows = Array.from({ length: T }, (_, t) => x.subarray(t * F, (t + 1) * F).every((v) => v === 0));
    const partial = Array.from({ length: T }, (_, t) => x.subarray(t * F, (t + 1) * F).some((v) => v === 0) && !zeroRows[t]);
    assert.ok(!partial.some(Boolean), "a time mask covers whole frames");
    const n = zeroRows.filter(Boolean).length;
    assert.ok(n <= 10);
    if (n > 0) maskedSomething = true;
  }
  assert.ok(maskedSomething);
  const y = new Float32Array(T * F).fill(1);
  specAugment(y, [T, F], resolveSpecAugment({ timeMasks: 0, freqMasks: 2, freqWidth: 3 }), new Rng(4));
  const zeroCols = Array.from({ length: F }, (_, f) => Array.from({ length: T }, (_, t) => y[t * F + f]).every((v) => v === 0)).filter(Boolean).length;
  assert.ok(zeroCols <= 6);
  assert.equal(y.filter((v) => v === 0).length, zeroCols * T, "frequency masks cover whole columns");
});

test("specAugment is repeatable for a seed and rejects unknown or negative options", () => {
  const a = new Float32Array(200).map((_, i) => i + 1);
  const b = a.slice();
  specAugment(a, [20, 10], resolveSpecAugment({}), new Rng(3));
  specAugment(b, [20, 10], resolveSpecAugment({}), new Rng(3));
  assert.deepEqual(a, b);
  assert.throws(() => resolveSpecAugment({ timeMask: 2 } as never), /unknown specAugment field "timeMask"/);
  assert.throws(() => resolveSpecAugment({ freqWidth: -1 }), /freqWidth/);
});

test("Beta(α, α) draws lie in [0, 1] with mean 1/2; Beta(2, 6) has mean 1/4", () => {
  const rng = new Rng(11);
  const xs = Array.from({ length: 4000 }, () => betaSample(0.4, 0.4, rng));
  assert.ok(xs.every((x) => x >= 0 && x <= 1));
  assert.ok(Math.abs(xs.reduce((a, b) => a + b, 0) / xs.length - 0.5) < 0.03);
  const ys = Array.from({ length: 4000 }, () => betaSample(2, 6, rng));
  assert.ok(Math.abs(ys.reduce((a, b) => a + b, 0) / ys.length - 0.25) < 0.02);
  assert.throws(() => betaSample(0, 1, rng), /Beta/);
});

test("mixupBatch mixes clips and targets with the same λ; targets still sum to 1", () => {
  const b = 4,
    per = 3,
    C = 2;
  const x = Float32Array.from({ length: b * per }, (_, i) => Math.floor(i / per));
  const t = new Float32Array(b * C);
  for (let i = 0; i < b; i++) t[i * C + (i % 2)] = 1;
  const x0 = x.slice();
  const lam = mixupBatch(x, t, b, per, C, 0.4, new Rng(5));
  assert.ok(lam >= 0 && lam <= 1);
  for (let i = 0; i < b; i++) {
    assert.ok(Math.abs(t[i * C] + t[i * C + 1] - 1) < 1e-6);
    // each clip is λ·own + (1−λ)·other: x[i] − λ·x0[i] is (1−λ) times some clip's value
    const other = (x[i * per] - lam * x0[i * per]) / (1 - lam || 1);
    assert.ok(lam > 0.999 || [0, 1, 2, 3].some((v) => Math.abs(v - other) < 1e-4), `clip ${i}: ${other}`);
  }
});
