import { test } from "node:test";
import assert from "node:assert/strict";
import { FLOAT32_TINY, FLOAT64_TINY, isPowerOfTwo } from "../../src/util/numeric";
import * as normalize from "../../src/dsp/normalize";

test("FLOAT32_TINY and FLOAT64_TINY are the smallest normal numbers (numpy's finfo.tiny)", () => {
  assert.equal(FLOAT32_TINY, 2 ** -126);
  assert.equal(Math.fround(FLOAT32_TINY), FLOAT32_TINY, "exact in float32");
  assert.equal(FLOAT64_TINY, 2 ** -1022);
  assert.equal(FLOAT64_TINY, 2.2250738585072014e-308);
  assert.equal(normalize.FLOAT32_TINY, FLOAT32_TINY, "dsp/normalize re-exports the one constant");
  assert.equal(normalize.FLOAT64_TINY, FLOAT64_TINY);
});

test("isPowerOfTwo: 2^k for k ≥ 0, beyond 32 bits too; nothing else", () => {
  for (let k = 0; k <= 60; k++) assert.equal(isPowerOfTwo(2 ** k), true, `2^${k}`);
  for (const n of [0, -1, -2, -8, 3, 6, 12, 1000, 2 ** 31 - 1, 2 ** 31 + 2, 2 ** 40 + 2 ** 20, 0.5, 1.5, NaN, Infinity, -Infinity]) {
    assert.equal(isPowerOfTwo(n), false, String(n));
  }
});
