/** Balanced accuracy, as `sklearn.metrics.balanced_accuracy_score`. */
import type { ClassLabels } from "./labels";
import { confusionMatrix } from "./confusion-matrix";
import { npMean } from "./numpy-reduce";
import { emitWarning, type MetricWarningOptions } from "./warnings";

/** Options of {@link balancedAccuracyScore}. */
export interface BalancedAccuracyScoreOptions extends MetricWarningOptions {
  /**
   * false (default): the mean recall over classes, in [0, 1]. true: adjusted for chance,
   * (score − 1/k) / (1 − 1/k), so that chance level scores 0 and perfect prediction 1.
   */
  adjusted?: boolean;
}

/**
 * The mean of per-class recall over the classes that occur in yTrue. Classes that occur only in
 * yPred are left out, with sklearn's UserWarning "y_pred contains classes not in y_true".
 * @param yTrue true labels [nSamples] (Int32Array, integer number[] or string[])
 * @param yPred predicted labels [nSamples], same kind as yTrue
 * @param options adjusted (default false), onWarning
 * @returns balanced accuracy (≤ 1; in [0, 1] unless adjusted)
 * @example balancedAccuracyScore([0, 1, 0, 0, 1, 0], [0, 1, 0, 0, 0, 1]) // 0.625
 */
export function balancedAccuracyScore(yTrue: ClassLabels, yPred: ClassLabels, options: BalancedAccuracyScoreOptions = {}): number {
  const { adjusted = false } = options;
  const C = confusionMatrix(yTrue, yPred, { onWarning: options.onWarning });
  const n = C.rows;
  const perClass: number[] = [];
  let dropped = false;
  for (let r = 0; r < n; r++) {
    let s = 0;
    for (let c = 0; c < n; c++) s += C.values[r * n + c];
    if (s === 0) dropped = true;
    else perClass.push(C.values[r * n + r] / s);
  }
  if (dropped) emitWarning(options, "y_pred contains classes not in y_true", "UserWarning");
  let score = npMean(perClass);
  if (adjusted) {
    const chance = 1 / perClass.length;
    score -= chance;
    score /= 1 - chance;
  }
  return score;
}
