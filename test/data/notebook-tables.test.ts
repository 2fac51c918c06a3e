// Notebook tables of the data layer: group means, splits written as ranges, and the split summary.
import { test } from "node:test";
import assert from "node:assert/strict";
import { meanBy } from "../../src/data/mean-by";
import { parseActorSplit } from "../../src/data/parse-actor-split";
import { splitSummary } from "../../src/data/split-summary";
import { splitByActor } from "../../src/data/split";

test("meanBy: the mean per group, emotions in EMOTIONS order", () => {
  const rows = [
    { emotion: "sad", rms: 0.01 },
    { emotion: "angry", rms: 0.05 },
    { emotion: "angry", rms: 0.03 },
    { emotion: "neutral", rms: 0.02 },
  ];
  const m = meanBy(rows, "emotion", "rms");
  assert.deepEqual(Object.keys(m), ["neutral", "sad", "angry"]);
  assert.ok(Math.abs(m.angry - 0.04) < 1e-15);
  assert.equal(m.sad, 0.01);
});

test("meanBy names a row whose value is not a finite number", () => {
  assert.throws(() => meanBy([{ g: "a", v: 1 }, { g: "a", v: NaN }], "g", "v"), /records\[1\]\.v=NaN must be a finite number/);
  assert.throws(() => meanBy([{ g: "a", v: "1" as unknown as number }], "g", "v"), /records\[0\]\.v="1"/);
});

test("parseActorSplit: ranges and lists, actors in no set left out", () => {
  const spec = parseActorSplit({ train: "1-4", val: [5], test: "" });
  assert.deepEqual(spec, { train: [1, 2, 3, 4], val: [5], test: [], ignore: "rest" });
  const clips = [1, 2, 5, 6, 9].map((actor) => ({ actor }));
  const split = splitByActor(clips, spec);
  assert.deepEqual(split.train.map((c) => c.actor), [1, 2]);
  assert.deepEqual(split.val.map((c) => c.actor), [5]);
  assert.throws(() => parseActorSplit({ train: "1-x" }), /1-x/);
});

test("splitSummary: actors, clips and genders per set; copies only for augmented items", () => {
  const sets = { train: [{ actor: 1 }, { actor: 2 }, { actor: 2 }], val: [{ actor: 3 }], test: [] };
  assert.deepEqual(splitSummary(sets), [
    { split: "train", actors: "1, 2", clips: 3, female: 2, male: 1 },
    { split: "val", actors: "3", clips: 1, female: 0, male: 1 },
    { split: "test", actors: "", clips: 0, female: 0, male: 0 },
  ]);
  const items = { train: [{ actor: 1 }, { actor: 1, augmentation: { kind: "noise" } }], val: [{ actor: 4 }], test: [{ actor: 6 }] };
  const rows = splitSummary(items);
  assert.equal(rows[0].originals, 1);
  assert.equal(rows[0]["augmented copies"], 1);
  assert.equal(rows[1]["augmented copies"], 0);
});
