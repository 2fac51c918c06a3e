/**
 * An experiment's configuration: everything that determines a training run, as one JSON object
 * (`runs/<name>/config.json`), so that re-running a saved config reproduces the run.
 *
 * Fields are grouped like the pipeline: data → split → features → augmentation → model → training.
 * {@link experimentConfig} fills in defaults and checks every field; {@link withOverrides} applies
 * dotted-path overrides (`{ "training.learningRate": 5e-4 }`, as `ser train --set` and tuning use).
 */
import { ParameterError } from "../util/errors";
import { assertPlainObject, assertPositive, assertPositiveInt, repr } from "../util/validate";
import { projectPath } from "../util/paths";
import { featureConfig, type FeatureConfig } from "../features/clip-features";
import { AUGMENTATION_PRESETS, validatePolicy, type AugmentationPolicy } from "../augment/policy";
import { CNN_LSTM_CONFIG_FIELDS, type CnnLstmConfig } from "../model/cnn-lstm";
import type { EarlyStoppingOptions, ReduceLrOnPlateauOptions } from "../model/train";
import { resolveSpecAugment, type SpecAugmentOptions } from "../augment/spec-augment";
import { DEFAULT_ACTOR_SPLIT, parseActorRange } from "../data/split";

/** Actors of each split (numbers, or ranges like "1-12" in JSON). */
export interface SplitConfig {
  train: number[];
  val: number[];
  /** Held out from training and model selection; may be empty. */
  test: number[];
}

/** Training options kept in the config (a JSON subset of the model's TrainOptions). */
export interface TrainingConfig {
  /** Maximum epochs, integer ≥ 1. Default 60. */
  epochs: number;
  /** Clips per batch. Default 64. */
  batchSize: number;
  /** Adam's learning rate. Default 0.001. */
  learningRate: number;
  /** "balanced" or null. Default null (RAVDESS is balanced but for neutral). */
  classWeight: "balanced" | null;
  /** Early stopping on val_loss, restoring the best weights; false turns it off. Default patience 12. */
  earlyStopping: EarlyStoppingOptions | false;
  /** Reduce-LR-on-plateau on val_loss; false turns it off. Default factor 0.5, patience 5, minLr 1e-5. */
  reduceLrOnPlateau: ReduceLrOnPlateauOptions | false;
  /** Label smoothing of the targets, in [0, 1). Default 0. */
  labelSmoothing: number;
  /** mixup's α (λ ~ Beta(α, α) per batch); 0 is off. Default 0. */
  mixupAlpha: number;
  /** SpecAugment-style time/feature masks of training batches (`{ timeMasks, timeWidth, freqMasks, freqWidth }`), or false. Default false. */
  specAugment: SpecAugmentOptions | false;
  /** "constant" (reduce-LR-on-plateau may lower the rate) or "cosine" (decay to 0 over the epochs). Default "constant". */
  schedule: "constant" | "cosine";
  /** Decoupled (AdamW) weight decay of the kernels, ≥ 0. Default 0. */
  weightDecay: number;
  /** Members of an ensemble, integer ≥ 1: each trained with its own seed, their probabilities averaged (one bundle). Default 1. */
  ensemble: number;
}

/** A complete experiment. Every field has a default ({@link DEFAULT_EXPERIMENT}). */
export interface ExperimentConfig {
  /** Run name: the folder under runs/. Default: a timestamp. */
  name: string;
  /** One seed for everything random: augmentation plan, initial weights, dropout, shuffling. Default 7. */
  seed: number;
  /** Where the RAVDESS clips are (`npm run data`). Default `<project>/data/ravdess`. */
  dataRoot: string;
  /** Use only these actors (null: every actor found). Default null. */
  actors: number[] | null;
  /**
   * Actors of train / validation / test. Default `DEFAULT_ACTOR_SPLIT`: train 1–16, val 17–20,
   * test 21–24 (absent from the 20-actor development archive, where the test set is then empty;
   * the notebooks use train 1–12, val 13–16, test 17–20 there to keep unseen actors for the end).
   */
  split: SplitConfig;
  /** The features (see FeatureConfig). Default: the seven features, summary vector of 195 means. */
  features: FeatureConfig;
  /** Augmentation of training clips: a preset name ("none", "seed", "varied") or a policy. Default "seed". */
  augmentation: "none" | "seed" | "varied" | AugmentationPolicy;
  /**
   * How features are standardised before the network: "global" (one mean/std per feature, fitted on
   * the training clips) or "speaker" (first each speaker's clips with that speaker's own statistics —
   * from unlabelled clips, so test speakers are normalised with their own clips — then "global").
   * "utterance": each clip standardised with its own statistics over its frames (needs no other
   * clip of the speaker: scores a single recording), then "global". Default "global".
   */
  normalization: "global" | "speaker" | "utterance";
  /** The network (CnnLstmConfig without inputShape, which comes from the features). Default: the seed network. */
  model: Omit<CnnLstmConfig, "inputShape" | "seed">;
  /** How it is trained. */
  training: TrainingConfig;
}

/** An ExperimentConfig given in part (nested groups in part too), as in JSON files and notebooks. */
export type PartialExperimentConfig = Partial<Omit<ExperimentConfig, "features" | "training" | "split">> & {
  features?: Partial<FeatureConfig>;
  training?: Partial<TrainingConfig>;
  split?: Partial<Record<keyof SplitConfig, number[] | string>>;
};

/** The defaults of every field. */
export const DEFAULT_EXPERIMENT: Readonly<Omit<ExperimentConfig, "name" | "dataRoot">> = Object.freeze({
  seed: 7,
  actors: null,
  split: { train: [...DEFAULT_ACTOR_SPLIT.train], val: [...(DEFAULT_ACTOR_SPLIT.val ?? [])], test: [...(DEFAULT_ACTOR_SPLIT.test ?? [])] },
  features: featureConfig(),
  augmentation: "seed" as const,
  normalization: "global" as const,
  model: {},
  training: {
    epochs: 60,
    batchSize: 64,
    learningRate: 0.001,
    classWeight: null,
    earlyStopping: { patience: 12, restoreBestWeights: true },
    reduceLrOnPlateau: { factor: 0.5, patience: 5, minLr: 1e-5 },
    labelSmoothing: 0,
    mixupAlpha: 0,
    specAugment: false as const,
    schedule: "constant" as const,
    weightDecay: 0,
    ensemble: 1,
  },
});

/** A run name from the current time: `2026-11-25T09-14-03`. */
export function timestampName(date = new Date()): string {
  return date.toISOString().slice(0, 19).replace(/:/g, "-");
}

function actorList(name: string, v: number[] | number | string | undefined, fallback: number[]): number[] {
  if (v === undefined) return [...fallback];
  const list = typeof v === "number" ? [v] : typeof v === "string" ? (v.trim() === "" ? [] : parseActorRange(v)) : v;
  if (!Array.isArray(list)) throw new ParameterError(`${name}=${repr(v)} must be actor numbers or a range like "1-12"`);
  for (const a of list) if (!Number.isInteger(a) || a < 1) throw new ParameterError(`${name} contains ${repr(a)}: actors are positive integers`);
  return [...list];
}

/** The augmentation policy a config names. */
export function augmentationPolicy(a: ExperimentConfig["augmentation"]): AugmentationPolicy {
  if (typeof a === "string") {
    const p = (AUGMENTATION_PRESETS as Record<string, AugmentationPolicy>)[a];
    if (!p) throw new ParameterError(`augmentation=${repr(a)} must be one of ${Object.keys(AUGMENTATION_PRESETS).join(", ")} or a policy object`);
    return p;
  }
  validatePolicy(a);
  return a;
}

const TOP_LEVEL = ["name", "seed", "dataRoot", "actors", "split", "features", "augmentation", "normalization", "model", "training"];

/**
 * A complete, checked ExperimentConfig from a partial one: defaults filled in, unknown fields
 * rejected (naming them), actor ranges parsed, splits checked to be disjoint.
 * @example const cfg = experimentConfig({ training: { epochs: 5 }, features: { representation: "sequence" } });
 */
export function experimentConfig(partial: PartialExperimentConfig = {}): ExperimentConfig {
  assertPlainObject("experiment config", partial);
  for (const k of Object.keys(partial)) {
    if (!TOP_LEVEL.includes(k)) throw new ParameterError(`unknown experiment field ${repr(k)}; known: ${TOP_LEVEL.join(", ")}`);
  }
  const d = DEFAULT_EXPERIMENT;
  const seed = partial.seed ?? d.seed;
  if (!Number.isFinite(seed)) throw new ParameterError(`seed=${repr(seed)} must be a finite number`);
  const split: SplitConfig = {
    train: actorList("split.train", partial.split?.train, d.split.train),
    val: actorList("split.val", partial.split?.val, d.split.val),
    test: actorList("split.test", partial.split?.test, d.split.test),
  };
  if (split.train.length === 0) throw new ParameterError("split.train is empty: training needs at least one actor");
  const seen = new Map<number, string>();
  for (const part of ["train", "val", "test"] as const) {
    for (const a of split[part]) {
      const before = seen.get(a);
      if (before) throw new ParameterError(`actor ${a} is in both split.${before} and split.${part}: splits must be speaker-independent`);
      seen.set(a, part);
    }
  }
  const trainingGiven = partial.training ?? {};
  for (const k of Object.keys(trainingGiven)) {
    if (!(k in d.training)) throw new ParameterError(`unknown training field ${repr(k)}; known: ${Object.keys(d.training).join(", ")}`);
  }
  const training: TrainingConfig = { ...d.training, ...trainingGiven } as TrainingConfig;
  assertPositiveInt("training.epochs", training.epochs);
  assertPositiveInt("training.batchSize", training.batchSize);
  assertPositive("training.learningRate", training.learningRate);
  if (training.classWeight !== null && training.classWeight !== "balanced") {
    throw new ParameterError(`training.classWeight=${repr(training.classWeight)} must be "balanced" or null`);
  }
  if (!(Number.isFinite(training.learningRate) && training.learningRate > 0))
    throw new ParameterError(`training.learningRate=${repr(training.learningRate)} must be a finite number > 0`);
  if (!(training.labelSmoothing >= 0 && training.labelSmoothing < 1))
    throw new ParameterError(`training.labelSmoothing=${repr(training.labelSmoothing)} must lie in [0, 1)`);
  if (!(Number.isFinite(training.mixupAlpha) && training.mixupAlpha >= 0))
    throw new ParameterError(`training.mixupAlpha=${repr(training.mixupAlpha)} must be a finite number ≥ 0 (0: off)`);
  if (training.specAugment !== false) resolveSpecAugment(training.specAugment);
  if (training.schedule !== "constant" && training.schedule !== "cosine")
    throw new ParameterError(`training.schedule=${repr(training.schedule)} must be "constant" or "cosine"`);
  if (!(Number.isFinite(training.weightDecay) && training.weightDecay >= 0))
    throw new ParameterError(`training.weightDecay=${repr(training.weightDecay)} must be a finite number ≥ 0`);
  assertPositiveInt("training.ensemble", training.ensemble);
  const augmentation = partial.augmentation ?? d.augmentation;
  augmentationPolicy(augmentation);
  const normalization = partial.normalization ?? d.normalization;
  if (normalization !== "global" && normalization !== "speaker" && normalization !== "utterance") {
    throw new ParameterError(`normalization=${repr(normalization)} must be "global", "speaker" or "utterance"`);
  }
  const modelFields = CNN_LSTM_CONFIG_FIELDS.filter((k) => k !== "inputShape" && k !== "seed") as string[];
  for (const k of Object.keys(partial.model ?? {})) {
    if (!modelFields.includes(k)) throw new ParameterError(`unknown model field ${repr(k)}; known: ${modelFields.join(", ")}`);
  }
  const actors = partial.actors === undefined || partial.actors === null ? null : actorList("actors", partial.actors, []);
  return {
    name: partial.name ?? timestampName(),
    seed,
    dataRoot: partial.dataRoot ?? projectPath("data", "ravdess"),
    actors,
    split,
    features: featureConfig({ ...d.features, ...(partial.features ?? {}) }),
    augmentation,
    normalization,
    model: { ...(partial.model ?? {}) },
    training,
  };
}

/**
 * Applies dotted-path overrides to a config: `{ "training.learningRate": 5e-4, "model.lstmUnits": 128,
 * "features.representation": "sequence", "augmentation": "none" }`. Unknown top-level groups are rejected.
 * @returns a new, checked config
 */
export function withOverrides(config: PartialExperimentConfig, overrides: Record<string, unknown>): ExperimentConfig {
  const out = JSON.parse(JSON.stringify(config)) as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides)) {
    const parts = key.split(".");
    if (!TOP_LEVEL.includes(parts[0]))
      throw new ParameterError(`override ${repr(key)}: ${repr(parts[0])} is not an experiment field (${TOP_LEVEL.join(", ")})`);
    let node = out;
    for (const p of parts.slice(0, -1)) {
      if (node[p] === undefined || node[p] === null || typeof node[p] !== "object") node[p] = {};
      node = node[p] as Record<string, unknown>;
    }
    node[parts[parts.length - 1]] = value;
  }
  return experimentConfig(out as PartialExperimentConfig);
}

/** Flattens a config to dotted keys with leaf values (for tables of runs). */
export function flattenConfig(value: unknown, prefix = ""): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return { [prefix]: Array.isArray(value) ? JSON.stringify(value) : value };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) Object.assign(out, flattenConfig(v, prefix ? `${prefix}.${k}` : k));
  return out;
}
