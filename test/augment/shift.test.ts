import { test } from "node:test";
import assert from "node:assert/strict";
import { randomShift, shift, shiftSamples } from "../../src/augment/shift";
import { Rng } from "../../src/util/rng";
import { noise } from "../helpers/signals";

const sr = 1000; // 1 sample per ms keeps the arithmetic readable
const y = noise(250, 3);

test("roll is a rotation: out[(i + k) mod n] = y[i] for positive and negative shifts", () => {
  for (const ms of [0, 1, 37, -37, 249, 250, 251, -600, 1000]) {
    const out = shift(y, { sr, ms, mode: "roll" });
    const k = shiftSamples(ms, sr);
    for (let i = 0; i < y.length; i++) assert.equal(out[(((i + k) % y.length) + y.length) % y.length], y[i], `ms=${ms} i=${i}`);
  }
});

test("rolling by k then by −k restores the clip, and a roll keeps every sample value", () => {
  const there = shift(y, { sr, ms: 123, mode: "roll" });
  assert.deepEqual(shift(there, { sr, ms: -123, mode: "roll" }), y);
  assert.deepEqual(Float32Array.from(there).sort(), Float32Array.from(y).sort(), "same multiset of samples");
});

test("zero mode delays or advances and fills the gap with zeros", () => {
  const later = shift(y, { sr, ms: 10, mode: "zero" });
  for (let i = 0; i < 10; i++) assert.equal(later[i], 0);
  for (let i = 10; i < y.length; i++) assert.equal(later[i], y[i - 10]);
  const earlier = shift(y, { sr, ms: -10, mode: "zero" });
  for (let i = 0; i < y.length - 10; i++) assert.equal(earlier[i], y[i + 10]);
  for (let i = y.length - 10; i < y.length; i++) assert.equal(earlier[i], 0);
  assert.ok(shift(y, { sr, ms: 300, mode: "zero" }).every((v) => v === 0));
  assert.ok(shift(y, { sr, ms: -300, mode: "zero" }).every((v) => v === 0));
});

test("ms converts to round(ms·sr/1000) samples, half away from zero", () => {
  assert.equal(shiftSamples(100, 22050), 2205);
  assert.equal(shiftSamples(0.5, 1000), 1);
  assert.equal(shiftSamples(-0.5, 1000), -1);
  const out = shift(y, { sr: 22050, ms: 1000 / 22050, mode: "zero" }); // one sample
  assert.equal(out[0], 0);
  assert.equal(out[1], y[0]);
});

test("randomShift draws ms uniformly within the range, deterministically per seed", () => {
  const a = randomShift(y, sr, { ms: [-50, 20] }, new Rng(5));
  const b = randomShift(y, sr, { ms: [-50, 20] }, new Rng(5));
  assert.equal(a.ms, b.ms);
  assert.deepEqual(a.y, b.y);
  const rng = new Rng(9);
  const draws = Array.from({ length: 200 }, () => randomShift(y, sr, { ms: [-50, 20], mode: "zero" }, rng).ms);
  assert.ok(draws.every((v) => v >= -50 && v <= 20));
  assert.ok(Math.min(...draws) < -40 && Math.max(...draws) > 10, "draws cover the range");
});

test("rejects a non-finite shift, an unknown mode, a reversed range, empty audio", () => {
  assert.throws(() => shift(y, { sr, ms: NaN }), /ms=NaN/);
  assert.throws(() => shift(y, { sr, ms: 1e9 }), /ms=1000000000/);
  assert.throws(() => shift(y, { sr, ms: 1, mode: "wrap" as "roll" }), /mode="wrap"/);
  assert.throws(() => shift(y, { sr: 0, ms: 1 }), /sr=0/);
  assert.throws(() => randomShift(y, sr, { ms: [5, -5] }, new Rng(1)), /ms\[0\] ≤ ms\[1\]/);
  assert.throws(() => shift(new Float32Array(0), { sr, ms: 1 }), /empty/);
});
