// Config validation of issue 11 (defects 8 and 15): a single actor is a valid split; a non-finite
// learning rate and a config that is not an object are refused before any work starts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { experimentConfig, withOverrides } from "../../src/experiment/config";
import { parseSetArgs } from "../../src/notebook/params";
import { ParameterError } from "../../src/util/errors";

test("--set split.val=3 (a single actor, parsed as the number 3) is accepted", () => {
  const c = withOverrides({ split: { train: "1-2", val: "4", test: "" } }, parseSetArgs(["split.val=3"]));
  assert.deepEqual(c.split.val, [3]);
  assert.deepEqual(experimentConfig({ split: { train: 1 as unknown as number[], val: [2], test: [] } }).split.train, [1]);
  assert.throws(() => withOverrides({}, parseSetArgs(["split.val=0"])), /split\.val contains 0: actors are positive integers/);
});

test("learningRate Infinity, NaN-like strings and 0 are refused by the config, naming the field", () => {
  for (const v of ["Infinity", "1e999", "fast", "0", "-1"]) {
    assert.throws(
      () => withOverrides({}, parseSetArgs([`training.learningRate=${v}`])),
      (e: unknown) => e instanceof ParameterError && /training\.learningRate=.* must be a finite number > 0/.test(e.message),
      v,
    );
  }
  assert.throws(() => experimentConfig({ training: { learningRate: Infinity } }), /training\.learningRate=Infinity must be a finite number > 0/);
});

test("a config that is [] or null is refused, not taken as all defaults", () => {
  for (const [v, kind] of [
    [[], "an array"],
    [null, "null"],
    [3, "number"],
  ] as const) {
    assert.throws(
      () => experimentConfig(v as never),
      (e: unknown) => e instanceof ParameterError && new RegExp(`experiment config must be an object .* got ${kind}`).test(e.message),
    );
  }
});
