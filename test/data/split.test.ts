import { test } from "node:test";
import assert from "node:assert/strict";
import {
  DEFAULT_ACTOR_SPLIT,
  actorsOf,
  assertSpeakerIndependent,
  leaveActorsOut,
  parseActorRange,
  splitByActor,
} from "../../src/data/split";
import { parseRavdessName, type RavdessClip } from "../../src/data/ravdess";
import { ParameterError } from "../../src/util/errors";
import { Rng } from "../../src/util/rng";
import { actorClipNames } from "./make-zip";

const clipsOf = (actors: number[]): RavdessClip[] => actors.flatMap((a) => actorClipNames(a).map((n) => parseRavdessName(`Actor_${a}/${n}`)));
const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);
const CLIPS20 = clipsOf(range(1, 20));

test("the default split on actors 1–20: train 1–16, val 17–20, empty test", () => {
  const s = splitByActor(CLIPS20);
  assert.deepEqual(actorsOf(s.train), range(1, 16));
  assert.deepEqual(actorsOf(s.val), range(17, 20));
  assert.equal(s.test.length, 0);
  assert.equal(s.train.length, 960);
  assert.equal(s.val.length, 240);
  assertSpeakerIndependent(s);
  assert.deepEqual([...DEFAULT_ACTOR_SPLIT.test!], range(21, 24));
  const full = splitByActor(clipsOf(range(1, 24)));
  assert.deepEqual([full.train.length, full.val.length, full.test.length], [960, 240, 240]);
});

test("a configurable test set, coverage and explicit ignores", () => {
  const s = splitByActor(CLIPS20, { train: range(1, 12), val: [13, 14], test: parseActorRange("15-20") });
  assert.deepEqual([s.train.length, s.val.length, s.test.length], [720, 120, 360]);
  assert.equal(s.train.length + s.val.length + s.test.length, CLIPS20.length, "every record assigned");
  assert.throws(
    () => splitByActor(CLIPS20, { train: range(1, 16), val: [17, 18] }),
    (e: unknown) => e instanceof ParameterError && /actor 19 \(60 records\), actor 20 \(60 records\) are in no set/.test(e.message),
  );
  const ig = splitByActor(CLIPS20, { train: range(1, 16), val: [17, 18], ignore: [19, 20] });
  assert.equal(ig.train.length + ig.val.length, 1080);
  const rest = splitByActor(CLIPS20, { train: [1, 2], ignore: "rest" });
  assert.deepEqual(actorsOf(rest.train), [1, 2]);
  assert.equal(rest.val.length + rest.test.length, 0);
});

test("an actor in two sets is refused, naming it", () => {
  assert.throws(() => splitByActor(CLIPS20, { train: range(1, 17), val: range(17, 20) }), /actor 17 is in both train and val/);
  assert.throws(() => splitByActor(CLIPS20, { train: range(1, 16), val: range(17, 20), ignore: [3] }), /actor 3 is in both train and ignore/);
  assert.throws(() => splitByActor(CLIPS20, { train: [1.5] }), /train contains 1\.5/);
});

test("assertSpeakerIndependent names the leaked actor and both sets", () => {
  const train = clipsOf([1, 2, 3]);
  const test = [...clipsOf([4]), train[70]];
  assert.throws(
    () => assertSpeakerIndependent({ train, test }),
    (e: unknown) => e instanceof ParameterError && e.message === 'actor 2 leaks: 60 records in "train" and 1 in "test"',
  );
  assertSpeakerIndependent({ train, test: clipsOf([4]), val: [] });
});

test("leaveActorsOut: disjoint held-out groups covering every actor, each fold speaker-independent", () => {
  for (const k of [1, 3, 4, 7]) {
    const folds = leaveActorsOut(CLIPS20, k, { rng: new Rng(7) });
    assert.equal(folds.length, Math.ceil(20 / k));
    const held = folds.flatMap((f) => f.heldOut);
    assert.deepEqual([...held].sort((a, b) => a - b), range(1, 20), `k=${k}: every actor held out exactly once`);
    const sizes = folds.map((f) => f.heldOut.length);
    assert.ok(Math.max(...sizes) <= k && Math.max(...sizes) - Math.min(...sizes) <= 1, `k=${k} sizes ${sizes}`);
    for (const f of folds) {
      assert.equal(f.train.length + f.test.length, CLIPS20.length);
      assert.deepEqual(actorsOf(f.test), f.heldOut);
      assertSpeakerIndependent({ train: f.train, test: f.test });
    }
  }
  const plain = leaveActorsOut(CLIPS20, 4);
  assert.deepEqual(plain.map((f) => f.heldOut), [range(1, 4), range(5, 8), range(9, 12), range(13, 16), range(17, 20)], "no rng: consecutive groups");
});

test("leaveActorsOut is deterministic for a seed and differs across seeds", () => {
  const a = leaveActorsOut(CLIPS20, 4, { rng: new Rng(11) }).map((f) => f.heldOut);
  const b = leaveActorsOut(CLIPS20, 4, { rng: new Rng(11) }).map((f) => f.heldOut);
  const c = leaveActorsOut(CLIPS20, 4, { rng: new Rng(12) }).map((f) => f.heldOut);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  assert.notDeepEqual(a, leaveActorsOut(CLIPS20, 4).map((f) => f.heldOut));
});

test("balanceGender holds out as many men as women (within one)", () => {
  for (const seed of [1, 2, 3]) {
    for (const k of [2, 3, 4]) {
      for (const f of leaveActorsOut(CLIPS20, k, { rng: new Rng(seed), balanceGender: true })) {
        const male = f.heldOut.filter((a) => a % 2 === 1).length;
        assert.ok(Math.abs(2 * male - f.heldOut.length) <= 1, `seed ${seed} k=${k} held out ${f.heldOut}`);
      }
    }
  }
  assert.throws(() => leaveActorsOut(CLIPS20, 20), /k=20 must be less than the number of actors \(20\)/);
  assert.throws(() => leaveActorsOut(CLIPS20, 0), /k=0 must be a positive integer/);
});

test("parseActorRange", () => {
  assert.deepEqual(parseActorRange("17-20,22"), [17, 18, 19, 20, 22]);
  assert.deepEqual(parseActorRange(" 3, 1-2 ,2"), [1, 2, 3]);
  assert.deepEqual(parseActorRange("1-24").length, 24);
  assert.throws(() => parseActorRange("20-17"), /"20-17" runs backwards/);
  assert.throws(() => parseActorRange("1-25"), /outside the RAVDESS actors 1-24/);
  assert.throws(() => parseActorRange("a"), /"a" is not an actor number/);
  assert.throws(() => parseActorRange(""), ParameterError);
});
