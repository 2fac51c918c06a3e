import { test } from "node:test";
import assert from "node:assert/strict";
import { gain } from "../../src/augment/gain";
import { sine } from "../helpers/signals";

const y = sine(440, 22050, 0.5, 0.5);

test("gain by −20·log10(2) dB halves the amplitude (to float32 rounding)", () => {
  const out = gain(y, { db: -20 * Math.log10(2) });
  for (let i = 0; i < y.length; i++) assert.ok(Math.abs(out[i] - y[i] / 2) <= 1e-7 * Math.abs(y[i]) + 1e-12, `sample ${i}: ${out[i]} vs ${y[i] / 2}`);
});

test("gain by −6 dB scales every sample by 10^(−6/20) = 0.50119 (≈ half, within 0.24 %) to ±0.1 %", () => {
  const out = gain(y, { db: -6 });
  let maxIn = 0;
  let maxOut = 0;
  for (let i = 0; i < y.length; i++) {
    maxIn = Math.max(maxIn, Math.abs(y[i]));
    maxOut = Math.max(maxOut, Math.abs(out[i]));
  }
  const ratio = maxOut / maxIn;
  assert.ok(Math.abs(ratio / 0.501187 - 1) < 1e-3, `ratio ${ratio}`);
  assert.ok(Math.abs(ratio / 0.5 - 1) < 3e-3, `ratio ${ratio} is about half`);
});

test("0 dB is the identity and +20 dB multiplies by 10; the input is untouched", () => {
  const copy = Float32Array.from(y);
  assert.deepEqual(gain(y, { db: 0 }), y);
  const up = gain(y, { db: 20 });
  for (let i = 0; i < y.length; i += 97) assert.ok(Math.abs(up[i] - 10 * y[i]) <= 1e-6);
  assert.deepEqual(y, copy);
});

test("rejects NaN, ±Infinity, |db| > 120 and empty audio, naming the value", () => {
  assert.throws(() => gain(y, { db: NaN }), /db=NaN/);
  assert.throws(() => gain(y, { db: Infinity }), /db=Infinity/);
  assert.throws(() => gain(y, { db: 121 }), /db=121/);
  assert.throws(() => gain(new Float32Array(0), { db: 0 }), /empty/);
});
