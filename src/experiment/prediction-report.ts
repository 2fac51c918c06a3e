/** Reading a run's saved predictions: the per-class report, and the mistakes made with the most confidence. */
import { ParameterError } from "../util/errors";
import { repr } from "../util/validate";
import { classificationReport, type ClassificationReport } from "../metrics/classification-report";
import type { ClipPrediction } from "./run";

/**
 * scikit-learn's classification report of saved predictions (one split's, e.g. the test actors'),
 * every label a row, also labels with no clips (zero_division=0, no warnings).
 * @param predictions clips with `emotion` (true) and `predicted`
 * @param labels the class names, in order (a run's `metrics.test.perClass` labels)
 * @throws ParameterError for no predictions or a label not in `labels`
 * @example const report = predictionReport(loadPredictions(run.dir).filter((p) => p.split === "test"), labels);
 */
export function predictionReport(predictions: readonly Pick<ClipPrediction, "emotion" | "predicted">[], labels: readonly string[]): ClassificationReport {
  if (predictions.length === 0) throw new ParameterError("predictions is empty: nothing to report");
  const index = (l: string, i: number) => {
    const k = labels.indexOf(l);
    if (k < 0) throw new ParameterError(`predictions[${i}] has label ${repr(l)}, not one of ${labels.join(", ")}`);
    return k;
  };
  const yTrue = Int32Array.from(predictions.map((p, i) => index(p.emotion, i)));
  const yPred = Int32Array.from(predictions.map((p, i) => index(p.predicted, i)));
  return classificationReport(yTrue, yPred, { labels: labels.map((_, i) => i), targetNames: labels, zeroDivision: 0, onWarning: null });
}

/**
 * The wrong predictions, most confident first (confidence: the predicted class's probability, the
 * largest one).
 * @param n at most this many. Default all.
 * @returns the predictions with their `confidence`
 * @example for (const p of confidentMistakes(predictions, 4)) showAudio(...);
 */
export function confidentMistakes<T extends Pick<ClipPrediction, "emotion" | "predicted" | "probabilities">>(
  predictions: readonly T[],
  n = Infinity,
): (T & { confidence: number })[] {
  return predictions
    .filter((p) => p.predicted !== p.emotion)
    .map((p) => ({ ...p, confidence: Math.max(...p.probabilities) }))
    .sort((a, b) => b.confidence - a.confidence)
    .slice(0, n);
}
