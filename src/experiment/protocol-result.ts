/**
 * A protocol's result as JSON: what `npm run bench:accuracy -- --protocol <name> --json <file>`
 * writes (configs/results/<protocol>-<recipe>.json), read back and checked, so a notebook can show
 * a result that took hours to compute without recomputing it.
 *
 *   { "config": "configs/best.json", "overrides": {}, "createdAt": "…",
 *     "protocol": { "name": "cv20", "seeds": [7, 8, 9], "normalization": "speaker",
 *                   "accuracy": { "mean", "std", "n" }, "uar", "macroF1", "valAccuracy",
 *                   "singleClip": { "accuracy", "uar", "macroF1" } | null, "ensemble": … | null,
 *                   "perClassRecall": { "neutral": 0.61, … }, "confusion": [[…], …] (rows true, columns predicted),
 *                   "runs": [{ "fold", "seed", "test", "val", "accuracy", "uar", "macroF1", "valAccuracy", "bestEpoch" }] } }
 */
import fs from "node:fs";
import path from "node:path";
import { FileError } from "../util/errors";
import { projectPath } from "../util/paths";
import { repr } from "../util/validate";
import type { MeanStd } from "./cross-validate";
import type { ProtocolResult } from "./protocol";

/** Test scores of a protocol, mean ± std over its runs (folds × seeds, or folds for an ensemble). */
export interface ProtocolScores {
  accuracy: MeanStd;
  /** Unweighted average recall = balanced accuracy. */
  uar: MeanStd;
  macroF1: MeanStd;
}

/** One run (fold × seed) of a protocol's result file. */
export interface ProtocolRunSummary {
  fold: number;
  seed: number;
  test: number[];
  val: number[];
  accuracy?: number;
  uar?: number;
  macroF1?: number;
  valAccuracy?: number;
  bestEpoch: number | null;
}

/** The `protocol` part of a result file: a {@link ProtocolResult} without the runs' models and predictions. */
export interface ProtocolSummary extends ProtocolScores {
  name: string;
  seeds: number[];
  /** The recipe's normalisation ("speaker": each speaker standardised with their own clips' statistics). */
  normalization: "global" | "speaker" | "utterance";
  valAccuracy: MeanStd;
  /** Speaker-normalised recipes: every test clip scored alone (a new speaker with one recording). */
  singleClip: ProtocolScores | null;
  /** Two or more seeds: each fold's seeds averaged (probabilities), scored per fold. */
  ensemble: ProtocolScores | null;
  /** Recall of each class over every pooled test prediction, in label order. */
  perClassRecall: Record<string, number>;
  /** Pooled test predictions, rows = true class, columns = predicted (perClassRecall's label order). */
  confusion: number[][];
  runs: ProtocolRunSummary[];
}

/** A result file: which recipe, with which overrides, when, and the summary. */
export interface ProtocolResultFile {
  /** The recipe file, relative to the project root. */
  config: string;
  overrides: Record<string, unknown>;
  createdAt: string;
  protocol: ProtocolSummary;
}

/** The summary of a protocol's result, as the result file stores it. */
export function protocolSummary(res: ProtocolResult): ProtocolSummary {
  const scores = (s: ProtocolScores) => ({ accuracy: s.accuracy, uar: s.uar, macroF1: s.macroF1 });
  return {
    name: res.protocol.name,
    seeds: res.seeds,
    normalization: res.normalization,
    accuracy: res.accuracy,
    uar: res.uar,
    macroF1: res.macroF1,
    valAccuracy: res.valAccuracy,
    singleClip: res.singleClip,
    ensemble: res.ensemble && scores(res.ensemble),
    perClassRecall: Object.fromEntries(res.pooled.perClass.map((c) => [c.label, c.recall])),
    confusion: res.pooled.confusion,
    runs: res.runs.map((r) => ({
      fold: r.fold,
      seed: r.seed,
      test: [...r.test],
      val: [...r.val],
      accuracy: r.run.metrics.test?.accuracy,
      uar: r.run.metrics.test?.balancedAccuracy,
      macroF1: r.run.metrics.test?.macroF1,
      valAccuracy: r.run.metrics.val?.accuracy,
      bestEpoch: r.run.metrics.training.bestEpoch,
    })),
  };
}

/** Where result files are kept, relative to the project root. */
export const PROTOCOL_RESULTS_DIR = "configs/results";

/** Where a recipe's result under a protocol is kept: `configs/results/<protocol>-<recipe>.json` (or in `dir`). */
export function protocolResultPath(config: string, protocol: string, dir = PROTOCOL_RESULTS_DIR): string {
  return `${dir}/${protocol}-${path.basename(config, ".json")}.json`;
}

/** The command that makes a recipe's result file. */
export function protocolCommand(config: string, protocol: string, seeds = 3, dir = PROTOCOL_RESULTS_DIR): string {
  return `npm run bench:accuracy -- --config ${config} --protocol ${protocol} --seeds ${seeds} --json ${protocolResultPath(config, protocol, dir)}`;
}

type Check = (where: string, v: unknown) => void;

function checker(file: string): { fail: (where: string, v: unknown, want: string) => never; num: Check; meanStd: Check; scores: Check } {
  const fail = (where: string, v: unknown, want: string): never => {
    throw new FileError(file, `${where}=${repr(v)} ${want}`);
  };
  const num: Check = (where, v) => {
    if (typeof v !== "number" || !Number.isFinite(v)) fail(where, v, "must be a finite number");
  };
  const meanStd: Check = (where, v) => {
    if (!v || typeof v !== "object") fail(where, v, "must be { mean, std, n }");
    const m = v as Record<string, unknown>;
    num(`${where}.mean`, m.mean);
    num(`${where}.std`, m.std);
    if (!(Number.isInteger(m.n) && (m.n as number) >= 1)) fail(`${where}.n`, m.n, "must be an integer ≥ 1");
  };
  const scores: Check = (where, v) => {
    if (!v || typeof v !== "object") fail(where, v, "must be { accuracy, uar, macroF1 } or null");
    for (const k of ["accuracy", "uar", "macroF1"]) meanStd(`${where}.${k}`, (v as Record<string, unknown>)[k]);
  };
  return { fail, num, meanStd, scores };
}

/**
 * Reads and checks a protocol result file (as `bench/accuracy.ts --json` writes it).
 * @param file relative to the project root (or absolute)
 * @throws FileError naming the file: missing, not JSON, or a field missing or wrong (named, with its value)
 * @example const r = readProtocolResult("configs/results/cv20-best.json");  // r.protocol.uar.mean
 */
export function readProtocolResult(file: string): ProtocolResultFile {
  const abs = path.isAbsolute(file) ? file : projectPath(file);
  if (!fs.existsSync(abs)) throw new FileError(file, "no such protocol result file");
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(abs, "utf8"));
  } catch (err) {
    throw new FileError(file, `not valid JSON (${(err as Error).message})`);
  }
  const { fail, num, meanStd, scores } = checker(file);
  if (!json || typeof json !== "object" || Array.isArray(json)) fail("the file", json, "must be a JSON object");
  const top = json as Record<string, unknown>;
  if (typeof top.config !== "string") fail("config", top.config, "must be the recipe file's path");
  const p = top.protocol as Record<string, unknown>;
  if (!p || typeof p !== "object") fail("protocol", p, "must be an object: was the file written with --protocol?");
  if (typeof p.name !== "string" || p.name === "") fail("protocol.name", p.name, "must be the protocol's name");
  if (!Array.isArray(p.seeds) || p.seeds.length === 0 || !p.seeds.every((s) => Number.isInteger(s)))
    fail("protocol.seeds", p.seeds, "must be a non-empty list of integer seeds");
  if (!["global", "speaker", "utterance"].includes(p.normalization as string))
    fail("protocol.normalization", p.normalization, 'must be "global", "speaker" or "utterance"');
  for (const k of ["accuracy", "uar", "macroF1", "valAccuracy"]) meanStd(`protocol.${k}`, p[k]);
  for (const k of ["singleClip", "ensemble"]) if (p[k] !== null && p[k] !== undefined) scores(`protocol.${k}`, p[k]);
  const recall = p.perClassRecall as Record<string, unknown>;
  if (!recall || typeof recall !== "object" || Object.keys(recall).length < 2) fail("protocol.perClassRecall", recall, "must map every class to its recall");
  for (const [label, r] of Object.entries(recall)) num(`protocol.perClassRecall.${label}`, r);
  const k = Object.keys(recall).length;
  const cm = p.confusion as unknown[];
  if (!Array.isArray(cm) || cm.length !== k) fail("protocol.confusion", cm, `must be ${k} rows (one per class of perClassRecall)`);
  cm.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== k || !row.every((c) => Number.isInteger(c) && c >= 0))
      fail(`protocol.confusion[${i}]`, row, `must be ${k} counts`);
  });
  if (!Array.isArray(p.runs) || p.runs.length === 0) fail("protocol.runs", p.runs, "must list the runs");
  (p.runs as Record<string, unknown>[]).forEach((r, i) => {
    if (!r || typeof r !== "object") fail(`protocol.runs[${i}]`, r, "must be an object");
    for (const f of ["accuracy", "uar", "macroF1", "valAccuracy"] as const) if (r[f] !== undefined) num(`protocol.runs[${i}].${f}`, r[f]);
  });
  return {
    config: top.config as string,
    overrides: (top.overrides ?? {}) as Record<string, unknown>,
    createdAt: String(top.createdAt ?? ""),
    protocol: { singleClip: null, ensemble: null, ...(p as object) } as ProtocolSummary,
  };
}

/** A recipe's result file, found or not. */
export interface ProtocolResultEntry {
  /** The recipe's name (the config file's base name: "best", "seed"). */
  recipe: string;
  config: string;
  /** Where the result is (or would be). */
  file: string;
  /** The result; null when the file is missing. */
  result: ProtocolResultFile | null;
  /** The command that makes the file. */
  command: string;
}

/**
 * The result files of some recipes under a protocol ({@link protocolResultPath}); a missing file is
 * an entry with `result: null` and the command that makes it, a broken one an error.
 * @param seeds the seeds the command asks for. Default 3.
 * @param dir where the files are, relative to the project root. Default `configs/results`.
 * @example const entries = loadProtocolResults(["configs/best.json", "configs/seed.json"], "cv20");
 */
export function loadProtocolResults(configs: readonly string[], protocol: string, seeds = 3, dir = PROTOCOL_RESULTS_DIR): ProtocolResultEntry[] {
  return configs.map((config) => {
    const file = protocolResultPath(config, protocol, dir);
    const result = fs.existsSync(projectPath(file)) ? readProtocolResult(file) : null;
    if (result && result.protocol.name !== protocol) throw new FileError(file, `holds protocol ${repr(result.protocol.name)}, not ${repr(protocol)}`);
    return { recipe: path.basename(config, ".json"), config, file, result, command: protocolCommand(config, protocol, seeds, dir) };
  });
}
