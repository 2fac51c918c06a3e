// Tuning glue: trials around a recipe, the trials table with defaults filled in, setting effects,
// the recipe's own settings, recipes with overrides, and bestRun's chosen row.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { trialsAround, expandJointKeys } from "../../src/experiment/trials-around";
import { trialsTable } from "../../src/experiment/trials-table";
import { settingEffects } from "../../src/experiment/setting-effects";
import { recipeSettings } from "../../src/experiment/recipe-settings";
import { recipeWithOverrides, readRecipe } from "../../src/experiment/recipe";
import { resolvedSettings } from "../../src/experiment/resolved-settings";
import { bestRun } from "../../src/experiment/best-run";
import { experimentConfig, withOverrides, type PartialExperimentConfig } from "../../src/experiment/config";

const recipe: PartialExperimentConfig = { model: { pooling: "attention" }, training: { mixupAlpha: 0.4 } };

test("trialsAround: the recipe first, then distinct draws that change it", () => {
  const space = { "model.pooling": ["attention", "mean"], "training.mixupAlpha": [0.4, 0], "model.bidirectional": [false] };
  const trials = trialsAround(recipe, space, 10, 7);
  assert.deepEqual(trials[0], {});
  // 4 combinations; the one equal to the recipe (attention, 0.4, bidirectional false = the default) is left out
  assert.equal(trials.length, 4);
  const keys = trials.slice(1).map((t) => `${t["model.pooling"]}/${t["training.mixupAlpha"]}`);
  assert.equal(new Set(keys).size, 3);
  assert.ok(!keys.includes("attention/0.4"));
  assert.deepEqual(trialsAround(recipe, space, 10, 7), trials, "same seed, same trials");
  assert.equal(trialsAround(recipe, space, 1, 7).length, 2);
});

test("trialsAround: joint keys are one dimension; settings equal to defaults count as unchanged", () => {
  const space = {
    "model.lstmLayers+model.residual": [
      [1, false],
      [2, true],
    ],
  };
  const trials = trialsAround(recipe, space, 5, 1);
  assert.deepEqual(trials, [{}, { "model.lstmLayers": 2, "model.residual": true }]);
  assert.deepEqual(expandJointKeys({ "a.b+c.d": [1, 2], e: 3 }), { "a.b": 1, "c.d": 2, e: 3 });
  assert.throws(() => expandJointKeys({ "a.b+c.d": [1] }), /each value must be an array of 2 values/);
  assert.throws(() => trialsAround(recipe, { "model.pooling": ["sideways"] }, 2, 1), /trial \{"model.pooling":"sideways"\} is not a valid config: pooling/);
});

test("resolvedSettings fills the network's defaults in", () => {
  const s = resolvedSettings(experimentConfig(recipe));
  assert.equal(s["model.pooling"], "attention");
  assert.equal(s["model.lstmUnits"], 64);
  assert.equal(s["model.residual"], false);
  assert.equal("model.seed" in s || "name" in s || "dataRoot" in s, false);
  assert.deepEqual(resolvedSettings(withOverrides(recipe, { "training.specAugment": {} }))["training.specAugment"], {});
  assert.deepEqual(s["model.filters"], [128, 64]);
});

function fakeRun(dir: string, name: string, overrides: Record<string, unknown>, valF1: number, at: string): void {
  const d = path.join(dir, name);
  fs.mkdirSync(d, { recursive: true });
  const config = withOverrides({ ...recipe, name, dataRoot: "/data" }, overrides);
  const ev = { n: 10, accuracy: valF1 + 0.02, macroF1: valF1 };
  fs.writeFileSync(path.join(d, "config.json"), JSON.stringify(config));
  fs.writeFileSync(path.join(d, "history.json"), JSON.stringify({ epochs: [] }));
  fs.writeFileSync(
    path.join(d, "metrics.json"),
    JSON.stringify({
      name,
      createdAt: at,
      val: ev,
      test: { ...ev, accuracy: 0.99 },
      sizes: {},
      training: { epochs: 3, bestEpoch: 2, secondsPerEpoch: 1, seconds: 3 },
      inputShape: [130, 177],
    }),
  );
}

test("trialsTable: best validation first, test hidden, defaults of searched settings filled in", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ser-trials-"));
  try {
    fakeRun(dir, "tune-01", {}, 0.5, "2026-01-01T00:00:01Z");
    fakeRun(dir, "tune-02", { "model.bidirectional": true, "training.specAugment": {} }, 0.6, "2026-01-01T00:00:02Z");
    fakeRun(dir, "tune-baseline", { "model.pooling": "mean" }, 0.9, "2026-01-01T00:00:03Z");
    const t = trialsTable(dir, {
      filter: /^tune-\d+$/,
      include: ["model.bidirectional", "model.lstmLayers+model.residual", "model.pooling", "training.specAugment"],
    });
    assert.deepEqual(
      t.map((r) => r.name),
      ["tune-02", "tune-01"],
    );
    assert.equal(t[1]["model.bidirectional"], "false", "the default, not null");
    assert.equal(t[0]["model.bidirectional"], "true");
    assert.equal(t[0]["model.lstmLayers"], 1);
    assert.equal(t[0]["model.residual"], "false");
    assert.equal(t[0]["model.pooling"], "attention");
    assert.equal(t[0]["training.specAugment"], "{}", "an empty options object is a value");
    assert.equal(t[1]["training.specAugment"], "false");
    assert.ok(!("test.accuracy" in t[0]));
    assert.deepEqual(
      trialsTable(dir, { names: ["tune-01", "tune-baseline"] }).map((r) => r.name),
      ["tune-baseline", "tune-01"],
    );
    const best = bestRun(dir, { filter: /^tune-/ });
    assert.equal(best.name, "tune-baseline");
    assert.equal(best.row.name, "tune-baseline");
    assert.equal(best.row["val.macroF1"], 0.9);
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
});

test("settingEffects: mean and best score per value of each setting", () => {
  const rows = [
    { a: "x", b: 1, c: 1, s: 0.5 },
    { a: "x", b: 2, c: 2, s: 0.7 },
    { a: "y", b: 1, c: 1, s: 0.4 },
  ];
  const e = settingEffects(rows, ["a", "b+c"], "s");
  assert.deepEqual(
    e.map((r) => [r.setting, r.value, r.trials]),
    [
      ["a", "x", 2],
      ["a", "y", 1],
      ["b+c", "2, 2", 1],
      ["b+c", "1, 1", 2],
    ],
  );
  assert.ok(Math.abs(e[0].mean - 0.6) < 1e-12);
  assert.equal(e[0].best, 0.7);
  assert.throws(() => settingEffects([{ a: 1, s: null }], ["a"], "s"), /rows\[0\]\.s=null must be a finite number/);
});

test("recipeSettings: the recipe's settings and the notebook's overrides, not the defaults or dataRoot", () => {
  const config = recipeWithOverrides(readRecipe("configs/best.json"), {
    name: "t",
    seed: 3,
    actors: "1-6",
    split: { train: "1-4", val: "5", test: "6" },
    epochs: 2,
  });
  const rows = recipeSettings(config, "configs/best.json");
  const get = (k: string) => rows.find((r) => r.setting === k)?.value;
  assert.equal(get("name"), "t");
  assert.equal(get("actors"), "[1,2,3,4,5,6]");
  assert.equal(get("split.val"), "[5]");
  assert.equal(get("training.epochs"), "2");
  assert.equal(get("model.pooling"), "attention");
  assert.equal(get("training.mixupAlpha"), "0.4");
  assert.equal(get("training.schedule"), undefined, "a default the recipe does not set");
  assert.equal(get("dataRoot"), undefined);
});

test("recipeWithOverrides: unset overrides keep the config's values", () => {
  const run = experimentConfig({ name: "r", actors: [1, 2, 3], training: { epochs: 9 } });
  const same = recipeWithOverrides(run, { actors: undefined, epochs: 0 });
  assert.deepEqual(same.actors, [1, 2, 3]);
  assert.equal(same.training.epochs, 9);
  assert.equal(recipeWithOverrides(run, { actors: "", epochs: 2 }).actors, null);
  assert.equal(recipeWithOverrides(run, { epochs: 2 }).training.epochs, 2);
});
