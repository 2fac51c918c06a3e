/** Accuracy, as `sklearn.metrics.accuracy_score` (binary and multiclass targets). */
import { checkTargets, type ClassLabels } from "./labels";

/** Options of {@link accuracyScore}. */
export interface AccuracyScoreOptions {
  /** true (default): the fraction of correct predictions in [0, 1]; false: their count. */
  normalize?: boolean;
}

/**
 * The fraction (or number) of samples whose predicted label equals the true label.
 * @param yTrue true labels [nSamples] (Int32Array, integer number[] or string[])
 * @param yPred predicted labels [nSamples], same kind as yTrue
 * @param options normalize (default true)
 * @returns accuracy in [0, 1], or the count of correct predictions when `normalize` is false
 * @throws ParameterError when the lengths differ, the input is empty, or label kinds are mixed
 * @example accuracyScore([0, 1, 2, 3], [0, 2, 1, 3]) // 0.5
 */
export function accuracyScore(yTrue: ClassLabels, yPred: ClassLabels, options: AccuracyScoreOptions = {}): number {
  const { normalize = true } = options;
  const t = checkTargets(yTrue, yPred);
  let correct = 0;
  for (let i = 0; i < t.yTrue.length; i++) if (t.yTrue[i] === t.yPred[i]) correct++;
  return normalize ? correct / t.yTrue.length : correct;
}
