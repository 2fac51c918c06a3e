/**
 * Reading saved runs (`runs/<name>/`) back: one run in full, or a table of all of them for the
 * tuning notebook (one row per run: the settings that vary and the scores).
 */
import fs from "node:fs";
import path from "node:path";
import { FileError } from "../util/errors";
import { projectPath } from "../util/paths";
import type { TrainingHistory } from "../model/train";
import { flattenConfig, type ExperimentConfig } from "./config";
import type { ClipPrediction, RunMetrics } from "./run";

/** A saved run. */
export interface SavedRun {
  dir: string;
  config: ExperimentConfig;
  metrics: RunMetrics;
  history: TrainingHistory;
}

function readJson<T>(file: string): T {
  if (!fs.existsSync(file)) throw new FileError(file, "missing: not a complete run folder");
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch (err) {
    throw new FileError(file, `not valid JSON (${(err as Error).message})`);
  }
}

/** Loads config, metrics and history of the run in `dir`. */
export function loadRun(dir: string): SavedRun {
  return {
    dir,
    config: readJson<ExperimentConfig>(path.join(dir, "config.json")),
    metrics: readJson<RunMetrics>(path.join(dir, "metrics.json")),
    history: readJson<TrainingHistory>(path.join(dir, "history.json")),
  };
}

/** The validation/test predictions of the run in `dir`. */
export function loadPredictions(dir: string): ClipPrediction[] {
  return readJson<ClipPrediction[]>(path.join(dir, "predictions.json"));
}

/** Complete runs in `runsDir` (folders with metrics.json), oldest first; `filter` keeps names matching it. */
export function listRunDirs(runsDir = projectPath("runs"), filter?: RegExp): string[] {
  if (!fs.existsSync(runsDir)) return [];
  return fs
    .readdirSync(runsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith(".") && (!filter || filter.test(e.name)))
    .map((e) => path.join(runsDir, e.name))
    .filter((d) => fs.existsSync(path.join(d, "metrics.json")))
    .map((d) => [d, readJson<RunMetrics>(path.join(d, "metrics.json")).createdAt] as const)
    .sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([d]) => d);
}

/** One row of the runs table. */
export type RunRow = Record<string, string | number | null>;

/**
 * A table of runs: name, date, scores, epochs and time, plus every config setting that differs
 * between the runs (dotted names like `training.learningRate`). `hideTest` leaves the test scores out
 * (while choosing among runs, they must not be looked at); `include` adds config settings as columns
 * even where every run has the same value (so a chart can always read them).
 * @example showTable(runsTable(listRunDirs(undefined, /^tune-/)).sort((a, b) => b["val.macroF1"] - a["val.macroF1"]));
 */
export function runsTable(dirs: readonly string[] = listRunDirs(), options: { hideTest?: boolean; include?: readonly string[] } = {}): RunRow[] {
  const runs = dirs.map(loadRun);
  const flat = runs.map((r) => {
    const f = flattenConfig({ ...r.config, name: undefined, dataRoot: undefined });
    delete f.name;
    delete f.dataRoot;
    return f;
  });
  const keys = [...new Set(flat.flatMap((f) => Object.keys(f)))].sort();
  const varying = [...new Set([...(options.include ?? []), ...keys.filter((k) => new Set(flat.map((f) => JSON.stringify(f[k]))).size > 1)])];
  return runs.map((r, i) => {
    const row: RunRow = {
      name: r.metrics.name,
      "val.accuracy": r.metrics.val?.accuracy ?? null,
      "val.macroF1": r.metrics.val?.macroF1 ?? null,
      ...(options.hideTest ? {} : { "test.accuracy": r.metrics.test?.accuracy ?? null, "test.macroF1": r.metrics.test?.macroF1 ?? null }),
      epochs: r.metrics.training.epochs,
      bestEpoch: r.metrics.training.bestEpoch,
      secondsPerEpoch: r.metrics.training.secondsPerEpoch,
    };
    for (const k of varying) {
      const v = flat[i][k];
      row[k] = v === undefined ? null : typeof v === "number" || typeof v === "string" ? v : JSON.stringify(v);
    }
    return row;
  });
}
