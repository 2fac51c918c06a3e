/** One row per set of an actor-wise split: who is in it and how many clips (the table every notebook shows). */
import { genderOfActor } from "./ravdess";
import { actorsOf, type HasActor } from "./split";

/** One set's row of {@link splitSummary}. */
export interface SplitSummaryRow {
  split: string;
  /** Actor numbers, comma-separated. */
  actors: string;
  /** Records (clips, or items with their augmented copies). */
  clips: number;
  female: number;
  male: number;
  /** Only when some record has an `augmentation` field (items of an augmented training set): originals and copies. */
  originals?: number;
  "augmented copies"?: number;
}

/**
 * The sets of a split as table rows, in train, val, test order.
 * @param sets records of each set (clips, or `{ actor, augmentation? }` items)
 * @returns rows `{ split, actors, clips, female, male }`, plus `originals` and `augmented copies`
 *   when the records are augmentation items (some record has an `augmentation` key)
 * @example showTable(splitSummary(splitByActor(clips, parseActorSplit(params.split))));
 */
export function splitSummary(sets: { train: readonly HasActor[]; val: readonly HasActor[]; test: readonly HasActor[] }): SplitSummaryRow[] {
  const items = [...sets.train, ...sets.val, ...sets.test];
  const augmented = items.some((r) => "augmentation" in r && (r as { augmentation?: unknown }).augmentation !== undefined);
  return (["train", "val", "test"] as const).map((name) => {
    const set = sets[name];
    const copies = set.filter((r) => (r as { augmentation?: unknown }).augmentation !== undefined).length;
    const female = set.filter((r) => genderOfActor(r.actor) === "female").length;
    return {
      split: name,
      actors: actorsOf(set).join(", "),
      clips: set.length,
      female,
      male: set.length - female,
      ...(augmented ? { originals: set.length - copies, "augmented copies": copies } : {}),
    };
  });
}
