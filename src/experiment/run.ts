/**
 * One training run, end to end, written to `runs/<name>/`: build the dataset (speaker-independent,
 * augmentation on training clips only), fit the standardisation on training clips, build and train
 * the CNN+LSTM, score validation and test actors, and save everything a reader or a re-run needs:
 *
 * ```
 * runs/<name>/config.json        the complete ExperimentConfig (re-run it with `ser train --config`)
 * runs/<name>/history.json       per-epoch loss/accuracy (written after every epoch while training)
 * runs/<name>/metrics.json       validation and test scores, timings, dataset sizes
 * runs/<name>/predictions.json   every validation/test clip: file, actor, true and predicted emotion, probabilities
 * runs/<name>/model/             the model bundle (loadBundle): model, features, standardiser, labels, card
 * ```
 *
 * The run is built in a temporary sibling folder and renamed when complete, so `runs/` never holds a
 * half-written run.
 */
import fs from "node:fs";
import path from "node:path";
import { ParameterError } from "../util/errors";
import { abortDirAtomic, beginDirAtomic, commitDirAtomic, writeFileAtomic } from "../util/atomic-write";
import { ensureDir } from "../util/temp-dir";
import { projectPath } from "../util/paths";
import { buildCnnLstm, resolveCnnLstmConfig, type ResolvedCnnLstmConfig } from "../model/cnn-lstm";
import { trainModel, type EpochLog, type TrainingHistory } from "../model/train";
import { applyStandardizer, fitStandardizer, type Standardizer } from "../model/standardize";
import { predictProba, saveBundle } from "../model/bundle";
import type { ExtractProgress } from "./extract";
import { experimentConfig, augmentationPolicy, type ExperimentConfig, type PartialExperimentConfig } from "./config";
import { buildDataset, type Dataset, type SplitArrays } from "./dataset";
import { argmaxRows, evaluatePredictions, type Evaluation } from "./evaluate";
import { nativeTf } from "../model/backend";
import type * as tf from "@tensorflow/tfjs-node";

/** metrics.json of a run. */
export interface RunMetrics {
  name: string;
  createdAt: string;
  val: Evaluation | null;
  test: Evaluation | null;
  /**
   * A speaker-normalised model's test score when each clip is scored alone, as a new speaker with
   * one recording (normalised with its own statistics); null for other models or without test clips.
   */
  testSingleClip?: Evaluation | null;
  /** Clips per split (training includes augmented copies). */
  sizes: { train: number; trainOriginal: number; val: number; test: number };
  /** Epochs run, best epoch, mean seconds per epoch. */
  training: { epochs: number; bestEpoch: number | null; secondsPerEpoch: number; seconds: number };
  /** Feature extraction: seconds and cache hits. */
  extraction: Dataset["extraction"];
  inputShape: [number, number];
  /** Files that failed and were left out. */
  errors: { path: string; message: string }[];
}

/** One scored clip in predictions.json. */
export interface ClipPrediction {
  split: "val" | "test";
  path: string;
  actor: number;
  emotion: string;
  predicted: string;
  probabilities: number[];
}

/** What {@link runExperiment} returns. */
export interface RunResult {
  dir: string;
  config: ExperimentConfig;
  modelConfig: ResolvedCnnLstmConfig;
  history: TrainingHistory;
  metrics: RunMetrics;
  predictions: ClipPrediction[];
}

/** Options of {@link runExperiment}. */
export interface RunExperimentOptions {
  /** Folder of runs. Default `<project>/runs`. */
  runsDir?: string;
  /** Called after every epoch. */
  onEpoch?: (log: EpochLog, config: ExperimentConfig) => void | Promise<void>;
  /** Feature extraction progress. */
  onExtractProgress?: (p: ExtractProgress) => void;
  /** A dataset already built for this config's data, split, features, augmentation and seed (tuning reuses one). */
  dataset?: Dataset;
  /** Replace an existing run of the same name. Default false (an existing run is an error). */
  overwrite?: boolean;
  /** Worker threads for feature extraction. Default: all cores. */
  workers?: number;
  /** Feature cache root. Default `.cache/features`. */
  cacheDir?: string | null;
}

function score(
  split: SplitArrays,
  proba: ReturnType<typeof predictProba>,
  labels: string[],
  name: "val" | "test",
): { ev: Evaluation; preds: ClipPrediction[] } {
  const yPred = argmaxRows(proba);
  const preds = split.items.map((it, i) => ({
    split: name,
    path: it.path,
    actor: it.actor,
    emotion: it.clip.emotion,
    predicted: labels[yPred[i]],
    probabilities: Array.from(proba.data.subarray(i * proba.cols, (i + 1) * proba.cols), (v) => Math.round(v * 1e6) / 1e6),
  }));
  return { ev: evaluatePredictions(split.y, yPred, labels), preds };
}

/**
 * The key a dataset is shared under: everything in the config that changes the arrays — including
 * the normalisation, which buildDataset applies (speaker-normalised arrays differ from global ones).
 */
export function datasetKey(c: ExperimentConfig): string {
  return JSON.stringify([c.dataRoot, c.actors, c.split, c.features, augmentationPolicy(c.augmentation), c.seed, c.normalization]);
}

/**
 * Runs one experiment and writes `runs/<name>/`.
 * @param partial the configuration (defaults filled in by experimentConfig)
 * @example const r = await runExperiment({ name: "baseline", training: { epochs: 40 } });  // r.metrics.val.accuracy
 */
export async function runExperiment(partial: PartialExperimentConfig | ExperimentConfig, options: RunExperimentOptions = {}): Promise<RunResult> {
  nativeTf(); // training must run on the native backend
  const config = experimentConfig(partial as PartialExperimentConfig);
  if (!/^[\w.-]+$/.test(config.name)) throw new ParameterError(`name=${JSON.stringify(config.name)} may only contain letters, digits, '.', '_' and '-'`);
  const runsDir = path.resolve(options.runsDir ?? projectPath("runs"));
  const dir = path.join(runsDir, config.name);
  ensureDir(runsDir, "runs folder"); // a file given as --runs fails now, not after feature extraction
  if (fs.existsSync(dir) && !options.overwrite)
    throw new ParameterError(`a run named ${JSON.stringify(config.name)} already exists in ${runsDir} (choose another name, or overwrite)`);
  const dataset =
    options.dataset ?? (await buildDataset(config, { onProgress: options.onExtractProgress, workers: options.workers, cacheDir: options.cacheDir }));
  if (dataset.train.y.length === 0) throw new ParameterError("the training split is empty");
  const tmp = await beginDirAtomic(dir); // removed on failure and on SIGINT/SIGTERM; stale ones swept
  try {
    writeFileAtomic(path.join(tmp, "config.json"), JSON.stringify(config, null, 2) + "\n");
    const standardizer: Standardizer = fitStandardizer(dataset.train.x, dataset.shape);
    const xVal = dataset.val.y.length ? applyStandardizer(dataset.val.x, standardizer) : undefined;
    const hasVal = xVal !== undefined;
    const xTrain = applyStandardizer(dataset.train.x, standardizer);
    const tTrain = Date.now();
    // An ensemble trains `training.ensemble` members, member k with seed + 7919·k (its own initial
    // weights, dropout masks and shuffling; the same clips); member 1's history is the run's.
    const nMembers = config.training.ensemble;
    const members: tf.LayersModel[] = [];
    let modelConfig!: ResolvedCnnLstmConfig;
    let history!: TrainingHistory;
    for (let k = 0; k < nMembers; k++) {
      const seed = config.seed + 7919 * k;
      const mc = resolveCnnLstmConfig({ ...config.model, inputShape: dataset.shape, numClasses: dataset.labels.length, seed });
      const m = buildCnnLstm(mc);
      const h = await trainModel(
        m,
        { xTrain, yTrain: dataset.train.y, xVal, yVal: hasVal ? dataset.val.y : undefined, shape: dataset.shape },
        {
          epochs: config.training.epochs,
          batchSize: config.training.batchSize,
          learningRate: config.training.learningRate,
          classWeight: config.training.classWeight,
          seed,
          earlyStopping: hasVal ? config.training.earlyStopping : false,
          reduceLrOnPlateau: hasVal ? config.training.reduceLrOnPlateau : false,
          labelSmoothing: config.training.labelSmoothing,
          mixupAlpha: config.training.mixupAlpha,
          specAugment: config.training.specAugment,
          schedule: config.training.schedule,
          weightDecay: config.training.weightDecay,
          historyPath: path.join(tmp, k === 0 ? "history.json" : `history-member-${k + 1}.json`),
          onEpochEnd: options.onEpoch ? (log) => options.onEpoch!(log, config) : undefined,
        },
      );
      if (k === 0) {
        modelConfig = mc;
        history = h;
      }
      members.push(m);
    }
    const model = members[0];
    const trainSeconds = (Date.now() - tTrain) / 1000;
    const bundleLike = { model, members: members.slice(1), standardizer };
    const val = dataset.val.y.length ? score(dataset.val, predictProba(bundleLike, dataset.val.x), dataset.labels, "val") : null;
    const test = dataset.test.y.length ? score(dataset.test, predictProba(bundleLike, dataset.test.x), dataset.labels, "test") : null;
    const testSingle =
      dataset.test.y.length && dataset.test.xSingle ? score(dataset.test, predictProba(bundleLike, dataset.test.xSingle), dataset.labels, "test").ev : null;
    const metrics: RunMetrics = {
      name: config.name,
      createdAt: new Date().toISOString(),
      val: val?.ev ?? null,
      test: test?.ev ?? null,
      testSingleClip: testSingle,
      sizes: {
        train: dataset.train.y.length,
        trainOriginal: dataset.train.items.filter((it) => !it.augmentation).length,
        val: dataset.val.y.length,
        test: dataset.test.y.length,
      },
      training: {
        epochs: history.epoch.length,
        bestEpoch: history.bestEpoch,
        secondsPerEpoch: history.history.seconds.reduce((a, b) => a + b, 0) / Math.max(1, history.epoch.length),
        seconds: trainSeconds,
      },
      extraction: dataset.extraction,
      inputShape: dataset.shape,
      errors: dataset.errors.map((e) => ({ path: e.path, message: e.message })),
    };
    const predictions = [...(val?.preds ?? []), ...(test?.preds ?? [])];
    writeFileAtomic(path.join(tmp, "metrics.json"), JSON.stringify(metrics, null, 2) + "\n");
    writeFileAtomic(path.join(tmp, "predictions.json"), JSON.stringify(predictions) + "\n");
    const fmt = (e: Evaluation | null) => (e ? `accuracy ${(100 * e.accuracy).toFixed(1)}%, macro-F1 ${(100 * e.macroF1).toFixed(1)}%` : "—");
    await saveBundle(path.join(tmp, "model"), {
      model,
      members: members.slice(1),
      featureConfig: config.features,
      standardizer,
      labels: dataset.labels,
      modelConfig,
      trainingConfig: { ...config.training, seed: config.seed, augmentation: config.augmentation, normalization: config.normalization },
      history,
      metrics: {
        val: val ? { accuracy: val.ev.accuracy, macroF1: val.ev.macroF1 } : null,
        test: test ? { accuracy: test.ev.accuracy, macroF1: test.ev.macroF1 } : null,
      },
      card: {
        title: `Speech emotion recognition: ${config.name}`,
        data: `RAVDESS speech (${path.relative(projectPath(), config.dataRoot) || config.dataRoot}), ${metrics.sizes.trainOriginal} training clips (+${metrics.sizes.train - metrics.sizes.trainOriginal} augmented copies), ${metrics.sizes.val} validation, ${metrics.sizes.test} test`,
        split: `by actor: train ${config.split.train.join(",")}; val ${config.split.val.join(",") || "none"}; test ${config.split.test.join(",") || "none"} (no actor in two sets)`,
        notes: `Validation: ${fmt(metrics.val)}. Test: ${fmt(metrics.test)}. Augmentation (training clips only): ${typeof config.augmentation === "string" ? config.augmentation : (config.augmentation.name ?? "custom")}. Features: ${config.features.representation}, ${dataset.columns.length} columns, ${config.normalization} normalisation${config.normalization === "speaker" ? " (each speaker standardised with statistics of their own unlabelled clips: predictions need several clips per speaker)" : ""}.`,
      },
    });
    members.forEach((m) => m.dispose());
    // Replace atomically: the finished run appears at once.
    await commitDirAtomic(tmp, dir);
    return { dir, config, modelConfig, history, metrics, predictions };
  } catch (err) {
    await abortDirAtomic(tmp);
    throw err;
  }
}
