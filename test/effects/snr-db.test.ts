import { test } from "node:test";
import assert from "node:assert/strict";
import { snrDb } from "../../src/effects/snr-db";
import { addNoise } from "../../src/augment/add-noise";
import { Rng } from "../../src/util/rng";

test("noise of a tenth of the amplitude is 20 dB below the signal", () => {
  const clean = Float32Array.from({ length: 1000 }, (_, i) => (i % 2 ? 0.5 : -0.5));
  const noisy = clean.map((v, i) => v + (i % 2 ? 0.05 : -0.05));
  assert.ok(Math.abs(snrDb(clean, noisy) - 20) < 1e-5);
  assert.equal(snrDb(clean, clean), Infinity);
});

test("measures what addNoise asked for", () => {
  const sr = 22050;
  const y = Float32Array.from({ length: 3 * sr }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 220 * i) / sr));
  assert.ok(Math.abs(snrDb(y, addNoise(y, { snrDb: 15 }, new Rng(3))) - 15) < 0.1);
});

test("rejects different lengths, silence and NaN, naming them", () => {
  assert.throws(() => snrDb(new Float32Array([1, 2]), new Float32Array([1])), /clean has 2 samples but noisy has 1/);
  assert.throws(() => snrDb(new Float32Array(3), new Float32Array(3)), /clean is silent/);
  assert.throws(() => snrDb(new Float32Array([1]), new Float32Array([NaN])), /noisy\[0\]=NaN/);
});
