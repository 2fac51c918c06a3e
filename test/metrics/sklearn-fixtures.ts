// Replays the scikit-learn records of test/fixtures/metrics/*.json (made by make_metrics.py)
// through src/metrics and measures how far our numbers are from sklearn's.
import fs from "node:fs";
import path from "node:path";
import * as m from "../../src/metrics";
import type { ClassLabels } from "../../src/metrics";
import { ParameterError } from "../../src/util/errors";

export const FIXTURE_DIR = path.join(__dirname, "..", "fixtures", "metrics");

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export interface SkRecord {
  fn: string;
  kwargs: Record<string, Json>;
  call: string;
  result?: Json;
  error?: string;
  warnings: [string, string][];
  y_true?: (number | string)[];
  y_pred?: (number | string)[];
}

export interface SkCase {
  sklearn: string;
  case: string;
  y_true: (number | string)[];
  y_pred: (number | string)[];
  records: SkRecord[];
}

/** Every label-set fixture (not errors.json). */
export function loadCases(): SkCase[] {
  return fs
    .readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith(".json") && f !== "errors.json")
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, f), "utf8")) as SkCase);
}

export function loadErrors(): SkRecord[] {
  return (JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, "errors.json"), "utf8")) as { records: SkRecord[] }).records;
}

/** JSON value → number (the fixture writes NaN and infinities as strings). */
export function num(v: Json): number {
  if (v === "NaN") return NaN;
  if (v === "Infinity") return Infinity;
  if (v === "-Infinity") return -Infinity;
  if (typeof v !== "number") throw new Error(`fixture value ${JSON.stringify(v)} is not a number`);
  return v;
}

/** sklearn keyword arguments → our options object. */
export function toOptions(kwargs: Record<string, Json>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(kwargs)) {
    const key = k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    if (k === "zero_division" || k === "beta" || k === "replace_undefined_by") out[key] = typeof v === "string" && v !== "warn" ? num(v) : v;
    else out[key] = v;
  }
  return out;
}

export interface Replay {
  /** Our result in sklearn's shape (prfs → [p, r, f, s], confusion matrix → rows). */
  ours: unknown;
  /** Warnings we emitted, [category, message]. */
  warnings: [string, string][];
}

/** Calls the ser-toolkit function that mirrors `rec.fn` with the same arguments. */
export function replay(rec: SkRecord, yTrue: ClassLabels, yPred: ClassLabels): Replay {
  const warnings: [string, string][] = [];
  const opts = { ...toOptions(rec.kwargs), onWarning: (msg: string, cat: string) => warnings.push([cat, msg]) } as never;
  let ours: unknown;
  switch (rec.fn) {
    case "accuracy_score":
      ours = m.accuracyScore(yTrue, yPred, opts);
      break;
    case "balanced_accuracy_score":
      ours = m.balancedAccuracyScore(yTrue, yPred, opts);
      break;
    case "precision_recall_fscore_support": {
      const r = m.precisionRecallFscoreSupport(yTrue, yPred, opts);
      ours = [r.precision, r.recall, r.fbetaScore, r.support];
      break;
    }
    case "precision_score":
      ours = m.precisionScore(yTrue, yPred, opts);
      break;
    case "recall_score":
      ours = m.recallScore(yTrue, yPred, opts);
      break;
    case "f1_score":
      ours = m.f1Score(yTrue, yPred, opts);
      break;
    case "fbeta_score":
      ours = m.fbetaScore(yTrue, yPred, opts);
      break;
    case "confusion_matrix": {
      const cm = m.confusionMatrix(yTrue, yPred, opts);
      ours = Array.from({ length: cm.rows }, (_, r) => Array.from(cm.values.subarray(r * cm.cols, (r + 1) * cm.cols)));
      break;
    }
    case "cohen_kappa_score":
      ours = m.cohenKappaScore(yTrue, yPred, opts);
      break;
    case "classification_report": {
      const r = m.classificationReport(yTrue, yPred, opts);
      ours = "text" in r && typeof r.text === "string" ? r.text : r;
      break;
    }
    default:
      throw new Error(`no replay for ${rec.fn}`);
  }
  return { ours, warnings };
}

export interface Diff {
  /** Largest |ours − sklearn| over all numbers compared (0 when all equal). */
  maxAbs: number;
  /** Numbers compared, and how many were bit-identical. */
  count: number;
  identical: number;
  /** First structural mismatch, if any. */
  problem: string | null;
}

/** Compares our result with sklearn's, number by number (NaN equals NaN). */
export function compare(ours: unknown, expected: Json, where = "result"): Diff {
  const d: Diff = { maxAbs: 0, count: 0, identical: 0, problem: null };
  const walk = (a: unknown, e: Json, at: string): void => {
    if (d.problem) return;
    if (e === null) {
      if (a !== null) d.problem = `${at}: expected null, got ${JSON.stringify(a)}`;
      return;
    }
    if (typeof e === "number" || e === "NaN" || e === "Infinity" || e === "-Infinity") {
      const x = num(e);
      if (typeof a !== "number") {
        d.problem = `${at}: expected ${x}, got ${JSON.stringify(a)}`;
        return;
      }
      d.count++;
      if (Object.is(a, x) || (Number.isNaN(a) && Number.isNaN(x)) || a === x) {
        d.identical++;
        return;
      }
      const diff = Math.abs(a - x);
      if (!Number.isFinite(diff)) {
        d.problem = `${at}: expected ${x}, got ${a}`;
        return;
      }
      d.maxAbs = Math.max(d.maxAbs, diff);
      return;
    }
    if (typeof e === "string") {
      if (a !== e) d.problem = `${at}: strings differ\n--- sklearn\n${e}\n--- ours\n${String(a)}`;
      return;
    }
    if (Array.isArray(e)) {
      if (!Array.isArray(a) || a.length !== e.length) {
        d.problem = `${at}: expected an array of ${e.length}, got ${JSON.stringify(a)}`;
        return;
      }
      e.forEach((v, i) => walk(a[i], v, `${at}[${i}]`));
      return;
    }
    if (typeof e === "object") {
      const ao = a as Record<string, unknown>;
      const keysE = Object.keys(e).sort();
      const keysA = Object.keys(ao ?? {}).sort();
      if (JSON.stringify(keysE) !== JSON.stringify(keysA)) {
        d.problem = `${at}: keys ${JSON.stringify(keysA)} instead of ${JSON.stringify(keysE)}`;
        return;
      }
      for (const k of keysE) walk(ao[k], e[k], `${at}.${k}`);
    }
  };
  walk(ours, expected, where);
  return d;
}

/** sklearn's warnings that ser-toolkit reproduces (numpy's RuntimeWarnings are not). */
export function comparableWarnings(ws: [string, string][]): [string, string][] {
  return ws.filter(([cat]) => cat === "UndefinedMetricWarning" || cat === "UserWarning");
}

/** Runs every record of `fns` in every case; returns the worst difference and a list of failures. */
export function checkAgainstSklearn(fns: readonly string[]): { records: number; numbers: number; identical: number; maxAbs: number; failures: string[] } {
  const out = { records: 0, numbers: 0, identical: 0, maxAbs: 0, failures: [] as string[] };
  for (const c of loadCases()) {
    for (const rec of c.records) {
      if (!fns.includes(rec.fn)) continue;
      out.records++;
      const label = `[${c.case}] ${rec.call}`;
      if (rec.error) {
        // sklearn raised: we must raise a ParameterError whose message starts with sklearn's.
        const skMsg = rec.error.replace(/^ValueError: /, "");
        try {
          replay(rec, c.y_true as ClassLabels, c.y_pred as ClassLabels);
          out.failures.push(`${label}: sklearn raised "${skMsg}" but we returned`);
        } catch (err) {
          if (!(err instanceof ParameterError) || !err.message.startsWith(skMsg)) {
            out.failures.push(`${label}: expected ParameterError "${skMsg}...", got ${(err as Error).name}: ${(err as Error).message}`);
          }
        }
        continue;
      }
      let r: Replay;
      try {
        r = replay(rec, c.y_true as ClassLabels, c.y_pred as ClassLabels);
      } catch (err) {
        out.failures.push(`${label}: threw ${(err as Error).message}`);
        continue;
      }
      const d = compare(r.ours, rec.result as Json);
      out.numbers += d.count;
      out.identical += d.identical;
      out.maxAbs = Math.max(out.maxAbs, d.maxAbs);
      if (d.problem) out.failures.push(`${label}: ${d.problem}`);
      else if (d.maxAbs > 1e-12) out.failures.push(`${label}: max abs diff ${d.maxAbs}`);
      const want = JSON.stringify(comparableWarnings(rec.warnings));
      const got = JSON.stringify(r.warnings);
      if (want !== got) out.failures.push(`${label}: warnings differ\n  sklearn ${want}\n  ours    ${got}`);
    }
  }
  return out;
}
