import { test } from "node:test";
import assert from "node:assert/strict";
import { experimentConfig, withOverrides, flattenConfig, augmentationPolicy, DEFAULT_EXPERIMENT } from "../../src/experiment/config";
import { DEFAULT_ACTOR_SPLIT } from "../../src/data/split";
import fs from "node:fs";
import { projectPath } from "../../src/util/paths";

test("defaults: the issue's split, seed augmentation, the seed network, summary features", () => {
  const c = experimentConfig({ name: "x" });
  assert.deepEqual(c.split.train, [...DEFAULT_ACTOR_SPLIT.train]);
  assert.deepEqual(c.split.val, [17, 18, 19, 20]);
  assert.deepEqual(c.split.test, [21, 22, 23, 24]);
  assert.equal(c.augmentation, "seed");
  assert.equal(c.normalization, "global");
  assert.equal(c.features.representation, "summary");
  assert.equal(c.training.epochs, DEFAULT_EXPERIMENT.training.epochs);
  assert.match(experimentConfig().name, /^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d$/);
});

test("actor ranges are parsed, and overlapping splits are rejected naming the actor", () => {
  const c = experimentConfig({ split: { train: "1-12", val: "13-16", test: "17-20" } });
  assert.deepEqual(c.split.val, [13, 14, 15, 16]);
  assert.throws(() => experimentConfig({ split: { train: "1-12", val: "12-16" } }), /actor 12 is in both split.train and split.val/);
  assert.throws(() => experimentConfig({ split: { train: [] } }), /split.train is empty/);
});

test("unknown fields and bad values are named", () => {
  assert.throws(() => experimentConfig({ epochs: 3 } as never), /unknown experiment field "epochs"/);
  assert.throws(() => experimentConfig({ training: { epoch: 3 } as never }), /unknown training field "epoch"/);
  assert.throws(() => experimentConfig({ training: { epochs: 0 } }), /training.epochs=0 must be a positive integer/);
  assert.throws(() => experimentConfig({ augmentation: "lots" as never }), /augmentation="lots" must be one of none, seed, varied/);
  assert.throws(() => experimentConfig({ normalization: "per-clip" as never }), /normalization="per-clip" must be "global", "speaker" or "utterance"/);
  assert.throws(() => experimentConfig({ features: { nMfcc: 0 } }), /nMfcc=0 must be a positive integer/);
});

test("dotted overrides reach nested fields and are checked", () => {
  const c = withOverrides({ name: "a" }, { "training.learningRate": 5e-4, "features.representation": "sequence", augmentation: "none", "model.lstmUnits": 96 });
  assert.equal(c.training.learningRate, 5e-4);
  assert.equal(c.features.representation, "sequence");
  assert.equal(c.augmentation, "none");
  assert.equal(c.model.lstmUnits, 96);
  assert.throws(() => withOverrides({}, { "trainin.epochs": 3 }), /"trainin" is not an experiment field/);
  assert.throws(() => withOverrides({}, { "training.batchSize": -1 }), /training.batchSize=-1/);
});

test("a config survives JSON and flattens to dotted keys", () => {
  const c = experimentConfig({ name: "j", split: { train: "1-4", val: "5", test: "6" } });
  assert.deepEqual(experimentConfig(JSON.parse(JSON.stringify(c))), c);
  const flat = flattenConfig(c);
  assert.equal(flat["training.batchSize"], c.training.batchSize);
  assert.equal(flat["split.val"], "[5]");
  assert.equal(augmentationPolicy("none").copies.length, 0);
});

test("the committed recipes in configs/ are valid configs and say what configs/README.md says", () => {
  const read = (name: string) => experimentConfig(JSON.parse(fs.readFileSync(projectPath("configs", name), "utf8")));
  const best = read("best.json");
  assert.equal(best.features.representation, "sequence");
  assert.deepEqual([...best.features.features], ["mfcc", "mel", "contrast", "zcr", "rms"]);
  assert.equal(best.normalization, "speaker");
  assert.deepEqual(best.split, { train: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], val: [13, 14, 15, 16], test: [17, 18, 19, 20] });
  const seed = read("seed.json");
  assert.equal(seed.features.representation, "summary");
  assert.equal(seed.normalization, "global");
  assert.equal(augmentationPolicy(seed.augmentation).copies.length, 2);
});
