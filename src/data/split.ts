/**
 * Speaker-independent splits of RAVDESS: no actor's clips on both sides (scikit-learn's group
 * splitters with the actor as the group). Random clip-level splits leak the speaker and flatter
 * the model; these functions make that impossible and check it.
 */
import { ParameterError } from "../util/errors";
import { assertPositiveInt } from "../util/validate";
import type { Rng } from "../util/rng";
import { genderOfActor } from "./ravdess";

/** Anything with an actor number (a `RavdessClip`, a feature row, ...). */
export interface HasActor {
  readonly actor: number;
}

/** Which actors go where. */
export interface ActorSplitSpec {
  readonly train: readonly number[];
  readonly val?: readonly number[];
  readonly test?: readonly number[];
  /** Actors to leave out on purpose, or "rest" to leave out every actor not listed. Default: none (an unlisted actor is an error). */
  readonly ignore?: readonly number[] | "rest";
}

/** Records split by actor (a type alias, so it can be passed to {@link assertSpeakerIndependent}). */
export type ActorSplit<T> = {
  train: T[];
  val: T[];
  test: T[];
};

const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);

/**
 * The default split: train actors 1–16, validation 17–20, test 21–24 (empty on the 1–20 subset).
 * Each set holds 8 male and 8 female, 2 + 2, 2 + 2 actors.
 */
export const DEFAULT_ACTOR_SPLIT: ActorSplitSpec = Object.freeze({
  train: Object.freeze(range(1, 16)),
  val: Object.freeze(range(17, 20)),
  test: Object.freeze(range(21, 24)),
});

/** Sorted distinct actors of `records`. */
export function actorsOf(records: readonly HasActor[]): number[] {
  return [...new Set(records.map((r) => r.actor))].sort((a, b) => a - b);
}

function checkActorList(name: string, list: readonly number[]): void {
  if (!Array.isArray(list)) throw new ParameterError(`${name}=${JSON.stringify(list)} must be an array of actor numbers`);
  for (const a of list) if (!Number.isInteger(a) || a < 1) throw new ParameterError(`${name} contains ${JSON.stringify(a)}: actors are positive integers`);
}

/**
 * Splits records by actor. Every actor may be in one set only, and every record's actor must be in
 * a set or in `ignore`.
 * @param records clips or rows with an `actor`
 * @param spec actors per set; default {@link DEFAULT_ACTOR_SPLIT} (train 1–16, val 17–20, test 21–24)
 * @returns the records of each set, in input order
 * @throws ParameterError naming an actor listed twice, or an actor with records that is in no set
 * @example
 * const { train, val } = splitByActor(clips, { train: parseActorRange("1-16"), val: parseActorRange("17-20") });
 */
export function splitByActor<T extends HasActor>(records: readonly T[], spec: ActorSplitSpec = DEFAULT_ACTOR_SPLIT): ActorSplit<T> {
  const where = new Map<number, keyof ActorSplit<T> | "ignore">();
  const sets: [keyof ActorSplit<T> | "ignore", readonly number[]][] = [
    ["train", spec.train],
    ["val", spec.val ?? []],
    ["test", spec.test ?? []],
    ["ignore", spec.ignore === "rest" || spec.ignore === undefined ? [] : spec.ignore],
  ];
  for (const [name, list] of sets) {
    checkActorList(name, list);
    for (const a of list) {
      const before = where.get(a);
      if (before) throw new ParameterError(`actor ${a} is in both ${before} and ${name}: a speaker-independent split puts each actor in one set`);
      where.set(a, name);
    }
  }
  const out: ActorSplit<T> = { train: [], val: [], test: [] };
  const unassigned = new Map<number, number>();
  for (const r of records) {
    const w = where.get(r.actor);
    if (w === undefined) unassigned.set(r.actor, (unassigned.get(r.actor) ?? 0) + 1);
    else if (w !== "ignore") out[w].push(r);
  }
  if (unassigned.size && spec.ignore !== "rest") {
    const list = [...unassigned.entries()].sort((a, b) => a[0] - b[0]).map(([a, n]) => `actor ${a} (${n} records)`);
    throw new ParameterError(`${list.join(", ")} ${unassigned.size === 1 ? "is" : "are"} in no set: add ${unassigned.size === 1 ? "it" : "them"} to train/val/test, or to ignore (ignore: "rest" drops every unlisted actor)`);
  }
  return out;
}

/**
 * Throws when an actor listed for a set has no records in it: a validation or test actor missing
 * from the data would otherwise silently shrink (or empty) that set — no early stopping, no score.
 * The one exception is documented: the default test actors (21–24) may all be absent (the 1–20
 * development archive), leaving the test set empty.
 * @param spec actors per set, as given
 * @param split the records of each set, from {@link splitByActor}
 * @param where the data's location, for the message
 * @throws ParameterError naming the set, the actors and `where`
 * @example assertActorsPresent({ train: [1, 2], val: [5, 6] }, splitByActor(clips, spec), "data/ravdess");
 */
export function assertActorsPresent<T extends HasActor>(spec: ActorSplitSpec, split: ActorSplit<T>, where: string): void {
  for (const set of ["train", "val", "test"] as const) {
    const have = new Set(split[set].map((r) => r.actor));
    const listed = spec[set] ?? [];
    const missing = listed.filter((a) => !have.has(a));
    // Documented exception: the default test actors 21–24 are absent from the 1–20 development archive.
    const defaultTest = set === "test" && listed.join() === (DEFAULT_ACTOR_SPLIT.test ?? []).join();
    if (missing.length && !(defaultTest && missing.length === listed.length)) {
      throw new ParameterError(
        `split.${set} lists actor${missing.length === 1 ? "" : "s"} ${missing.join(",")}, but ${where} has no clips of ${missing.length === 1 ? "that actor" : "them"} ` +
          `(among the actors used): remove ${missing.length === 1 ? "it" : "them"} from split.${set}, or add the data`,
      );
    }
  }
}

/**
 * Throws if any actor appears in two of the named sets.
 * @param splits named record lists, e.g. a {@link ActorSplit} or `{ train: fold.train, test: fold.test }`
 * @throws ParameterError naming the leaked actor and both sets
 * @example assertSpeakerIndependent(splitByActor(clips)); // passes
 */
export function assertSpeakerIndependent(splits: Readonly<Record<string, readonly HasActor[]>>): void {
  const owner = new Map<number, string>();
  for (const [name, records] of Object.entries(splits)) {
    if (!Array.isArray(records)) throw new ParameterError(`splits.${name} must be an array of records with an actor`);
    const counts = new Map<number, number>();
    for (const r of records) counts.set(r.actor, (counts.get(r.actor) ?? 0) + 1);
    for (const [a, n] of counts) {
      const o = owner.get(a);
      if (o !== undefined) {
        const other = (splits[o] as readonly HasActor[]).filter((r) => r.actor === a).length;
        throw new ParameterError(`actor ${a} leaks: ${other} record${other === 1 ? "" : "s"} in "${o}" and ${n} in "${name}"`);
      }
    }
    for (const a of counts.keys()) owner.set(a, name);
  }
}

/** Options of {@link leaveActorsOut}. */
export interface LeaveActorsOutOptions {
  /** Shuffles the actors before grouping. Default: none (groups of consecutive actors in ascending order). */
  rng?: Rng;
  /** Hold out as many male as female actors in each group (within one). Default false. */
  balanceGender?: boolean;
}

/** One fold of {@link leaveActorsOut}. */
export interface ActorFold<T> {
  /** 0-based fold number. */
  readonly fold: number;
  /** The actors held out in this fold, ascending. */
  readonly heldOut: number[];
  /** Records of the other actors. */
  readonly train: T[];
  /** Records of the held-out actors. */
  readonly test: T[];
}

/**
 * Leave-k-actors-out cross-validation: the actors are partitioned into ceil(n / k) disjoint groups of
 * k (the last ones one smaller when k does not divide n, sizes differing by at most one), and each
 * fold holds one group out. Every actor is held out exactly once. With k = 1 this is
 * leave-one-speaker-out.
 * @param records clips or rows with an `actor`
 * @param k actors held out per fold, 1 ≤ k < number of actors
 * @returns the folds, in group order
 * @example
 * const folds = leaveActorsOut(clips, 4, { rng: new Rng(7), balanceGender: true }); // 5 folds on actors 1–20
 * folds[0].heldOut // 2 odd and 2 even actor numbers
 */
export function leaveActorsOut<T extends HasActor>(records: readonly T[], k: number, options: LeaveActorsOutOptions = {}): ActorFold<T>[] {
  const { rng, balanceGender = false } = options;
  assertPositiveInt("k", k);
  const actors = actorsOf(records);
  if (k >= actors.length) throw new ParameterError(`k=${k} must be less than the number of actors (${actors.length}), or no actor is left to train on`);
  const nFolds = Math.ceil(actors.length / k);
  const sizes = Array.from({ length: nFolds }, (_, i) => Math.floor(actors.length / nFolds) + (i < actors.length % nFolds ? 1 : 0));
  let order: number[];
  if (balanceGender) {
    const male = actors.filter((a) => genderOfActor(a) === "male");
    const female = actors.filter((a) => genderOfActor(a) === "female");
    if (rng) {
      rng.shuffle(male);
      rng.shuffle(female);
    }
    // Deal the genders alternately so that every consecutive run of k holds both within one.
    order = [];
    while (male.length || female.length) {
      const first = male.length >= female.length ? male : female;
      const second = first === male ? female : male;
      if (first.length) order.push(first.shift()!);
      if (second.length) order.push(second.shift()!);
    }
  } else {
    order = rng ? rng.shuffle([...actors]) : [...actors];
  }
  const groups: number[][] = [];
  let off = 0;
  for (const s of sizes) {
    groups.push(order.slice(off, off + s).sort((a, b) => a - b));
    off += s;
  }
  return groups.map((heldOut, fold) => {
    const held = new Set(heldOut);
    return { fold, heldOut, train: records.filter((r) => !held.has(r.actor)), test: records.filter((r) => held.has(r.actor)) };
  });
}

/**
 * Parses an actor list as written on a command line: "17-20,22" → [17, 18, 19, 20, 22]
 * (ranges inclusive, spaces allowed, sorted, duplicates removed, actors 1..24).
 * @throws ParameterError quoting the text and the bad part
 * @example parseActorRange("1-16") // [1, 2, ..., 16]
 */
export function parseActorRange(text: string): number[] {
  if (typeof text !== "string" || text.trim() === "") throw new ParameterError(`actors=${JSON.stringify(text)} must list actors, e.g. "17-20,22"`);
  const out = new Set<number>();
  for (const raw of text.split(",")) {
    const part = raw.trim();
    const m = /^(\d+)\s*(?:-\s*(\d+))?$/.exec(part);
    if (!m) throw new ParameterError(`actors=${JSON.stringify(text)}: ${JSON.stringify(part)} is not an actor number or a range a-b`);
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a) throw new ParameterError(`actors=${JSON.stringify(text)}: range ${JSON.stringify(part)} runs backwards`);
    if (a < 1 || b > 24) throw new ParameterError(`actors=${JSON.stringify(text)}: ${JSON.stringify(part)} is outside the RAVDESS actors 1-24`);
    for (let i = a; i <= b; i++) out.add(i);
  }
  return [...out].sort((x, y) => x - y);
}
