import { test } from "node:test";
import assert from "node:assert/strict";
import {
  AUGMENTATION_PRESETS,
  NO_AUGMENTATION,
  SEED_AUGMENTATION,
  VARIED_AUGMENTATION,
  augmentTrainingSet,
  copiesPerClip,
  planAugmentations,
  validatePolicy,
  type AugmentationPolicy,
} from "../../src/augment/policy";
import { augmentationKey } from "../../src/augment/spec";
import { Rng } from "../../src/util/rng";
import { assertSpeakerIndependent, splitByActor } from "../../src/data/split";
import { formatRavdessName, parseRavdessName, EMOTIONS, type RavdessClip } from "../../src/data/ravdess";
/** The RAVDESS speech layout of actors 1–20 (names only: 60 clips per actor, as the archive holds). */
async function ravdessClips(): Promise<RavdessClip[]> {
  const out: RavdessClip[] = [];
  for (let actor = 1; actor <= 20; actor++) {
    for (const emotion of EMOTIONS) {
      for (const intensity of emotion === "neutral" ? (["normal"] as const) : (["normal", "strong"] as const)) {
        for (const statement of [1, 2] as const) {
          for (const repetition of [1, 2] as const)
            out.push(parseRavdessName(`Actor_${String(actor).padStart(2, "0")}/${formatRavdessName({ emotion, actor, intensity, statement, repetition })}`));
        }
      }
    }
  }
  return out;
}

const SPLIT_SPEC = { train: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], val: [13, 14, 15, 16], test: [17, 18, 19, 20] };

test("the clip list is RAVDESS speech actors 1–20 (1200 clips)", async () => {
  const clips = await ravdessClips();
  assert.equal(clips.length, 1200);
});

test("augmented copies are made for training clips only; val/test are the untouched originals", async () => {
  const split = splitByActor(await ravdessClips(), SPLIT_SPEC);
  const items = augmentTrainingSet(split, SEED_AUGMENTATION, { seed: 7 });
  assert.equal(items.train.length, split.train.length * (1 + copiesPerClip(SEED_AUGMENTATION)));
  assert.equal(items.train.filter((i) => i.augmentation === undefined).length, split.train.length);
  assert.equal(items.val.length, split.val.length);
  assert.equal(items.test.length, split.test.length);
  assert.ok(
    items.val.every((i) => i.augmentation === undefined && i.split === "val"),
    "no copy of a validation clip is produced",
  );
  assert.ok(
    items.test.every((i) => i.augmentation === undefined && i.split === "test"),
    "no copy of a test clip is produced",
  );
  const trainPaths = new Set(split.train.map((c) => c.path));
  const heldOut = new Set([...split.val, ...split.test].map((c) => c.path));
  for (const item of items.train) {
    assert.ok(trainPaths.has(item.path), `${item.path} is a training clip`);
    assert.ok(!heldOut.has(item.path), `${item.path} (from val/test) reached training`);
  }
});

test("augmented copies carry their source clip's actor, so the split stays speaker-independent", async () => {
  const split = splitByActor(await ravdessClips(), SPLIT_SPEC);
  const items = augmentTrainingSet(split, VARIED_AUGMENTATION, { seed: 3 });
  for (const item of items.train) {
    assert.equal(item.actor, item.clip.actor);
    assert.equal(item.actor, parseRavdessName(item.path).actor);
  }
  assertSpeakerIndependent(items);
  assert.throws(() => assertSpeakerIndependent({ train: items.train, val: [...items.val, items.train[1]] }), /leaks/, "the check can fail");
});

test("the same seed gives the same augmented set; another seed a different one", async () => {
  const split = splitByActor(await ravdessClips(), SPLIT_SPEC);
  const ids = (seed: number) => augmentTrainingSet(split, VARIED_AUGMENTATION, { seed }).train.map((i) => i.id);
  assert.deepEqual(ids(7), ids(7));
  const a = ids(7);
  const b = ids(8);
  assert.equal(a.length, b.length);
  const differing = a.filter((id, i) => id !== b[i]).length;
  const originalsSame = a.every((id, i) => id.includes("#") || id === b[i]);
  assert.ok(originalsSame, "the originals are the same");
  // Parameters are rounded to 4 decimals, so a stretch rate in [0.8, 1.2] can coincide by chance.
  assert.ok(differing > 0.99 * split.train.length * 3, `${differing} of ${split.train.length * 3} copies differ`);
});

test("a clip's plan depends on its path and the seed, not on the order of the clips", async () => {
  const train = splitByActor(await ravdessClips(), SPLIT_SPEC).train;
  const plan = planAugmentations(train, VARIED_AUGMENTATION, new Rng(5));
  const shuffled = new Rng(1).shuffle([...train]);
  const plan2 = planAugmentations(shuffled.slice(0, 100), VARIED_AUGMENTATION, new Rng(5));
  const byPath = new Map(plan.map((p) => [p.clip.path, p.augmentations]));
  for (const p of plan2) assert.deepEqual(p.augmentations, byPath.get(p.clip.path));
});

test("the seed preset is the original's get_features: a noisy copy (amp in [0, 0.035]) and a copy stretched at 0.8 then pitched +0.7", async () => {
  const train = splitByActor(await ravdessClips(), SPLIT_SPEC).train.slice(0, 50);
  const plan = planAugmentations(train, AUGMENTATION_PRESETS.seed, new Rng(2));
  const amps: number[] = [];
  for (const { augmentations } of plan) {
    assert.equal(augmentations.length, 2);
    const [noise, chain] = augmentations;
    assert.ok(noise.kind === "noise" && "amp" in noise && noise.amp >= 0 && noise.amp <= 0.035);
    if (noise.kind === "noise" && "amp" in noise) amps.push(noise.amp);
    assert.deepEqual(chain, {
      kind: "chain",
      steps: [
        { kind: "stretch", rate: 0.8 },
        { kind: "pitch", semitones: 0.7 },
      ],
    });
  }
  assert.ok(new Set(amps).size > 40, "amps are drawn per clip");
  const seeds = plan.map((p) => (p.augmentations[0] as { seed: number }).seed);
  assert.equal(new Set(seeds).size, seeds.length, "each clip gets its own noise seed");
});

test("ranged parameters stay within their range and are rounded to 4 decimals", async () => {
  const train = splitByActor(await ravdessClips(), SPLIT_SPEC).train;
  const policy: AugmentationPolicy = {
    copies: [
      { kind: "pitch", semitones: [-2, 2], count: 2 },
      { kind: "shift", ms: [-100, 100], mode: "zero" },
      {
        kind: "chain",
        steps: [
          { kind: "gain", db: [-6, 0] },
          { kind: "speed", factor: [0.9, 1.1] },
        ],
      },
    ],
  };
  const plan = planAugmentations(train, policy, new Rng(4));
  for (const { augmentations } of plan) {
    assert.equal(augmentations.length, 4);
    for (const s of augmentations) {
      const v = s.kind === "pitch" ? s.semitones : s.kind === "shift" ? s.ms : NaN;
      if (s.kind === "pitch") assert.ok(v >= -2 && v <= 2);
      if (s.kind === "shift") assert.ok(v >= -100 && v <= 100 && s.mode === "zero");
      if (!Number.isNaN(v)) assert.equal(Math.round(v * 1e4) / 1e4, v);
      if (s.kind === "chain")
        assert.deepEqual(
          s.steps.map((x) => x.kind),
          ["gain", "speed"],
        );
    }
  }
  const semis = plan.flatMap((p) => p.augmentations.filter((s) => s.kind === "pitch").map((s) => (s as { semitones: number }).semitones));
  assert.ok(Math.min(...semis) < -1.9 && Math.max(...semis) > 1.9, "draws cover the range");
});

test("the none policy returns the originals only", async () => {
  const split = splitByActor(await ravdessClips(), SPLIT_SPEC);
  const items = augmentTrainingSet(split, NO_AUGMENTATION, { seed: 1 });
  assert.equal(items.train.length, split.train.length);
  assert.ok(items.train.every((i) => i.augmentation === undefined && i.id === i.path));
});

test("item ids are the path, or the path and the augmentation key", async () => {
  const split = splitByActor(await ravdessClips(), SPLIT_SPEC);
  const items = augmentTrainingSet(split, SEED_AUGMENTATION, { seed: 1 });
  for (const i of items.train) assert.equal(i.id, i.augmentation ? `${i.path}#${augmentationKey(i.augmentation)}` : i.path);
  assert.equal(new Set(items.train.map((i) => i.id)).size, items.train.length);
});

test("a clip listed in two splits, or identical copies, are refused", async () => {
  const split = splitByActor(await ravdessClips(), SPLIT_SPEC);
  assert.throws(() => augmentTrainingSet({ train: split.train, val: [split.train[0]] }, NO_AUGMENTATION, { seed: 1 }), /listed in both train and val/);
  assert.throws(() => augmentTrainingSet(split, { copies: [{ kind: "stretch", rate: 0.9, count: 2 }] }, { seed: 1 }), /identical copies/);
});

test("validatePolicy rejects unknown kinds, bad ranges, bad counts, nested chains; the presets pass", () => {
  for (const p of Object.values(AUGMENTATION_PRESETS)) validatePolicy(p);
  const bad: [unknown, RegExp][] = [
    [{ copies: [{ kind: "reverb" }] }, /copies\[0\]\.kind="reverb"/],
    [{ copies: [{ kind: "stretch", rate: [1.2, 0.8] }] }, /copies\[0\]\.rate=\[1.2,0.8\]/],
    [{ copies: [{ kind: "stretch", rate: [0, 1] }] }, /copies\[0\]\.rate/],
    [{ copies: [{ kind: "stretch", rate: NaN }] }, /copies\[0\]\.rate/],
    [{ copies: [{ kind: "pitch", semitones: 1, count: 0 }] }, /count=0/],
    [{ copies: [{ kind: "noise", snrDb: 10, amp: 0.1 }] }, /exactly one of snrDb, amp/],
    [{ copies: [{ kind: "chain", steps: [{ kind: "chain", steps: [] }] }] }, /nested/],
    [{ copies: "noise" }, /copies array/],
  ];
  for (const [p, re] of bad) assert.throws(() => validatePolicy(p as AugmentationPolicy), re, JSON.stringify(p));
  assert.throws(() => augmentTrainingSet({ train: [] }, NO_AUGMENTATION, { seed: NaN }), /seed=NaN/);
});
