// The library functions that replaced notebook glue: actor filter, best run, held-out guard,
// recipe loading, most-confused pair.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { clipsOfActors } from "../../src/data/clips-of-actors";
import { assertHeldOutClean } from "../../src/experiment/held-out";
import { loadRecipe } from "../../src/experiment/recipe";
import { bestRun } from "../../src/experiment/best-run";
import { mostConfusedPair } from "../../src/metrics/most-confused";
import { projectPath } from "../../src/util/paths";

const clips = [1, 2, 3, 17, 20].map((actor) => ({ actor, path: `a${actor}.wav` }));

test("clipsOfActors: a range, a list, or everyone", () => {
  assert.deepEqual(
    clipsOfActors(clips, "1-2,20").map((c) => c.actor),
    [1, 2, 20],
  );
  assert.deepEqual(
    clipsOfActors(clips, [3]).map((c) => c.actor),
    [3],
  );
  assert.equal(clipsOfActors(clips, "").length, 5);
  assert.equal(clipsOfActors(clips, null).length, 5);
  assert.throws(() => clipsOfActors(clips, "x"));
});

test("assertHeldOutClean names a leaked or an augmented held-out clip", () => {
  const ok = { train: [{ path: "a" }, { path: "a", augmentation: { kind: "noise" } }], val: [{ path: "b" }], test: [{ path: "c" }] };
  assert.doesNotThrow(() => assertHeldOutClean(ok));
  assert.throws(() => assertHeldOutClean({ ...ok, train: [...ok.train, { path: "c" }] }), /held-out clip c is also in the training set/);
  assert.throws(() => assertHeldOutClean({ ...ok, val: [{ path: "b", augmentation: { kind: "noise" } }] }), /held-out clip b is an augmented copy/);
});

test("loadRecipe applies a notebook's overrides; unset ones keep the recipe", () => {
  const c = loadRecipe("configs/seed.json", { name: "t", actors: "1-4", split: { train: "1-2", val: "3", test: "4" }, epochs: 3 });
  const raw = JSON.parse(fs.readFileSync(projectPath("configs/seed.json"), "utf8"));
  assert.equal(c.name, "t");
  assert.deepEqual(c.actors, [1, 2, 3, 4]);
  assert.equal(c.training.epochs, 3);
  assert.equal(c.training.learningRate, raw.training?.learningRate ?? c.training.learningRate);
  assert.equal(loadRecipe("configs/seed.json", { epochs: 0 }).training.epochs, raw.training?.epochs ?? loadRecipe("configs/seed.json").training.epochs);
  assert.throws(() => loadRecipe("configs/absent.json"), /configs\/absent\.json: no such recipe file/);
});

test("bestRun: no run is a clear error", () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), "ser-best-"));
  try {
    assert.throws(() => bestRun(empty), /no finished run: train one first/);
  } finally {
    fs.rmSync(empty, { recursive: true });
  }
});

test("mostConfusedPair sums both directions", () => {
  const labels = ["neutral", "calm", "sad"];
  assert.deepEqual(
    mostConfusedPair(
      [
        [5, 2, 0],
        [3, 4, 1],
        [0, 2, 6],
      ],
      labels,
    ),
    { a: "neutral", b: "calm", count: 5 },
  );
  assert.equal(
    mostConfusedPair(
      [
        [1, 0],
        [0, 1],
      ],
      ["a", "b"],
    ),
    null,
  );
});
