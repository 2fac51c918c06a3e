import { test } from "node:test";
import assert from "node:assert/strict";
import { addNoise, noiseStd } from "../../src/augment/add-noise";
import { Rng } from "../../src/util/rng";
import { sine, chirp } from "../helpers/signals";
import { powerDb } from "./measure";

const sr = 22050;

test("noise at 10 dB SNR measures 10 ± 0.1 dB (3 s tone and chirp, several seeds)", () => {
  for (const y of [sine(440, sr, 3), chirp(100, 8000, sr, 3)]) {
    for (const seed of [1, 2, 3]) {
      const out = addNoise(y, { snrDb: 10 }, new Rng(seed));
      const n = out.map((v, i) => v - y[i]);
      const snr = powerDb(y) - powerDb(n);
      assert.ok(Math.abs(snr - 10) < 0.1, `seed ${seed}: SNR ${snr.toFixed(3)} dB`);
    }
  }
});

test("the noise is white Gaussian: mean ≈ 0, kurtosis ≈ 3, lag-1 correlation ≈ 0", () => {
  const y = new Float32Array(sr * 3).fill(0.25);
  const out = addNoise(y, { snrDb: 0 }, new Rng(4));
  const n = Array.from(out, (v) => v - 0.25);
  const m = n.reduce((s, v) => s + v, 0) / n.length;
  const v2 = n.reduce((s, v) => s + (v - m) ** 2, 0) / n.length;
  const k = n.reduce((s, v) => s + (v - m) ** 4, 0) / n.length / (v2 * v2);
  let c = 0;
  for (let i = 1; i < n.length; i++) c += (n[i] - m) * (n[i - 1] - m);
  c /= (n.length - 1) * v2;
  assert.ok(Math.abs(m) < 0.01 * Math.sqrt(v2) * 3, `mean ${m}`);
  assert.ok(Math.abs(k - 3) < 0.1, `kurtosis ${k}`);
  assert.ok(Math.abs(c) < 0.02, `lag-1 correlation ${c}`);
  assert.ok(Math.abs(Math.sqrt(v2) / 0.25 - 1) < 0.02, `std ${Math.sqrt(v2)} (0 dB SNR on a DC of 0.25)`);
});

test("amp mode: standard deviation amp·max|y| (the seed project's 0.035·U·amax scale)", () => {
  const y = sine(440, sr, 3, 0.8);
  assert.ok(Math.abs(noiseStd(y, { amp: 0.035 }) - 0.035 * 0.8) < 1e-6);
  const out = addNoise(y, { amp: 0.035 }, new Rng(8));
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (out[i] - y[i]) ** 2;
  const std = Math.sqrt(s / y.length);
  assert.ok(Math.abs(std / (0.035 * 0.8) - 1) < 0.02, `std ${std}`);
});

test("deterministic per seed, different across seeds, input untouched", () => {
  const y = sine(440, sr, 0.5);
  const copy = Float32Array.from(y);
  const a = addNoise(y, { snrDb: 20 }, new Rng(11));
  assert.deepEqual(addNoise(y, { snrDb: 20 }, new Rng(11)), a);
  assert.notDeepEqual(addNoise(y, { snrDb: 20 }, new Rng(12)), a);
  assert.deepEqual(y, copy);
});

test("a silent clip stays silent (σ = 0), in both modes", () => {
  const y = new Float32Array(100);
  assert.ok(addNoise(y, { snrDb: 10 }, new Rng(1)).every((v) => v === 0));
  assert.ok(addNoise(y, { amp: 0.1 }, new Rng(1)).every((v) => v === 0));
});

test("rejects NaN, out-of-range values, both or neither fields, empty or non-finite audio", () => {
  const y = sine(440, sr, 0.1);
  assert.throws(() => addNoise(y, { snrDb: NaN }, new Rng(1)), /snrDb=NaN/);
  assert.throws(() => addNoise(y, { snrDb: 500 }, new Rng(1)), /snrDb=500/);
  assert.throws(() => addNoise(y, { amp: -0.1 }, new Rng(1)), /amp=-0.1/);
  assert.throws(() => addNoise(y, { amp: 0.1, snrDb: 10 } as never, new Rng(1)), /exactly one of snrDb or amp/);
  assert.throws(() => addNoise(y, {} as never, new Rng(1)), /exactly one of snrDb or amp/);
  assert.throws(() => addNoise(new Float32Array(0), { snrDb: 10 }, new Rng(1)), /empty/);
  assert.throws(() => addNoise(Float32Array.of(0, NaN), { snrDb: 10 }, new Rng(1)), /y\[1\]=NaN/);
});
