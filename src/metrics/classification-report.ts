/**
 * The classification report, as `sklearn.metrics.classification_report`: sklearn's text,
 * byte for byte, plus the same numbers as structured rows and as sklearn's `output_dict`.
 */
import { ParameterError } from "../util/errors";
import { assertNonNegativeInt, repr } from "../util/validate";
import { checkLabelList, checkTargets, type ClassLabel, type ClassLabels } from "./labels";
import {
  prfs,
  type PrecisionRecallFscoreSupportAverage,
  type PrecisionRecallFscoreSupportPerClass,
  type ZeroDivision,
} from "./precision-recall-fscore-support";
import { formatFixed, padLeft, pyLen, pyStr } from "./py-format";
import { emitWarning, type MetricWarningOptions } from "./warnings";

/** Options of {@link classificationReport}. */
export interface ClassificationReportOptions extends MetricWarningOptions {
  /** Labels to include, in order. Default: every label in yTrue or yPred, sorted. */
  labels?: ClassLabels;
  /** Display names matching `labels` (e.g. emotion names for indices 0–7). Default: the labels as text. */
  targetNames?: readonly string[];
  /** Decimal places in the text, an integer ≥ 0. Default 2. Ignored by `outputDict`. */
  digits?: number;
  /** true: return sklearn's `output_dict=True` object instead of a {@link ClassificationReport}. Default false. */
  outputDict?: boolean;
  /** Value of undefined scores: "warn" (default; 0 and a warning), 0, 1 or NaN. */
  zeroDivision?: ZeroDivision;
}

/** One row of the report. */
export interface ClassificationReportRow {
  precision: number;
  recall: number;
  f1Score: number;
  /** Number of true samples (summed over the rows for an average). */
  support: number;
}

/** One class's row: its label and display name. */
export interface ClassificationReportClass extends ClassificationReportRow {
  label: ClassLabel;
  name: string;
}

/** sklearn's `output_dict=True` shape: name → scores, and "accuracy" → a number when shown. */
export type ClassificationReportDict = Record<string, { precision: number; recall: number; "f1-score": number; support: number } | number>;

/** A classification report: sklearn's text and the numbers behind it. */
export interface ClassificationReport {
  /** sklearn's text report, identical to `classification_report(...)` for the same inputs. */
  text: string;
  /** Per-class rows, in label order. */
  classes: ClassificationReportClass[];
  /**
   * Accuracy, when the micro average equals it (every present label is included); else null and
   * `microAvg` is given instead.
   */
  accuracy: number | null;
  /** The micro average, when it is not the accuracy (a subset of labels was chosen). */
  microAvg: ClassificationReportRow | null;
  /** Unweighted mean over classes (what ser-toolkit reports). */
  macroAvg: ClassificationReportRow;
  /** Mean weighted by support. */
  weightedAvg: ClassificationReportRow;
  /** The same numbers in sklearn's `output_dict=True` shape (integer-like names are ordered first by JavaScript). */
  dict: ClassificationReportDict;
}

const HEADERS = ["precision", "recall", "f1-score", "support"] as const;

/**
 * Precision, recall, F1 and support per class, with the accuracy (or micro), macro and weighted
 * averages, as `sklearn.metrics.classification_report`.
 *
 * @param yTrue true labels [nSamples] (Int32Array, integer number[] or string[])
 * @param yPred predicted labels [nSamples], same kind as yTrue
 * @param options labels, targetNames, digits (default 2), outputDict (default false),
 *   zeroDivision (default "warn"), onWarning
 * @returns a {@link ClassificationReport} (`.text` is sklearn's string), or with `outputDict: true`
 *   sklearn's dictionary
 * @throws ParameterError when `targetNames` does not match the number of labels found (and
 *   `labels` was not given), plus the checks of {@link precisionRecallFscoreSupport}
 * @example
 * const report = classificationReport(yTrue, yPred, { targetNames: [...EMOTIONS] });
 * console.log(report.text);
 */
export function classificationReport(
  yTrue: ClassLabels,
  yPred: ClassLabels,
  options: ClassificationReportOptions & { outputDict: true },
): ClassificationReportDict;
export function classificationReport(
  yTrue: ClassLabels,
  yPred: ClassLabels,
  options?: ClassificationReportOptions & { outputDict?: false },
): ClassificationReport;
export function classificationReport(
  yTrue: ClassLabels,
  yPred: ClassLabels,
  options?: ClassificationReportOptions,
): ClassificationReport | ClassificationReportDict;
export function classificationReport(
  yTrue: ClassLabels,
  yPred: ClassLabels,
  options: ClassificationReportOptions = {},
): ClassificationReport | ClassificationReportDict {
  const { digits = 2, outputDict = false, zeroDivision = "warn" } = options;
  assertNonNegativeInt("digits", digits);
  const targets = checkTargets(yTrue, yPred);
  const labelsGiven = options.labels !== undefined && options.labels !== null;
  const labels = labelsGiven ? checkLabelList(options.labels!, targets) : targets.present;
  const labelSet = new Set<ClassLabel>(labels);
  const microIsAccuracy = !labelsGiven || targets.present.every((l) => labelSet.has(l));

  let targetNames: string[];
  if (options.targetNames !== undefined && options.targetNames !== null) {
    targetNames = Array.from(options.targetNames, (s) => String(s));
    if (targetNames.length !== labels.length) {
      if (labelsGiven) {
        emitWarning(options, `labels size, ${labels.length}, does not match size of target_names, ${targetNames.length}`, "UserWarning");
      } else {
        throw new ParameterError(
          `Number of classes, ${labels.length}, does not match size of target_names, ${targetNames.length}. Try specifying the labels parameter`,
        );
      }
    }
  } else targetNames = labels.map(pyStr);

  const prfOptions = { labels: labels as ClassLabels, zeroDivision, onWarning: options.onWarning };
  const all = ["precision", "recall", "f-score"] as const;
  const per = prfs(yTrue, yPred, prfOptions, null, all) as PrecisionRecallFscoreSupportPerClass;
  const nRows = Math.min(targetNames.length, labels.length); // Python's zip stops at the shorter
  const classes: ClassificationReportClass[] = [];
  for (let i = 0; i < nRows; i++) {
    classes.push({
      label: labels[i],
      name: targetNames[i],
      precision: per.precision[i],
      recall: per.recall[i],
      f1Score: per.fbetaScore[i],
      support: per.support[i],
    });
  }
  let totalSupport = 0;
  for (const s of per.support) totalSupport += s;

  const averages: { heading: string; row: ClassificationReportRow }[] = [];
  for (const average of ["micro", "macro", "weighted"] as const) {
    const heading = average === "micro" && microIsAccuracy ? "accuracy" : `${average} avg`;
    const a = prfs(yTrue, yPred, prfOptions, average, all) as PrecisionRecallFscoreSupportAverage;
    averages.push({ heading, row: { precision: a.precision, recall: a.recall, f1Score: a.fbetaScore, support: totalSupport } });
  }

  const dict: ClassificationReportDict = {};
  for (const c of classes) dict[c.name] = { precision: c.precision, recall: c.recall, "f1-score": c.f1Score, support: c.support };
  for (const { heading, row } of averages) {
    dict[heading] = heading === "accuracy" ? row.precision : { precision: row.precision, recall: row.recall, "f1-score": row.f1Score, support: row.support };
  }
  if (outputDict) return dict;

  // sklearn's text layout
  const width = Math.max(Math.max(...targetNames.map(pyLen)), pyLen("weighted avg"), digits);
  const num = (x: number) => " " + padLeft(formatFixed(x, digits), 9);
  const int = (x: number) => " " + padLeft(String(x), 9);
  let text = padLeft("", width) + " " + HEADERS.map((h) => " " + padLeft(h, 9)).join("") + "\n\n";
  for (const c of classes) text += `${padLeft(c.name, width)} ${num(c.precision)}${num(c.recall)}${num(c.f1Score)}${int(c.support)}\n`;
  text += "\n";
  for (const { heading, row } of averages) {
    if (heading === "accuracy") text += `${padLeft(heading, width)} ${" ".repeat(10)}${" ".repeat(10)}${num(row.f1Score)}${int(row.support)}\n`;
    else text += `${padLeft(heading, width)} ${num(row.precision)}${num(row.recall)}${num(row.f1Score)}${int(row.support)}\n`;
  }
  const avg = (h: string) => averages.find((a) => a.heading === h)?.row ?? null;
  return {
    text,
    classes,
    accuracy: microIsAccuracy ? avg("accuracy")!.precision : null,
    microAvg: microIsAccuracy ? null : avg("micro avg"),
    macroAvg: avg("macro avg")!,
    weightedAvg: avg("weighted avg")!,
    dict,
  };
}

/** Reads rows back from a report or sklearn-shaped dict (for tables and charts). */
export function reportRows(report: ClassificationReport | ClassificationReportDict): {
  classes: { name: string; precision: number; recall: number; f1Score: number; support: number }[];
  averages: { name: string; precision: number; recall: number; f1Score: number; support: number }[];
} {
  if (isReport(report)) {
    const averages = [];
    if (report.accuracy !== null) {
      const total = report.macroAvg.support;
      averages.push({ name: "accuracy", precision: NaN, recall: NaN, f1Score: report.accuracy, support: total });
    } else if (report.microAvg) averages.push({ name: "micro avg", ...report.microAvg });
    averages.push({ name: "macro avg", ...report.macroAvg }, { name: "weighted avg", ...report.weightedAvg });
    return { classes: report.classes.map(({ name, precision, recall, f1Score, support }) => ({ name, precision, recall, f1Score, support })), averages };
  }
  const classes = [];
  const averages = [];
  const isAvg = (k: string) => k === "accuracy" || k.endsWith(" avg");
  let total = 0;
  for (const [name, v] of Object.entries(report)) {
    if (typeof v === "number") continue;
    const row = { name, precision: v.precision, recall: v.recall, f1Score: v["f1-score"], support: v.support };
    if (isAvg(name)) averages.push(row);
    else {
      classes.push(row);
      total += v.support;
    }
  }
  if (typeof report.accuracy === "number") averages.unshift({ name: "accuracy", precision: NaN, recall: NaN, f1Score: report.accuracy, support: total });
  if (classes.length === 0) throw new ParameterError(`report=${repr(report)} has no class rows`);
  return { classes, averages };
}

function isReport(r: unknown): r is ClassificationReport {
  return typeof r === "object" && r !== null && Array.isArray((r as ClassificationReport).classes) && typeof (r as ClassificationReport).text === "string";
}
