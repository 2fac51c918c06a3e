/**
 * Precision, recall, F-beta and support per class, and their averages, exactly as
 * scikit-learn 1.9's `precision_recall_fscore_support`, `precision_score`, `recall_score`,
 * `fbeta_score` and `f1_score` (for binary and multiclass targets, without sample weights).
 */
import { ParameterError } from "../util/errors";
import { repr } from "../util/validate";
import { checkLabelList, checkTargets, labelIndexer, type ClassLabel, type ClassLabels } from "./labels";
import { nanAverage } from "./numpy-reduce";
import { pyRepr } from "./py-format";
import { emitWarning, type MetricWarningOptions } from "./warnings";

/**
 * How per-class scores are combined (sklearn's `average`):
 * - `null`: no averaging, one score per label;
 * - `"micro"`: global counts of true positives, false negatives and false positives;
 * - `"macro"`: unweighted mean over labels (what ser-toolkit reports);
 * - `"weighted"`: mean weighted by support (true count per label);
 * - `"binary"`: only the class `posLabel`; valid only when at most two labels occur.
 */
export type MetricAverage = null | "micro" | "macro" | "weighted" | "binary";

/**
 * The value of a score whose denominator is zero (sklearn's `zero_division`): `"warn"` (0 plus an
 * UndefinedMetricWarning), `0`, `1`, or `NaN` (such scores are then left out of averages).
 */
export type ZeroDivision = "warn" | 0 | 1 | number;

const AVERAGES: readonly MetricAverage[] = [null, "micro", "macro", "weighted", "binary"];

/** Options of {@link precisionRecallFscoreSupport}. */
export interface PrecisionRecallFscoreSupportOptions extends MetricWarningOptions {
  /**
   * The labels to score, and their order when `average` is null. Labels absent from the data are
   * allowed (support 0); labels present but not listed are left out. Default: every label in
   * yTrue or yPred, sorted.
   */
  labels?: ClassLabels;
  /** See {@link MetricAverage}. Default `null` (per-class arrays), as sklearn's `precision_recall_fscore_support`. */
  average?: MetricAverage;
  /** Weight of recall relative to precision, ≥ 0 (Infinity gives recall, 0 precision). Default 1. */
  beta?: number;
  /** The positive class when `average` is "binary". Default 1 (as sklearn). */
  posLabel?: ClassLabel;
  /** See {@link ZeroDivision}. Default "warn". */
  zeroDivision?: ZeroDivision;
}

/** Per-class results (`average: null`): arrays in label order. */
export interface PrecisionRecallFscoreSupportPerClass {
  /** The labels scored, in order. */
  labels: ClassLabel[];
  /** tp / (tp + fp) per label [nLabels]. */
  precision: number[];
  /** tp / (tp + fn) per label [nLabels]. */
  recall: number[];
  /** (1 + β²)·tp / ((1 + β²)·tp + β²·fn + fp) per label [nLabels]. */
  fbetaScore: number[];
  /** Number of true samples per label [nLabels]. */
  support: number[];
}

/** Averaged results: single numbers, and `support` null (as sklearn returns None). */
export interface PrecisionRecallFscoreSupportAverage {
  labels: ClassLabel[];
  precision: number;
  recall: number;
  fbetaScore: number;
  support: null;
}

type Metric = "precision" | "recall" | "f-score";

function checkZeroDivision(zeroDivision: ZeroDivision): number {
  if (zeroDivision === "warn") return 0;
  if (zeroDivision === 0 || zeroDivision === 1 || Number.isNaN(zeroDivision)) return zeroDivision as number;
  throw new ParameterError(`zeroDivision=${repr(zeroDivision)} must be one of "warn", 0, 1, NaN`);
}

/** sklearn's `_warn_prf` text. */
function prfWarningText(metric: Metric, modifier: string, resultSize: number): string {
  const start = `${metric.charAt(0).toUpperCase()}${metric.slice(1)} is`;
  const where = resultSize === 1 ? "due to" : "in labels with";
  return `${start} ill-defined and being set to 0.0 ${where} no ${modifier} samples. Use \`zero_division\` parameter to control this behavior.`;
}

/** sklearn's `_prf_divide`: numerator / denominator with zero denominators set to `zeroDivision`. */
function prfDivide(
  num: Float64Array,
  den: Float64Array,
  metric: Metric,
  modifier: string,
  warnFor: readonly Metric[],
  zeroDivision: ZeroDivision,
  options: MetricWarningOptions,
): Float64Array {
  const zdValue = checkZeroDivision(zeroDivision);
  const out = new Float64Array(num.length);
  let anyZero = false;
  for (let i = 0; i < num.length; i++) {
    if (den[i] === 0) {
      out[i] = zdValue;
      anyZero = true;
    } else out[i] = num[i] / den[i];
  }
  if (anyZero && zeroDivision === "warn" && warnFor.includes(metric)) {
    emitWarning(options, prfWarningText(metric, modifier, out.length), "UndefinedMetricWarning");
  }
  return out;
}

/** The shared engine; `warnFor` says which metrics may warn (sklearn's internal `warn_for`). */
export function prfs(
  yTrue: ClassLabels,
  yPred: ClassLabels,
  options: PrecisionRecallFscoreSupportOptions,
  average: MetricAverage,
  warnFor: readonly Metric[],
): PrecisionRecallFscoreSupportPerClass | PrecisionRecallFscoreSupportAverage {
  const { beta = 1, zeroDivision = "warn" } = options;
  checkZeroDivision(zeroDivision);
  if (!AVERAGES.includes(average)) {
    throw new ParameterError(`average=${repr(average)} must be one of null, "micro", "macro", "weighted", "binary"`);
  }
  if (!(typeof beta === "number" && beta >= 0)) throw new ParameterError(`beta=${repr(beta)} must be a number ≥ 0 (Infinity allowed)`);
  const targets = checkTargets(yTrue, yPred);

  // sklearn's _check_set_wise_labels
  let labels: ClassLabel[];
  if (average === "binary") {
    if (targets.type !== "binary") {
      throw new ParameterError(
        `Target is ${targets.type} but average="binary". Please choose another average setting, one of null, "micro", "macro", "weighted".`,
      );
    }
    const posLabel = options.posLabel ?? 1;
    if (!targets.present.includes(posLabel) && targets.present.length >= 2) {
      throw new ParameterError(`posLabel=${repr(posLabel)} is not a valid label. It should be one of ${targets.present.map(repr).join(", ")}`);
    }
    labels = [posLabel];
  } else {
    if (options.posLabel !== undefined && options.posLabel !== null && options.posLabel !== 1) {
      emitWarning(
        options,
        `Note that pos_label (set to ${pyRepr(options.posLabel)}) is ignored when average != 'binary' (got ${average === null ? "None" : pyRepr(average)}). You may use labels=[pos_label] to specify a single positive class.`,
        "UserWarning",
      );
    }
    labels = options.labels === undefined || options.labels === null ? targets.present : checkLabelList(options.labels, targets);
  }

  // Per-label counts (sklearn's multilabel_confusion_matrix for 1-D targets).
  const n = labels.length;
  const idx = labelIndexer(labels);
  let tp = new Float64Array(n);
  let predSum = new Float64Array(n);
  let trueSum = new Float64Array(n);
  const { yTrue: yt, yPred: yp } = targets;
  for (let i = 0; i < yt.length; i++) {
    const t = idx(yt[i]);
    const p = idx(yp[i]);
    if (t >= 0) trueSum[t]++;
    if (p >= 0) predSum[p]++;
    if (t >= 0 && yt[i] === yp[i]) tp[t]++;
  }
  if (average === "micro") {
    const sum = (a: Float64Array) => Float64Array.of(a.reduce((s, v) => s + v, 0)); // integer counts: exact
    tp = sum(tp);
    predSum = sum(predSum);
    trueSum = sum(trueSum);
  }

  const precision = prfDivide(tp, predSum, "precision", "predicted", warnFor, zeroDivision, options);
  const recall = prfDivide(tp, trueSum, "recall", "true", warnFor, zeroDivision, options);
  let fScore: Float64Array;
  if (beta === Infinity) fScore = recall;
  else if (beta === 0) fScore = precision;
  else {
    const beta2 = beta * beta;
    const num = new Float64Array(tp.length);
    const den = new Float64Array(tp.length);
    for (let i = 0; i < tp.length; i++) {
      num[i] = (1 + beta2) * tp[i];
      den[i] = beta2 * trueSum[i] + predSum[i];
    }
    fScore = prfDivide(num, den, "f-score", "true nor predicted", warnFor, zeroDivision, options);
  }

  if (average === null) {
    return {
      labels,
      precision: Array.from(precision),
      recall: Array.from(recall),
      fbetaScore: Array.from(fScore),
      support: Array.from(trueSum),
    };
  }
  const weights = average === "weighted" ? trueSum : null;
  return {
    labels,
    precision: nanAverage(precision, weights),
    recall: nanAverage(recall, weights),
    fbetaScore: nanAverage(fScore, weights),
    support: null,
  };
}

/**
 * Precision, recall, F-beta score and support, per class or averaged, as
 * `sklearn.metrics.precision_recall_fscore_support` (scikit-learn 1.9).
 *
 * Zero denominators follow `zeroDivision`; with "warn" an UndefinedMetricWarning with sklearn's
 * text goes to `onWarning`, e.g. "Precision is ill-defined and being set to 0.0 in labels with no
 * predicted samples. Use `zero_division` parameter to control this behavior.".
 *
 * @param yTrue true labels [nSamples] (Int32Array, integer number[] or string[])
 * @param yPred predicted labels [nSamples], same kind as yTrue
 * @param options labels, average (default null: per class), beta (default 1), posLabel,
 *   zeroDivision (default "warn"), onWarning
 * @returns with `average: null`, arrays [nLabels] in label order and `support`; otherwise numbers
 *   and `support: null`
 * @example
 * const { precision, recall, fbetaScore, support } = precisionRecallFscoreSupport([0, 1, 2, 2], [0, 2, 2, 2]);
 * // precision [1, 0, 0.6666666666666666] (with a warning: label 1 is never predicted)
 */
export function precisionRecallFscoreSupport(
  yTrue: ClassLabels,
  yPred: ClassLabels,
  options?: PrecisionRecallFscoreSupportOptions & { average?: null },
): PrecisionRecallFscoreSupportPerClass;
export function precisionRecallFscoreSupport(
  yTrue: ClassLabels,
  yPred: ClassLabels,
  options: PrecisionRecallFscoreSupportOptions & { average: Exclude<MetricAverage, null> },
): PrecisionRecallFscoreSupportAverage;
export function precisionRecallFscoreSupport(
  yTrue: ClassLabels,
  yPred: ClassLabels,
  options?: PrecisionRecallFscoreSupportOptions,
): PrecisionRecallFscoreSupportPerClass | PrecisionRecallFscoreSupportAverage;
export function precisionRecallFscoreSupport(
  yTrue: ClassLabels,
  yPred: ClassLabels,
  options: PrecisionRecallFscoreSupportOptions = {},
): PrecisionRecallFscoreSupportPerClass | PrecisionRecallFscoreSupportAverage {
  const average = options.average === undefined ? null : options.average;
  return prfs(yTrue, yPred, options, average, ["precision", "recall", "f-score"]);
}

/**
 * Options of {@link precisionScore}, {@link recallScore}, {@link fbetaScore} and {@link f1Score}.
 * Unlike sklearn (default "binary", which raises for multiclass targets), `average` defaults to
 * "macro", the average ser-toolkit reports.
 */
export interface ScoreOptions extends Omit<PrecisionRecallFscoreSupportOptions, "beta"> {}

function score(yTrue: ClassLabels, yPred: ClassLabels, options: PrecisionRecallFscoreSupportOptions, metric: Metric): number | number[] {
  const average = options.average === undefined ? "macro" : options.average;
  const r = prfs(yTrue, yPred, options, average, [metric]);
  const v = metric === "precision" ? r.precision : metric === "recall" ? r.recall : r.fbetaScore;
  return v;
}

/**
 * Precision tp / (tp + fp), as `sklearn.metrics.precision_score`.
 * @param yTrue true labels [nSamples]
 * @param yPred predicted labels [nSamples]
 * @param options average (default "macro"; null gives one value per label), labels, posLabel,
 *   zeroDivision (default "warn"), onWarning
 * @returns a number, or number[nLabels] when `average` is null
 * @example precisionScore(yTrue, yPred, { average: "macro" })
 */
export function precisionScore(yTrue: ClassLabels, yPred: ClassLabels, options: ScoreOptions & { average: null }): number[];
export function precisionScore(yTrue: ClassLabels, yPred: ClassLabels, options?: ScoreOptions & { average?: Exclude<MetricAverage, null> }): number;
export function precisionScore(yTrue: ClassLabels, yPred: ClassLabels, options?: ScoreOptions): number | number[];
export function precisionScore(yTrue: ClassLabels, yPred: ClassLabels, options: ScoreOptions = {}): number | number[] {
  return score(yTrue, yPred, options, "precision");
}

/**
 * Recall tp / (tp + fn), as `sklearn.metrics.recall_score`. Macro recall is balanced accuracy
 * when every label occurs in yTrue.
 * @param yTrue true labels [nSamples]
 * @param yPred predicted labels [nSamples]
 * @param options average (default "macro"), labels, posLabel, zeroDivision, onWarning
 * @returns a number, or number[nLabels] when `average` is null
 * @example recallScore(yTrue, yPred, { average: null }) // recall per label
 */
export function recallScore(yTrue: ClassLabels, yPred: ClassLabels, options: ScoreOptions & { average: null }): number[];
export function recallScore(yTrue: ClassLabels, yPred: ClassLabels, options?: ScoreOptions & { average?: Exclude<MetricAverage, null> }): number;
export function recallScore(yTrue: ClassLabels, yPred: ClassLabels, options?: ScoreOptions): number | number[];
export function recallScore(yTrue: ClassLabels, yPred: ClassLabels, options: ScoreOptions = {}): number | number[] {
  return score(yTrue, yPred, options, "recall");
}

/**
 * F-beta score, as `sklearn.metrics.fbeta_score`.
 * @param yTrue true labels [nSamples]
 * @param yPred predicted labels [nSamples]
 * @param options beta (required in sklearn; default 1 here), average (default "macro"), labels,
 *   posLabel, zeroDivision, onWarning
 * @returns a number, or number[nLabels] when `average` is null
 * @example fbetaScore(yTrue, yPred, { beta: 0.5 })
 */
export function fbetaScore(yTrue: ClassLabels, yPred: ClassLabels, options: PrecisionRecallFscoreSupportOptions & { average: null }): number[];
export function fbetaScore(
  yTrue: ClassLabels,
  yPred: ClassLabels,
  options?: PrecisionRecallFscoreSupportOptions & { average?: Exclude<MetricAverage, null> },
): number;
export function fbetaScore(yTrue: ClassLabels, yPred: ClassLabels, options?: PrecisionRecallFscoreSupportOptions): number | number[];
export function fbetaScore(yTrue: ClassLabels, yPred: ClassLabels, options: PrecisionRecallFscoreSupportOptions = {}): number | number[] {
  return score(yTrue, yPred, options, "f-score");
}

/**
 * F1 score 2·tp / (2·tp + fp + fn), as `sklearn.metrics.f1_score`.
 * @param yTrue true labels [nSamples]
 * @param yPred predicted labels [nSamples]
 * @param options average (default "macro"; sklearn's default is "binary"), labels, posLabel,
 *   zeroDivision (default "warn"), onWarning
 * @returns a number, or number[nLabels] when `average` is null
 * @example f1Score(yTrue, yPred) // macro F1
 */
export function f1Score(yTrue: ClassLabels, yPred: ClassLabels, options: ScoreOptions & { average: null }): number[];
export function f1Score(yTrue: ClassLabels, yPred: ClassLabels, options?: ScoreOptions & { average?: Exclude<MetricAverage, null> }): number;
export function f1Score(yTrue: ClassLabels, yPred: ClassLabels, options?: ScoreOptions): number | number[];
export function f1Score(yTrue: ClassLabels, yPred: ClassLabels, options: ScoreOptions = {}): number | number[] {
  return score(yTrue, yPred, { ...options, beta: 1 }, "f-score");
}
