import { test } from "node:test";
import assert from "node:assert/strict";
import { isNormOrder, normalize } from "../../src/dsp/normalize";
import { mel } from "../../src/dsp/mel";
import { chromaFilters } from "../../src/dsp/chroma-filters";
import { cqt } from "../../src/dsp/cqt";
import { fromRows } from "../../src/util/matrix";

test("isNormOrder: numbers ≥ 0, +Infinity and −Infinity; not NaN, negatives or other types", () => {
  for (const v of [0, 1, 2, 0.5, Infinity, -Infinity]) assert.equal(isNormOrder(v), true, String(v));
  for (const v of [-1, -0.5, NaN, "l2", null, undefined]) assert.equal(isNormOrder(v), false, String(v));
});

test("every norm option refuses a negative or NaN order the same way", () => {
  const S = fromRows([
    [1, 2],
    [3, 4],
  ]);
  assert.throws(() => normalize(S, { norm: -1 }), /Unsupported norm: -1/);
  assert.throws(() => normalize(S, { norm: NaN }), /Unsupported norm: NaN/);
  assert.throws(() => mel({ norm: -2 }), /norm=-2 is not supported/);
  assert.throws(() => chromaFilters({ norm: NaN }), /norm=NaN must be a number ≥ 0, ±Infinity or null/);
  assert.throws(() => cqt(new Float32Array(4096), { norm: -3 }), /norm=-3 must be a number ≥ 0, ±Infinity or null/);
  assert.deepEqual(Array.from(normalize(S, { norm: -Infinity }).data), [1, 1, 3, 2], "−Infinity: each column divided by its smallest |x|");
});
