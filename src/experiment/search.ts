/**
 * Hyperparameter search over experiment settings, selected on validation actors only: a search
 * space maps dotted config paths to candidate values; grid search takes every combination, random
 * search a seeded sample of them. {@link tune} runs the trials, sharing one feature extraction
 * between trials whose data settings are equal.
 */
import { ParameterError } from "../util/errors";
import { Rng } from "../util/rng";
import { withOverrides, type ExperimentConfig, type PartialExperimentConfig } from "./config";
import { buildDataset, type Dataset } from "./dataset";
import { datasetKey, runExperiment, type RunExperimentOptions, type RunResult } from "./run";

/** Dotted config path → candidate values: `{ "training.learningRate": [1e-3, 5e-4], "augmentation": ["none", "seed"] }`. */
export type SearchSpace = Record<string, readonly unknown[]>;

/** Every combination of the space's values (the cartesian product), in a fixed order. */
export function gridSearch(space: SearchSpace): Record<string, unknown>[] {
  let out: Record<string, unknown>[] = [{}];
  for (const [key, values] of Object.entries(space)) {
    if (!Array.isArray(values) || values.length === 0) throw new ParameterError(`search space ${JSON.stringify(key)} needs at least one value`);
    out = out.flatMap((o) => values.map((v) => ({ ...o, [key]: v })));
  }
  return out;
}

/** `n` distinct combinations drawn from the grid with `seed` (all of them if the grid is smaller). */
export function randomSearch(space: SearchSpace, n: number, seed: number): Record<string, unknown>[] {
  if (!Number.isInteger(n) || n < 1) throw new ParameterError(`n=${n} must be a positive integer`);
  const grid = gridSearch(space);
  return new Rng(seed).shuffle(grid).slice(0, n);
}

/** Options of {@link tune}. */
export interface TuneOptions extends Omit<RunExperimentOptions, "dataset"> {
  /** Run names are `<prefix>-<NN>`. Default "tune". */
  prefix?: string;
  /** Called when a trial starts and when it ends. */
  onTrial?: (event: { trial: number; total: number; overrides: Record<string, unknown>; result?: RunResult }) => void | Promise<void>;
}

/**
 * Runs one experiment per trial (`base` with the trial's overrides), named `<prefix>-01`, ….
 * Trials are compared on their validation scores; test actors stay untouched until the end.
 * @returns the runs, in trial order
 * @example const runs = await tune({ training: { epochs: 30 } }, randomSearch(space, 8, 7));
 */
export async function tune(base: PartialExperimentConfig, trials: readonly Record<string, unknown>[], options: TuneOptions = {}): Promise<RunResult[]> {
  const prefix = options.prefix ?? "tune";
  const configs: ExperimentConfig[] = trials.map((o, i) => withOverrides({ ...base, name: `${prefix}-${String(i + 1).padStart(2, "0")}` }, o));
  const datasets = new Map<string, Dataset>();
  const results: RunResult[] = [];
  for (const [i, config] of configs.entries()) {
    await options.onTrial?.({ trial: i + 1, total: configs.length, overrides: trials[i] });
    const key = datasetKey(config);
    let dataset = datasets.get(key);
    if (!dataset) {
      dataset = await buildDataset(config, { onProgress: options.onExtractProgress, workers: options.workers, cacheDir: options.cacheDir });
      datasets.clear(); // keep one dataset in memory at a time
      datasets.set(key, dataset);
    }
    const result = await runExperiment(config, { ...options, dataset });
    results.push(result);
    await options.onTrial?.({ trial: i + 1, total: configs.length, overrides: trials[i], result });
  }
  return results;
}
