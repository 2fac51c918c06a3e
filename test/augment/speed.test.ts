import { test } from "node:test";
import assert from "node:assert/strict";
import { speed } from "../../src/augment/speed";
import { sine } from "../helpers/signals";
import { peakFrequency } from "./measure";

const sr = 22050;

test("speed 1.1 makes a 440 Hz tone 484 Hz (± 1 Hz) and ⌈n / 1.1⌉ samples long", () => {
  const y = sine(440, sr, 3);
  for (const [factor, f0] of [
    [1.1, 484],
    [0.9, 396],
  ]) {
    const out = speed(y, { sr, factor });
    assert.equal(out.length, Math.ceil(y.length / factor));
    const f = peakFrequency(out, sr, 8192, 32768);
    assert.ok(Math.abs(f - f0) < 1, `factor ${factor}: ${f.toFixed(3)} Hz, expected ${f0}`);
  }
});

test("factor 1 returns an equal copy, not the input itself", () => {
  const y = sine(440, sr, 0.1);
  const out = speed(y, { sr, factor: 1 });
  assert.notEqual(out, y);
  assert.deepEqual(out, y);
});

test("rejects factors outside [0.25, 4], NaN, sr ≤ 0", () => {
  const y = sine(440, sr, 0.1);
  for (const f of [0, -1, NaN, 0.2, 5]) assert.throws(() => speed(y, { sr, factor: f }), new RegExp(`factor=${f}`));
  assert.throws(() => speed(y, { sr: -1, factor: 1.1 }), /sr=-1/);
});
