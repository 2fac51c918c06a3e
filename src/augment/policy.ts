/**
 * Augmentation policies: which augmentations make how many extra copies of each training clip, with
 * parameter ranges; planning them into concrete {@link AugmentationSpec}s (seeded per clip, so the
 * plan does not depend on clip order); and expanding an actor-wise split into the items to extract,
 * with augmented copies for training clips only.
 */
import { ParameterError } from "../util/errors";
import { assertOneOf, assertPositiveInt } from "../util/validate";
import { Rng } from "../util/rng";
import { augmentationKey, validateAugmentationSpec, type AugmentationSpec } from "./spec";
import { MAX_SHIFT_MS } from "./shift";
import { NOISE_AMP_RANGE, SNR_DB_RANGE } from "./add-noise";
import { STRETCH_RATE_RANGE } from "./time-stretch";
import { MAX_SEMITONES } from "./pitch-shift";
import { MAX_GAIN_DB } from "./gain";
import { SPEED_FACTOR_RANGE } from "./speed";

/** A fixed value, or a closed range [lo, hi] drawn uniformly per copy. */
export type ParamRange = number | readonly [number, number];

/**
 * How one kind of extra copy is made. Each numeric parameter is a value or a [lo, hi] range;
 * `count` (integer ≥ 1, default 1) copies are made per training clip, each with its own draw.
 */
export type CopyRecipe =
  | { kind: "noise"; snrDb: ParamRange; count?: number }
  | { kind: "noise"; amp: ParamRange; count?: number }
  | { kind: "shift"; ms: ParamRange; mode?: "roll" | "zero"; count?: number }
  | { kind: "stretch"; rate: ParamRange; count?: number }
  | { kind: "pitch"; semitones: ParamRange; count?: number }
  | { kind: "gain"; db: ParamRange; count?: number }
  | { kind: "speed"; factor: ParamRange; count?: number }
  | { kind: "chain"; steps: readonly ChainStep[]; count?: number };

/** A step of a chained copy: a recipe without `count`. */
export type ChainStep = Exclude<CopyRecipe, { kind: "chain" }> & { count?: never };

/** An augmentation policy: one entry per kind of extra copy. `copies: []` augments nothing. */
export interface AugmentationPolicy {
  /** A name for reports and cache folders. Optional. */
  readonly name?: string;
  /** The extra copies made of every training clip. */
  readonly copies: readonly CopyRecipe[];
}

/** No augmentation: the training set is the original clips only. */
export const NO_AUGMENTATION: AugmentationPolicy = Object.freeze({ name: "none", copies: Object.freeze([]) as readonly CopyRecipe[] });

/**
 * The seed project's augmentation, as its `get_features` does it: two extra copies of each training
 * clip — white noise with standard deviation U(0, 0.035)·max|y| (its `noise()`), and a time stretch
 * at rate 0.8 followed by a pitch shift by 0.7 semitones (its `pitch(stretch(data), sr, 0.7)`).
 * `configs/seed.json` names this preset.
 */
export const SEED_AUGMENTATION: AugmentationPolicy = Object.freeze({
  name: "seed",
  copies: Object.freeze([
    { kind: "noise", amp: [0, 0.035] },
    {
      kind: "chain",
      steps: [
        { kind: "stretch", rate: 0.8 },
        { kind: "pitch", semitones: 0.7 },
      ],
    },
  ]) as readonly CopyRecipe[],
});

/**
 * A varied policy: noise at 15–30 dB SNR, a stretch by 0.8–1.2 and a pitch shift by ±2 semitones,
 * each drawn per clip.
 */
export const VARIED_AUGMENTATION: AugmentationPolicy = Object.freeze({
  name: "varied",
  copies: Object.freeze([
    { kind: "noise", snrDb: [15, 30] },
    { kind: "stretch", rate: [0.8, 1.2] },
    { kind: "pitch", semitones: [-2, 2] },
  ]) as readonly CopyRecipe[],
});

/** The named policies: `none`, `seed` (the default), `varied`. */
export const AUGMENTATION_PRESETS: Readonly<Record<"none" | "seed" | "varied", AugmentationPolicy>> = Object.freeze({
  none: NO_AUGMENTATION,
  seed: SEED_AUGMENTATION,
  varied: VARIED_AUGMENTATION,
});

/** Name of the default preset. */
export const DEFAULT_AUGMENTATION_PRESET = "seed";

const LIMITS: Record<string, readonly [number, number]> = {
  snrDb: SNR_DB_RANGE,
  amp: NOISE_AMP_RANGE,
  ms: [-MAX_SHIFT_MS, MAX_SHIFT_MS],
  rate: STRETCH_RATE_RANGE,
  semitones: [-MAX_SEMITONES, MAX_SEMITONES],
  db: [-MAX_GAIN_DB, MAX_GAIN_DB],
  factor: SPEED_FACTOR_RANGE,
};

const PARAM_OF: Record<string, readonly string[]> = {
  noise: ["snrDb", "amp"],
  shift: ["ms"],
  stretch: ["rate"],
  pitch: ["semitones"],
  gain: ["db"],
  speed: ["factor"],
};

function checkRange(where: string, name: string, value: unknown): void {
  const [min, max] = LIMITS[name];
  const bad = (v: unknown): boolean => !(typeof v === "number" && Number.isFinite(v) && v >= min && v <= max);
  if (Array.isArray(value)) {
    if (value.length !== 2 || bad(value[0]) || bad(value[1]) || value[0] > value[1]) {
      throw new ParameterError(`${where}.${name}=${JSON.stringify(value)} must be a range [lo, hi] with ${min} ≤ lo ≤ hi ≤ ${max}`);
    }
  } else if (bad(value)) {
    throw new ParameterError(`${where}.${name}=${JSON.stringify(value)} must be a number in [${min}, ${max}] or a range [lo, hi]`);
  }
}

function checkRecipe(where: string, r: CopyRecipe, inChain: boolean): void {
  if (r === null || typeof r !== "object") throw new ParameterError(`${where}=${JSON.stringify(r)} must be a copy recipe object`);
  assertOneOf(`${where}.kind`, r.kind, ["noise", "shift", "stretch", "pitch", "gain", "speed", "chain"] as const);
  if (r.count !== undefined) {
    if (inChain) throw new ParameterError(`${where}.count: chain steps cannot have a count`);
    assertPositiveInt(`${where}.count`, r.count);
  }
  if (r.kind === "chain") {
    if (inChain) throw new ParameterError(`${where}: chains cannot be nested`);
    if (!Array.isArray(r.steps) || r.steps.length === 0) throw new ParameterError(`${where}.steps must be a non-empty array of recipes`);
    r.steps.forEach((s, i) => checkRecipe(`${where}.steps[${i}]`, s, true));
    return;
  }
  const params = PARAM_OF[r.kind].filter((p) => (r as Record<string, unknown>)[p] !== undefined);
  if (params.length !== 1) throw new ParameterError(`${where} (${r.kind}) needs exactly one of ${PARAM_OF[r.kind].join(", ")}`);
  checkRange(where, params[0], (r as Record<string, unknown>)[params[0]]);
  if (r.kind === "shift" && r.mode !== undefined) assertOneOf(`${where}.mode`, r.mode, ["roll", "zero"] as const);
}

/**
 * Checks a policy: every recipe has a known kind, exactly one parameter for its kind, values or
 * ranges inside the limits the augmentation functions accept, and a positive integer count.
 * @throws ParameterError naming the recipe (`copies[1].rate`) and the value
 * @example validatePolicy({ copies: [{ kind: "stretch", rate: [0.8, 1.2] }] });
 */
export function validatePolicy(policy: AugmentationPolicy): void {
  if (policy === null || typeof policy !== "object" || !Array.isArray(policy.copies)) {
    throw new ParameterError(`policy=${JSON.stringify(policy)} must be an object with a copies array`);
  }
  policy.copies.forEach((r, i) => checkRecipe(`copies[${i}]`, r, false));
}

/** Number of extra copies the policy makes of each training clip. */
export function copiesPerClip(policy: AugmentationPolicy): number {
  return policy.copies.reduce((s, r) => s + (r.count ?? 1), 0);
}

/** Rounds a drawn parameter to 4 decimals (readable keys), staying inside [lo, hi]. */
function draw(range: ParamRange, rng: Rng): number {
  if (!Array.isArray(range)) return range as number;
  const [lo, hi] = range as readonly [number, number];
  if (lo === hi) return lo;
  const v = Math.round(rng.uniform(lo, hi) * 1e4) / 1e4;
  return Math.min(hi, Math.max(lo, v)) + 0; // + 0 turns −0 into 0
}

function concrete(r: CopyRecipe | ChainStep, rng: Rng): AugmentationSpec {
  switch (r.kind) {
    case "noise": {
      const seed = rng.nextUint32();
      return "snrDb" in r ? { kind: "noise", snrDb: draw(r.snrDb, rng), seed } : { kind: "noise", amp: draw(r.amp, rng), seed };
    }
    case "shift":
      return { kind: "shift", ms: draw(r.ms, rng), mode: r.mode ?? "roll" };
    case "stretch":
      return { kind: "stretch", rate: draw(r.rate, rng) };
    case "pitch":
      return { kind: "pitch", semitones: draw(r.semitones, rng) };
    case "gain":
      return { kind: "gain", db: draw(r.db, rng) };
    case "speed":
      return { kind: "speed", factor: draw(r.factor, rng) };
    case "chain":
      return { kind: "chain", steps: r.steps.map((s) => concrete(s, rng)) };
  }
}

/** The concrete augmentations planned for one clip. */
export interface PlannedClip<T> {
  readonly clip: T;
  /** One spec per extra copy, in policy order ([] when the policy is `none`). */
  readonly augmentations: AugmentationSpec[];
}

/**
 * Draws the concrete augmentations of every clip. Clip i's draws come from `rng.fork(clip.path)`
 * (recipes in policy order), so a clip's plan depends only on the seed of `rng`, its path and the
 * policy — not on the other clips or their order.
 * @param clips the training clips (anything with a `path`)
 * @param policy the policy (validated first)
 * @param rng the generator whose seed selects the plan; its own stream is not consumed
 * @returns one {@link PlannedClip} per clip, in input order
 * @example const plan = planAugmentations(split.train, SEED_AUGMENTATION, new Rng(7));
 */
export function planAugmentations<T extends { readonly path: string }>(clips: readonly T[], policy: AugmentationPolicy, rng: Rng): PlannedClip<T>[] {
  validatePolicy(policy);
  return clips.map((clip) => {
    if (typeof clip?.path !== "string" || clip.path === "") throw new ParameterError(`clip ${JSON.stringify(clip)} needs a non-empty path`);
    const r = rng.fork(clip.path);
    const augmentations: AugmentationSpec[] = [];
    for (const recipe of policy.copies) {
      for (let c = 0; c < (recipe.count ?? 1); c++) {
        const spec = concrete(recipe, r);
        validateAugmentationSpec(spec);
        augmentations.push(spec);
      }
    }
    return { clip, augmentations };
  });
}

/** Which split an item belongs to. */
export type AugmentedSplitName = "train" | "val" | "test";

/**
 * One thing to extract features from: an original clip (no `augmentation`) or an augmented copy of
 * a training clip. `path`, `actor` and `clip` are always the source clip's.
 */
export interface AugmentedItem<T> {
  /** The source clip's audio file. */
  readonly path: string;
  /** The source clip's actor (so speaker independence carries over to copies). */
  readonly actor: number;
  /** The source clip record (labels, metadata). */
  readonly clip: T;
  /** The split the source clip is in. */
  readonly split: AugmentedSplitName;
  /** The concrete augmentation; absent for an original. */
  readonly augmentation?: AugmentationSpec;
  /** Unique id: the path, plus `#` and the augmentation key for a copy. */
  readonly id: string;
}

/** The items of each split (a type alias, so it can be passed to `assertSpeakerIndependent`). */
export type AugmentedSplit<T> = {
  train: AugmentedItem<T>[];
  val: AugmentedItem<T>[];
  test: AugmentedItem<T>[];
};

/** Options of {@link augmentTrainingSet}. */
export interface AugmentTrainingSetOptions {
  /** Seed of the plan (any finite number). Required: the same seed gives the same copies. */
  seed: number;
}

/**
 * Expands an actor-wise split into the items to extract: every original clip of every split, and
 * the policy's augmented copies of **training clips only** (each copy right after its original).
 * Validation and test items are the originals, untouched, so nothing derived from a held-out clip
 * can reach training, and copies keep their source's actor, so the result is as speaker-independent
 * as the split (`assertSpeakerIndependent(result)` holds when it held for `split`).
 * @param split `{ train, val, test }` record lists (e.g. from `splitByActor`); val/test may be empty
 * @param policy the policy; `NO_AUGMENTATION` returns the originals only
 * @param options `{ seed }`
 * @returns `{ train, val, test }` items
 * @example
 * const items = augmentTrainingSet(splitByActor(clips), SEED_AUGMENTATION, { seed: 7 });
 * items.train.length === 4 * split.train.length;  // original + noise + stretch + pitch
 */
export function augmentTrainingSet<T extends { readonly path: string; readonly actor: number }>(
  split: { readonly train: readonly T[]; readonly val?: readonly T[]; readonly test?: readonly T[] },
  policy: AugmentationPolicy,
  options: AugmentTrainingSetOptions,
): AugmentedSplit<T> {
  if (options === undefined || !(typeof options.seed === "number" && Number.isFinite(options.seed))) {
    throw new ParameterError(`seed=${options?.seed} must be a finite number`);
  }
  const original = (clip: T, name: AugmentedSplitName): AugmentedItem<T> => {
    if (!Number.isInteger(clip.actor)) throw new ParameterError(`clip ${JSON.stringify(clip.path)} has actor=${clip.actor}: an integer is needed`);
    return { path: clip.path, actor: clip.actor, clip, split: name, id: clip.path };
  };
  const plan = planAugmentations(split.train, policy, new Rng(options.seed));
  const train: AugmentedItem<T>[] = [];
  for (const { clip, augmentations } of plan) {
    train.push(original(clip, "train"));
    for (const augmentation of augmentations) {
      train.push({ path: clip.path, actor: clip.actor, clip, split: "train", augmentation, id: `${clip.path}#${augmentationKey(augmentation)}` });
    }
  }
  const out: AugmentedSplit<T> = {
    train,
    val: (split.val ?? []).map((c) => original(c, "val")),
    test: (split.test ?? []).map((c) => original(c, "test")),
  };
  // A path in two places (train and val, or twice in train) would leak or duplicate; so would a
  // fixed-parameter recipe with count > 1 (identical copies).
  const seen = new Map<string, AugmentedSplitName>();
  for (const name of ["train", "val", "test"] as const) {
    for (const item of out[name]) {
      const before = seen.get(item.id);
      if (before !== undefined) {
        throw new ParameterError(
          item.augmentation
            ? `clip ${JSON.stringify(item.path)} gets two identical copies ${augmentationKey(item.augmentation)}: a recipe with count > 1 needs a parameter range (or the clip is listed twice)`
            : `clip ${JSON.stringify(item.path)} is listed in both ${before} and ${name}`,
        );
      }
      seen.set(item.id, name);
    }
  }
  return out;
}
