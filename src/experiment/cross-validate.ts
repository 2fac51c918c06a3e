/**
 * Speaker-independent cross-validation: the actors are partitioned into groups of k
 * (leave-k-actors-out, gender-balanced); in each fold one group is the test set, the next group
 * (cyclically) the validation set for early stopping, and the rest train. Every actor is tested
 * exactly once, never by a model that saw them.
 */
import { ParameterError } from "../util/errors";
import { Rng } from "../util/rng";
import { scanRavdess } from "../data/scan";
import { leaveActorsOut } from "../data/split";
import { experimentConfig, type PartialExperimentConfig } from "./config";
import { runExperiment, type RunExperimentOptions, type RunResult } from "./run";
import { evaluatePredictions, type Evaluation } from "./evaluate";

/** One fold's outcome. */
export interface FoldResult {
  fold: number;
  test: number[];
  val: number[];
  train: number[];
  run: RunResult;
}

/** Mean and (population) standard deviation of a score over folds. */
export interface MeanStd {
  mean: number;
  std: number;
  /** How many values. */
  n: number;
}

/** What {@link crossValidate} returns. */
export interface CrossValidation {
  folds: FoldResult[];
  /** Test scores over folds. */
  accuracy: MeanStd;
  macroF1: MeanStd;
  /** All folds' test predictions pooled: the confusion matrix of every clip scored once. */
  pooled: Evaluation | null;
}

/** Options of {@link crossValidate}. */
export interface CrossValidateOptions extends Omit<RunExperimentOptions, "dataset"> {
  /** Actors per held-out group. Default 4 (5 folds on 20 actors). */
  k?: number;
  /** Run names are `<prefix>-fold<N>`. Default "cv". */
  prefix?: string;
  /** Only run these folds (0-based), e.g. [0, 1] for a quick check. Default all. */
  folds?: number[];
  /** Called before each fold. */
  onFold?: (fold: number, total: number, split: { train: number[]; val: number[]; test: number[] }) => void | Promise<void>;
}

/** Mean ± population std of `xs` (NaN for none). */
export function meanStd(xs: readonly number[]): MeanStd {
  if (xs.length === 0) return { mean: NaN, std: NaN, n: 0 };
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const std = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
  return { mean, std, n: xs.length };
}

/**
 * Leave-k-actors-out cross-validation of an experiment configuration.
 * @example const cv = await crossValidate({ training: { epochs: 40 } }, { k: 4 });  // cv.accuracy.mean ± cv.accuracy.std
 */
export async function crossValidate(base: PartialExperimentConfig, options: CrossValidateOptions = {}): Promise<CrossValidation> {
  const k = options.k ?? 4;
  const prefix = options.prefix ?? "cv";
  const cfg = experimentConfig(base);
  let clips = await scanRavdess(cfg.dataRoot);
  if (cfg.actors) clips = clips.filter((c) => cfg.actors!.includes(c.actor));
  const groups = leaveActorsOut(clips, k, { rng: new Rng(cfg.seed), balanceGender: true }).map((f) => f.heldOut);
  if (groups.length < 3) throw new ParameterError(`k=${k} leaves ${groups.length} groups: cross-validation needs at least 3 (train, val, test)`);
  const wanted = options.folds ?? groups.map((_, i) => i);
  const folds: FoldResult[] = [];
  for (const f of wanted) {
    if (!(f >= 0 && f < groups.length)) throw new ParameterError(`fold ${f} does not exist (0..${groups.length - 1})`);
    const test = groups[f];
    const val = groups[(f + 1) % groups.length];
    const train = groups
      .filter((_, i) => i !== f && i !== (f + 1) % groups.length)
      .flat()
      .sort((a, b) => a - b);
    await options.onFold?.(f, groups.length, { train, val, test });
    const run = await runExperiment({ ...base, name: `${prefix}-fold${f + 1}`, split: { train, val, test } }, options);
    folds.push({ fold: f, test, val, train, run });
  }
  const accs = folds.map((f) => f.run.metrics.test!.accuracy);
  const f1s = folds.map((f) => f.run.metrics.test!.macroF1);
  // Pool every fold's test predictions: each clip of the tested actors is scored exactly once.
  const labels = folds[0]?.run.metrics.test ? folds[0].run.metrics.test.perClass.map((c) => c.label) : [];
  const preds = folds.flatMap((f) => f.run.predictions.filter((p) => p.split === "test"));
  const pooled = preds.length
    ? evaluatePredictions(Int32Array.from(preds.map((p) => labels.indexOf(p.emotion))), Int32Array.from(preds.map((p) => labels.indexOf(p.predicted))), labels)
    : null;
  return { folds, accuracy: meanStd(accs), macroF1: meanStd(f1s), pooled };
}
