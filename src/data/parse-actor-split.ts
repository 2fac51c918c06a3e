/** A split written as actor ranges (a notebook's `split` parameter) as the spec `splitByActor` takes. */
import { ParameterError } from "../util/errors";
import { repr } from "../util/validate";
import { parseActorRange, type ActorSplitSpec } from "./split";

/** Actors of each set as ranges ("1-12") or lists, as notebooks and config files write them. */
export interface ActorSplitText {
  train: string | readonly number[];
  val?: string | readonly number[];
  test?: string | readonly number[];
}

function actors(name: string, v: string | readonly number[] | undefined): number[] {
  if (v === undefined) return [];
  if (typeof v === "string") return v.trim() === "" ? [] : parseActorRange(v);
  if (!Array.isArray(v)) throw new ParameterError(`split.${name}=${repr(v)} must be an actor range like "1-12" or a list of actor numbers`);
  return [...v];
}

/**
 * The {@link ActorSplitSpec} of a split written as ranges; actors in no set are left out
 * (`ignore: "rest"`, as `buildDataset` does), so a notebook can run on a subset of the corpus.
 * @throws ParameterError for a malformed range (quoting it)
 * @example splitByActor(clips, parseActorSplit({ train: "1-12", val: "13-16", test: "17-20" }))
 */
export function parseActorSplit(split: ActorSplitText): ActorSplitSpec {
  if (!split || typeof split !== "object") throw new ParameterError(`split=${repr(split)} must be an object { train, val, test } of actor ranges`);
  return { train: actors("train", split.train), val: actors("val", split.val), test: actors("test", split.test), ignore: "rest" };
}
