/** Cohen's kappa, as `sklearn.metrics.cohen_kappa_score`. */
import { ParameterError } from "../util/errors";
import { repr } from "../util/validate";
import type { ClassLabels } from "./labels";
import { confusionMatrix } from "./confusion-matrix";
import { npSum } from "./numpy-reduce";
import { pyFloatRepr } from "./py-format";
import { emitWarning, type MetricWarningOptions } from "./warnings";

/** Options of {@link cohenKappaScore}. */
export interface CohenKappaScoreOptions extends MetricWarningOptions {
  /** Labels that index the agreement matrix (at least one must occur in y1). Default: all present, sorted. */
  labels?: ClassLabels;
  /**
   * Disagreement weights: null (default) counts every disagreement as 1; "linear" weights by
   * |i − j| and "quadratic" by (i − j)², where i, j are positions in `labels`.
   */
  weights?: null | "linear" | "quadratic";
  /**
   * The value returned when kappa is undefined (no label of interest in y2, or only one label in
   * common), with an UndefinedMetricWarning. NaN (default) or a number in [-1, 1].
   */
  replaceUndefinedBy?: number;
}

/**
 * Cohen's kappa κ = (p_o − p_e) / (1 − p_e): agreement between two labelings beyond chance.
 * Symmetric in y1 and y2 except that `labels` must meet y1.
 * @param y1 labels from the first annotator (e.g. the truth) [nSamples]
 * @param y2 labels from the second annotator (e.g. the model) [nSamples]
 * @param options labels, weights (default null), replaceUndefinedBy (default NaN), onWarning
 * @returns kappa in [-1, 1]
 * @example cohenKappaScore(["neg", "pos", "neg", "neu", "pos"], ["neg", "pos", "neg", "neu", "neg"]) // 0.6875
 */
export function cohenKappaScore(y1: ClassLabels, y2: ClassLabels, options: CohenKappaScoreOptions = {}): number {
  const { weights = null, replaceUndefinedBy = NaN } = options;
  if (!(weights === null || weights === "linear" || weights === "quadratic")) {
    throw new ParameterError(`weights=${repr(weights)} must be one of null, "linear", "quadratic"`);
  }
  if (!(Number.isNaN(replaceUndefinedBy) || (replaceUndefinedBy >= -1 && replaceUndefinedBy <= 1))) {
    throw new ParameterError(`replaceUndefinedBy=${repr(replaceUndefinedBy)} must be NaN or lie in the range [-1, 1]`);
  }
  let C;
  try {
    C = confusionMatrix(y1, y2, { labels: options.labels, onWarning: options.onWarning });
  } catch (err) {
    if (err instanceof ParameterError && err.message.startsWith("At least one label specified must be in y_true")) {
      throw new ParameterError(
        "At least one label in `labels` must be present in `y1` (even though `cohen_kappa_score` is otherwise agnostic to the order of `y1` and `y2`).",
      );
    }
    throw err;
  }
  const n = C.rows;
  const conf = C.values;
  const sum0 = new Float64Array(n); // column sums
  const sum1 = new Float64Array(n); // row sums
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      sum0[c] += conf[r * n + c];
      sum1[r] += conf[r * n + c];
    }
  }
  const total = npSum(sum0);
  const undef = pyFloatRepr(replaceUndefinedBy);
  if (total === 0) {
    emitWarning(
      options,
      "`y2` contains no labels that are present in both `y1` and `labels`.`cohen_kappa_score` is undefined and set to the value defined by " +
        `the \`replace_undefined_by\` param, which is set to ${undef}.`,
      "UndefinedMetricWarning",
    );
    return replaceUndefinedBy;
  }
  const w = (i: number, j: number) => (weights === null ? (i === j ? 0 : 1) : weights === "linear" ? Math.abs(j - i) : (j - i) * (j - i));
  const wConf = new Float64Array(n * n);
  const wExp = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      // sklearn: expected = outer(sum0, sum1) / sum(sum0); w_mat[i, j] uses (j - i)
      wConf[i * n + j] = w(i, j) * conf[i * n + j];
      wExp[i * n + j] = w(i, j) * ((sum0[i] * sum1[j]) / total);
    }
  }
  const num = npSum(wConf);
  const den = npSum(wExp);
  if (den === 0) {
    emitWarning(
      options,
      "`y1`, `y2` and `labels` have only one label in common. `cohen_kappa_score` is undefined and set to the value defined by the " +
        `the \`replace_undefined_by\` param, which is set to ${undef}.`,
      "UndefinedMetricWarning",
    );
    return replaceUndefinedBy;
  }
  return 1 - num / den;
}
