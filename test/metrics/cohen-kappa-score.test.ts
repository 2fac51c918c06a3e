import { test } from "node:test";
import assert from "node:assert/strict";
import { cohenKappaScore } from "../../src/metrics";
import { checkAgainstSklearn } from "./sklearn-fixtures";

test("cohenKappaScore (unweighted, linear, quadratic, with labels) matches scikit-learn", () => {
  const r = checkAgainstSklearn(["cohen_kappa_score"]);
  assert.ok(r.records >= 27);
  assert.deepEqual(r.failures, []);
  assert.ok(r.maxAbs <= 1e-12, `max abs diff ${r.maxAbs}`);
});

test("known answers: sklearn's example, perfect agreement, symmetry", () => {
  const y1 = ["negative", "positive", "negative", "neutral", "positive"];
  const y2 = ["negative", "positive", "negative", "neutral", "negative"];
  assert.equal(cohenKappaScore(y1, y2), 0.6875);
  assert.equal(cohenKappaScore(y2, y1), 0.6875);
  assert.equal(cohenKappaScore([0, 1, 2, 0], [0, 1, 2, 0], { weights: "quadratic" }), 1);
});

test("undefined kappa returns replaceUndefinedBy with sklearn's warning", () => {
  const seen: string[] = [];
  const k = cohenKappaScore([1, 1, 1], [1, 1, 1], { replaceUndefinedBy: 0, onWarning: (m, c) => seen.push(`${c}: ${m}`) });
  assert.equal(k, 0);
  assert.equal(seen.length, 2);
  assert.match(seen[0], /^UserWarning: A single label was found/);
  assert.equal(
    seen[1],
    "UndefinedMetricWarning: `y1`, `y2` and `labels` have only one label in common. `cohen_kappa_score` is undefined and set to the value defined by the the `replace_undefined_by` param, which is set to 0.0.",
  );
  assert.ok(Number.isNaN(cohenKappaScore([1, 1], [1, 1], { onWarning: null })));
  assert.throws(() => cohenKappaScore([0, 1], [1, 1], { labels: [5] }), /At least one label in `labels` must be present in `y1`/);
  assert.throws(() => cohenKappaScore([0, 1], [1, 1], { weights: "cubic" as never }), /weights="cubic" must be one of/);
});
