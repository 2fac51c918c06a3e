import { test } from "node:test";
import assert from "node:assert/strict";
import { uniqueLabels } from "../../src/metrics";
import { ParameterError } from "../../src/util/errors";

test("uniqueLabels sorts numbers numerically and strings by code point, as sklearn's unique_labels", () => {
  assert.deepEqual(uniqueLabels([3, 1, 10], Int32Array.of(2, 3)), [1, 2, 3, 10]);
  assert.deepEqual(uniqueLabels(["sad", "angry", "Calm"]), ["Calm", "angry", "sad"]); // uppercase first
  // U+FF5E (fullwidth tilde) sorts before U+1F600 in code points, after it in UTF-16 units.
  assert.deepEqual(uniqueLabels(["😀", "～"]), ["～", "😀"]);
});

test("uniqueLabels rejects mixed label types and non-integer numbers", () => {
  assert.throws(
    () => uniqueLabels([0, 1], ["a"]),
    (e: unknown) => e instanceof ParameterError && /Mix of label input types/.test(e.message),
  );
  assert.throws(() => uniqueLabels([0, "a"] as unknown as number[]), /Mix of label input types/);
  assert.throws(() => uniqueLabels([0, 1.5]), /ys\[0\]\[1\]=1.5 is not a class label/);
  assert.throws(() => uniqueLabels([NaN]), /NaN is not a class label/);
});
