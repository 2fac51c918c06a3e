// End to end on real RAVDESS clips (4 actors, 2 epochs): the run folder, speaker independence,
// augmentation on training clips only, reproducibility from the saved config, atomic writes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ravdessRoot } from "../helpers/ravdess";
import { runExperiment, loadRun, loadPredictions, runsTable, listRunDirs, predictFiles, type RunResult } from "../../src/experiment";
import { loadBundle } from "../../src/model/bundle";

let root: string;
let runsDir: string;
let cacheDir: string;
let first: RunResult;
const tiny = (name: string) => ({
  name,
  actors: [1, 2, 3, 4],
  split: { train: "1-2", val: "3", test: "4" },
  augmentation: "seed" as const,
  training: { epochs: 2, batchSize: 32 },
});

before(async () => {
  root = await ravdessRoot();
  runsDir = fs.mkdtempSync(path.join(os.tmpdir(), "ser-runs-"));
  cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "ser-cache-"));
  first = await runExperiment({ ...tiny("first"), dataRoot: root }, { runsDir, cacheDir, workers: 2 });
});
after(() => {
  fs.rmSync(runsDir, { recursive: true, force: true });
  fs.rmSync(cacheDir, { recursive: true, force: true });
});

test("a run writes config, history, metrics, predictions and a model bundle, and nothing else", () => {
  assert.deepEqual(fs.readdirSync(first.dir).sort(), ["config.json", "history.json", "metrics.json", "model", "predictions.json"]);
  assert.ok(fs.existsSync(path.join(first.dir, "model", "bundle.json")));
  assert.deepEqual(fs.readdirSync(runsDir), ["first"], "no temporary folder left behind");
  const saved = loadRun(first.dir);
  assert.equal(saved.history.epoch.length, 2);
  assert.equal(saved.metrics.val!.n, 60);
  assert.equal(saved.metrics.test!.n, 60);
});

test("augmented copies exist for training clips only; val/test are the originals of their actors", () => {
  const m = first.metrics;
  assert.equal(m.sizes.trainOriginal, 120);
  assert.equal(m.sizes.train, 3 * 120, "seed policy: a noisy copy and a stretched-then-pitched copy of every training clip");
  const preds = loadPredictions(first.dir);
  assert.equal(preds.length, 120);
  assert.ok(preds.every((p) => (p.split === "val" ? p.actor === 3 : p.actor === 4)));
  assert.equal(new Set(preds.map((p) => p.path)).size, 120, "each held-out clip scored once, no copies");
  for (const p of preds) assert.ok(Math.abs(p.probabilities.reduce((a, b) => a + b, 0) - 1) < 1e-4);
});

test("re-running the saved config reproduces the run", async () => {
  const config = JSON.parse(fs.readFileSync(path.join(first.dir, "config.json"), "utf8"));
  const again = await runExperiment({ ...config, name: "again" }, { runsDir, cacheDir, workers: 2 });
  assert.equal(again.metrics.extraction.cacheHits, again.metrics.extraction.total, "features served from the cache");
  assert.deepEqual(
    again.history.history.loss.map((v) => +v.toFixed(5)),
    first.history.history.loss.map((v) => +v.toFixed(5)),
  );
  assert.equal(again.metrics.val!.accuracy, first.metrics.val!.accuracy);
  assert.deepEqual(again.metrics.test!.confusion, first.metrics.test!.confusion);
  const table = runsTable(listRunDirs(runsDir));
  assert.deepEqual(
    table.map((r) => r.name),
    ["first", "again"],
  );
});

test("the saved bundle predicts the held-out clips as the run did", async () => {
  const bundle = await loadBundle(path.join(first.dir, "model"));
  const preds = loadPredictions(first.dir)
    .filter((p) => p.split === "test")
    .slice(0, 3);
  const out = predictFiles(
    bundle,
    preds.map((p) => p.path),
  );
  out.forEach((o, i) => {
    assert.ok("emotion" in o, JSON.stringify(o));
    if ("emotion" in o) {
      assert.equal(o.emotion, preds[i].predicted);
      bundle.labels.forEach((l, k) => assert.ok(Math.abs(o.probabilities[l] - preds[i].probabilities[k]) < 1e-5));
    }
  });
});

test("an existing run name is refused, and a failed run leaves no folder", async () => {
  await assert.rejects(runExperiment({ ...tiny("first"), dataRoot: root }, { runsDir, cacheDir }), /a run named "first" already exists/);
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), "ser-empty-"));
  try {
    await assert.rejects(runExperiment({ ...tiny("broken"), dataRoot: empty }, { runsDir, cacheDir }), /no RAVDESS clips found/);
    assert.ok(!fs.readdirSync(runsDir).some((n) => n.includes("broken")));
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
});
