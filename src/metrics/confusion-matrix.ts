/** The confusion matrix, as `sklearn.metrics.confusion_matrix`. */
import { ParameterError } from "../util/errors";
import type { Matrix } from "../util/matrix";
import { repr } from "../util/validate";
import { checkLabelList, checkTargets, labelIndexer, type ClassLabel, type ClassLabels } from "./labels";
import { emitWarning, type MetricWarningOptions } from "./warnings";

/** How {@link confusionMatrix} normalises: over true labels (rows), predictions (columns) or all. */
export type ConfusionNormalize = null | "true" | "pred" | "all";

/** Options of {@link confusionMatrix}. */
export interface ConfusionMatrixOptions extends MetricWarningOptions {
  /**
   * The labels that index rows and columns, in order (a subset or a superset of those present;
   * at least one must occur in yTrue). Samples whose true or predicted label is not listed are
   * ignored. Default: every label in yTrue or yPred, sorted.
   */
  labels?: ClassLabels;
  /**
   * null (default): counts. "true": each row divided by its sum (rows sum to 1; recall on the
   * diagonal). "pred": each column divided by its sum (precision on the diagonal). "all": divided
   * by the number of samples. Rows or columns that sum to 0 stay 0 (sklearn's nan_to_num).
   */
  normalize?: ConfusionNormalize;
}

/**
 * A confusion matrix: row r, column c counts examples of true class r predicted as c.
 * `data` holds the values as Float32 (counts are exact); `values` holds the same values in
 * float64 exactly as sklearn computes them (use it for normalised matrices).
 */
export interface ConfusionMatrix extends Matrix {
  /** The label of each row and column, in order [nLabels]. */
  readonly labels: ClassLabel[];
  /** Row-major float64 values [nLabels × nLabels], identical to sklearn's array. */
  readonly values: Float64Array;
  /** The normalisation applied. */
  readonly normalize: ConfusionNormalize;
}

/**
 * Counts how often each true label was predicted as each label.
 *
 * Row r, column c counts examples of true class r predicted as c (rows = true, columns =
 * predicted, both in `labels` order). With one label only, sklearn's UserWarning ("A single label
 * was found in 'y_true' and 'y_pred'...") goes to `onWarning`.
 *
 * @param yTrue true labels [nSamples] (Int32Array, integer number[] or string[])
 * @param yPred predicted labels [nSamples], same kind as yTrue
 * @param options labels (default: sorted labels present), normalize (default null), onWarning
 * @returns ConfusionMatrix [nLabels × nLabels] with its `labels`
 * @throws ParameterError for mismatched lengths, empty input, mixed label kinds, an empty or
 *   duplicated `labels`, or `labels` of which none occurs in yTrue
 * @example
 * const cm = confusionMatrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2]);
 * // toRows(cm) = [[2, 0, 0], [0, 0, 1], [1, 0, 2]]
 */
export function confusionMatrix(yTrue: ClassLabels, yPred: ClassLabels, options: ConfusionMatrixOptions = {}): ConfusionMatrix {
  const { normalize = null } = options;
  if (!(normalize === null || normalize === "true" || normalize === "pred" || normalize === "all")) {
    throw new ParameterError(`normalize=${repr(normalize)} must be one of null, "true", "pred", "all"`);
  }
  const targets = checkTargets(yTrue, yPred);
  let labels: ClassLabel[];
  if (options.labels === undefined || options.labels === null) labels = targets.present;
  else {
    labels = checkLabelList(options.labels, targets);
    const inTrue = new Set<ClassLabel>(Array.from(targets.yTrue));
    if (!labels.some((l) => inTrue.has(l))) {
      throw new ParameterError(`At least one label specified must be in y_true: none of labels=[${labels.map(repr).join(", ")}] occurs in yTrue`);
    }
  }
  const n = labels.length;
  const idx = labelIndexer(labels);
  const counts = new Float64Array(n * n);
  const { yTrue: yt, yPred: yp } = targets;
  for (let i = 0; i < yt.length; i++) {
    const t = idx(yt[i]);
    const p = idx(yp[i]);
    if (t >= 0 && p >= 0) counts[t * n + p]++;
  }
  const values = normalizeCounts(counts, n, normalize);
  if (n === 1) {
    emitWarning(
      options,
      "A single label was found in 'y_true' and 'y_pred'. For the confusion matrix to have the correct shape, use the 'labels' parameter to pass all known labels.",
      "UserWarning",
    );
  }
  return { data: Float32Array.from(values), rows: n, cols: n, labels, values, normalize };
}

/** Divides integer counts as sklearn does (exact integer sums, one rounding per cell, 0/0 → 0). */
function normalizeCounts(counts: Float64Array, n: number, normalize: ConfusionNormalize): Float64Array {
  if (normalize === null) return counts;
  const out = new Float64Array(n * n);
  const div = (v: number, d: number) => (d === 0 ? 0 : v / d);
  if (normalize === "all") {
    let total = 0;
    for (const v of counts) total += v;
    for (let i = 0; i < n * n; i++) out[i] = div(counts[i], total);
  } else if (normalize === "true") {
    for (let r = 0; r < n; r++) {
      let s = 0;
      for (let c = 0; c < n; c++) s += counts[r * n + c];
      for (let c = 0; c < n; c++) out[r * n + c] = div(counts[r * n + c], s);
    }
  } else {
    for (let c = 0; c < n; c++) {
      let s = 0;
      for (let r = 0; r < n; r++) s += counts[r * n + c];
      for (let r = 0; r < n; r++) out[r * n + c] = div(counts[r * n + c], s);
    }
  }
  return out;
}
