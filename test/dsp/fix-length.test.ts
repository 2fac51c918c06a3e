import { test } from "node:test";
import assert from "node:assert/strict";
import { fixLength } from "../../src/dsp/fix-length";
import { ParameterError } from "../../src/util/errors";

const arr = (...v: number[]) => Float32Array.from(v);

test("trims at the end", () => assert.deepEqual(fixLength(arr(1, 2, 3, 4), { size: 2 }), arr(1, 2)));

test("pads with zeros at the end by default (librosa.util.fix_length)", () => assert.deepEqual(fixLength(arr(1, 2, 3), { size: 5 }), arr(1, 2, 3, 0, 0)));

test("returns the same array when the length already fits, a new one otherwise", () => {
  const y = arr(1, 2);
  assert.equal(fixLength(y, { size: 2 }), y);
  const t = fixLength(y, { size: 1 });
  t[0] = 9;
  assert.equal(y[0], 1);
});

test("edge and reflect modes follow numpy.pad, including pads longer than the signal", () => {
  assert.deepEqual(fixLength(arr(1, 2), { size: 6, mode: "edge" }), arr(1, 2, 2, 2, 2, 2));
  // np.pad([1,2,3], (0,5), "reflect") and np.pad([1,2,3,4], (0,9), "reflect")
  assert.deepEqual(fixLength(arr(1, 2, 3), { size: 8, mode: "reflect" }), arr(1, 2, 3, 2, 1, 2, 3, 2));
  assert.deepEqual(fixLength(arr(1, 2, 3, 4), { size: 13, mode: "reflect" }), arr(1, 2, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1));
  assert.deepEqual(fixLength(arr(5), { size: 4, mode: "reflect" }), arr(5, 5, 5, 5));
});

test("size 0 and empty input", () => {
  assert.deepEqual(fixLength(arr(1, 2), { size: 0 }), arr());
  assert.deepEqual(fixLength(arr(), { size: 3 }), arr(0, 0, 0));
  assert.throws(() => fixLength(arr(), { size: 3, mode: "edge" }), /cannot pad an empty signal/);
});

test("rejects a bad size or mode", () => {
  assert.throws(
    () => fixLength(arr(1), { size: -1 }),
    (e: unknown) => e instanceof ParameterError && /size=-1/.test(e.message),
  );
  assert.throws(() => fixLength(arr(1), { size: 2.5 }), /size=2.5/);
  assert.throws(() => fixLength(arr(1), { size: 3, mode: "wrap" as "edge" }), /mode="wrap"/);
});
