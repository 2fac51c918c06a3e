/**
 * Evaluation protocols: named, fixed sets of speaker-independent folds, so that a recipe's score is
 * comparable from run to run and with the literature. Each fold holds out test actors, takes
 * validation actors for early stopping and model selection, and trains on every other actor of the
 * protocol; nothing is fitted on test actors' labels. A protocol runs every fold for every seed and
 * reports accuracy, UAR (balanced accuracy) and macro-F1 as mean ± population std over folds × seeds,
 * the pooled confusion matrix and the per-class recall.
 *
 * - `cv20`: 5 folds over actors 1–20 (what the 20-actor development archive allows): test groups
 *   {1–4}, {5–8}, {9–12}, {13–16}, {17–20} — two male (odd) and two female (even) actors each —
 *   validating on the next group, training on the other 12 actors.
 * - `reslstm5`: the 5 folds of Krasnoproshin & Vashkevich (ResLSTM-SA, DSPA 2026) over actors 1–24
 *   (the full archive): test {2,5,14,15,16} {3,6,7,13,18} {10,11,12,19,20} {8,17,21,23,24} {1,4,9,22},
 *   validation {3,6} {10,11} {8,17} {1,14} {2,5}.
 * - `split`: the config's own train/val/test split, as one fold.
 */
import { ParameterError } from "../util/errors";
import { scanRavdess } from "../data/scan";
import { experimentConfig, type ExperimentConfig, type PartialExperimentConfig } from "./config";
import { runExperiment, type RunExperimentOptions, type RunResult } from "./run";
import { evaluatePredictions, type Evaluation } from "./evaluate";
import { meanStd, type MeanStd } from "./cross-validate";

export { meanStd, type MeanStd };

/** One fold of a protocol: test and validation actors (training: every other actor of the protocol). */
export interface ProtocolFold {
  readonly test: readonly number[];
  readonly val: readonly number[];
}

/** A named protocol. */
export interface Protocol {
  readonly name: string;
  /** One line: where the folds come from. */
  readonly description: string;
  /** Every actor the protocol needs (training uses all of them but the fold's test and validation actors). */
  readonly actors: readonly number[];
  readonly folds: readonly ProtocolFold[];
}

const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);

const CV20_GROUPS = [range(1, 4), range(5, 8), range(9, 12), range(13, 16), range(17, 20)];

/** The protocols by name (see the module comment). `split` is built from a config by {@link protocolFor}. */
export const PROTOCOLS: Readonly<Record<"cv20" | "reslstm5", Protocol>> = Object.freeze({
  cv20: {
    name: "cv20",
    description: "5 folds over actors 1–20: test 4 actors (2 male, 2 female), validation the next 4, training the other 12",
    actors: range(1, 20),
    folds: CV20_GROUPS.map((test, i) => ({ test, val: CV20_GROUPS[(i + 1) % CV20_GROUPS.length] })),
  },
  reslstm5: {
    name: "reslstm5",
    description: "the 5 published folds of ResLSTM-SA (Krasnoproshin & Vashkevich, 2026) over actors 1–24",
    actors: range(1, 24),
    folds: [
      { test: [2, 5, 14, 15, 16], val: [3, 6] },
      { test: [3, 6, 7, 13, 18], val: [10, 11] },
      { test: [10, 11, 12, 19, 20], val: [8, 17] },
      { test: [8, 17, 21, 23, 24], val: [1, 14] },
      { test: [1, 4, 9, 22], val: [2, 5] },
    ],
  },
});

/** The names {@link protocolFor} accepts. */
export const PROTOCOL_NAMES = ["cv20", "reslstm5", "split"] as const;
export type ProtocolName = (typeof PROTOCOL_NAMES)[number];

/**
 * The protocol of a name; `split` is the config's own split as one fold.
 * @throws ParameterError for an unknown name
 */
export function protocolFor(name: string, config: ExperimentConfig): Protocol {
  if (name === "split") {
    return {
      name: "split",
      description: `the config's split: train ${config.split.train.join(",")} / val ${config.split.val.join(",") || "none"} / test ${config.split.test.join(",") || "none"}`,
      actors: [...config.split.train, ...config.split.val, ...config.split.test].sort((a, b) => a - b),
      folds: [{ test: config.split.test, val: config.split.val }],
    };
  }
  const p = (PROTOCOLS as Record<string, Protocol>)[name];
  if (!p) throw new ParameterError(`protocol=${JSON.stringify(name)} is not one of ${PROTOCOL_NAMES.join(", ")}`);
  return p;
}

/** The training actors of a fold: the protocol's actors minus the fold's test and validation actors. */
export function foldTrainActors(protocol: Protocol, fold: ProtocolFold): number[] {
  const out = new Set([...fold.test, ...fold.val]);
  return protocol.actors.filter((a) => !out.has(a));
}

/** One trained model of a protocol: a fold and a seed. */
export interface ProtocolRun {
  fold: number;
  seed: number;
  test: readonly number[];
  val: readonly number[];
  run: RunResult;
}

/** What {@link runProtocol} returns. */
export interface ProtocolResult {
  protocol: Protocol;
  seeds: number[];
  runs: ProtocolRun[];
  /** Test scores, mean ± std over folds × seeds. */
  accuracy: MeanStd;
  uar: MeanStd;
  macroF1: MeanStd;
  /** Validation scores, mean ± std over folds × seeds. */
  valAccuracy: MeanStd;
  /**
   * Speaker-normalised recipes: the test scores when every clip is scored alone (a new speaker with
   * one recording, normalised with its own statistics). Null for other recipes.
   */
  singleClip: { accuracy: MeanStd; uar: MeanStd; macroF1: MeanStd } | null;
  /** Every test prediction of every run pooled (each clip once per seed). */
  pooled: Evaluation;
  /** The normalisation the runs used (result tables must say whether it was per speaker). */
  normalization: ExperimentConfig["normalization"];
  /**
   * With two or more seeds: the ensemble of each fold's seeds (their test probabilities averaged),
   * scored per fold (mean ± std over folds) and pooled. Null with one seed.
   */
  ensemble: { accuracy: MeanStd; uar: MeanStd; macroF1: MeanStd; pooled: Evaluation } | null;
}

/**
 * Scores the ensembles of a protocol's seeds: for each fold, the test probabilities of its runs
 * averaged clip by clip, then the argmax.
 */
export function seedEnsemble(runs: readonly ProtocolRun[], labels: readonly string[]): ProtocolResult["ensemble"] {
  const byFold = new Map<number, ProtocolRun[]>();
  for (const r of runs) byFold.set(r.fold, [...(byFold.get(r.fold) ?? []), r]);
  if ([...byFold.values()].every((rs) => rs.length < 2)) return null;
  const perFold: Evaluation[] = [];
  const allTrue: number[] = [];
  const allPred: number[] = [];
  for (const rs of byFold.values()) {
    const sum = new Map<string, { emotion: string; p: number[] }>();
    for (const r of rs) {
      for (const p of r.run.predictions) {
        if (p.split !== "test") continue;
        const e = sum.get(p.path);
        if (!e) sum.set(p.path, { emotion: p.emotion, p: [...p.probabilities] });
        else p.probabilities.forEach((v, k) => (e.p[k] += v));
      }
    }
    const yTrue: number[] = [];
    const yPred: number[] = [];
    for (const { emotion, p } of sum.values()) {
      yTrue.push(labels.indexOf(emotion));
      yPred.push(p.indexOf(Math.max(...p)));
    }
    perFold.push(evaluatePredictions(Int32Array.from(yTrue), Int32Array.from(yPred), labels));
    allTrue.push(...yTrue);
    allPred.push(...yPred);
  }
  return {
    accuracy: meanStd(perFold.map((e) => e.accuracy)),
    uar: meanStd(perFold.map((e) => e.balancedAccuracy)),
    macroF1: meanStd(perFold.map((e) => e.macroF1)),
    pooled: evaluatePredictions(Int32Array.from(allTrue), Int32Array.from(allPred), labels),
  };
}

/** Options of {@link runProtocol}. */
export interface RunProtocolOptions extends Omit<RunExperimentOptions, "dataset"> {
  /** Seeds; each fold is trained once per seed. Default [config.seed]. */
  seeds?: number[];
  /** Only these folds (0-based). Default all. */
  folds?: number[];
  /** Run names are `<prefix>-f<fold>-s<seed>`. Default the protocol's name. */
  prefix?: string;
  /** Called after every run. */
  onRun?: (r: ProtocolRun, done: number, total: number) => void | Promise<void>;
}

/**
 * Runs a recipe under a protocol: every fold × seed is one {@link runExperiment}.
 * @throws ParameterError naming the missing actors when the data lacks actors the protocol needs
 * @example const r = await runProtocol(cfg, "cv20", { seeds: [7, 8, 9] });  // r.accuracy.mean, r.uar.mean
 */
export async function runProtocol(base: PartialExperimentConfig, name: string, options: RunProtocolOptions = {}): Promise<ProtocolResult> {
  const config = experimentConfig(base);
  const protocol = protocolFor(name, config);
  const clips = await scanRavdess(config.dataRoot);
  const present = new Set(clips.map((c) => c.actor));
  const missing = protocol.actors.filter((a) => !present.has(a));
  if (missing.length) {
    throw new ParameterError(
      `protocol ${protocol.name} needs actors ${protocol.actors[0]}–${protocol.actors[protocol.actors.length - 1]}, but ${config.dataRoot} has no clips of actor(s) ${missing.join(", ")}` +
        (protocol.name === "reslstm5" ? " — it needs the full official archive (Audio_Speech_Actors_01-24.zip): `npm run data -- --from <zip>`" : ""),
    );
  }
  const seeds = options.seeds ?? [config.seed];
  const wanted = options.folds ?? protocol.folds.map((_, i) => i);
  for (const f of wanted)
    if (!(Number.isInteger(f) && f >= 0 && f < protocol.folds.length))
      throw new ParameterError(`fold ${f} does not exist in ${protocol.name} (0..${protocol.folds.length - 1})`);
  const prefix = options.prefix ?? protocol.name;
  const runs: ProtocolRun[] = [];
  const total = wanted.length * seeds.length;
  for (const seed of seeds) {
    for (const f of wanted) {
      const fold = protocol.folds[f];
      const split = { train: foldTrainActors(protocol, fold), val: [...fold.val], test: [...fold.test] };
      const run = await runExperiment({ ...config, name: `${prefix}-f${f + 1}-s${seed}`, seed, actors: null, split }, options);
      const r: ProtocolRun = { fold: f, seed, test: fold.test, val: fold.val, run };
      runs.push(r);
      await options.onRun?.(r, runs.length, total);
    }
  }
  const tests = runs.map((r) => r.run.metrics.test).filter((e): e is Evaluation => e !== null);
  const labels = tests[0]?.perClass.map((c) => c.label) ?? [];
  const preds = runs.flatMap((r) => r.run.predictions.filter((p) => p.split === "test"));
  const idx = (l: string) => labels.indexOf(l);
  const singles = runs.map((r) => r.run.metrics.testSingleClip).filter((e): e is Evaluation => e != null);
  return {
    protocol,
    seeds,
    runs,
    accuracy: meanStd(tests.map((e) => e.accuracy)),
    uar: meanStd(tests.map((e) => e.balancedAccuracy)),
    macroF1: meanStd(tests.map((e) => e.macroF1)),
    valAccuracy: meanStd(runs.map((r) => r.run.metrics.val?.accuracy).filter((v): v is number => v !== undefined)),
    pooled: evaluatePredictions(Int32Array.from(preds.map((p) => idx(p.emotion))), Int32Array.from(preds.map((p) => idx(p.predicted))), labels),
    normalization: config.normalization,
    ensemble: seedEnsemble(runs, labels),
    singleClip: singles.length
      ? {
          accuracy: meanStd(singles.map((e) => e.accuracy)),
          uar: meanStd(singles.map((e) => e.balancedAccuracy)),
          macroF1: meanStd(singles.map((e) => e.macroF1)),
        }
      : null,
  };
}
