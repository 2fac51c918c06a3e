/**
 * Scoring a model's predictions: the numbers a run reports (accuracy, macro-F1, balanced accuracy,
 * Cohen's kappa, per-class report, confusion matrix), all through the scikit-learn-exact metrics.
 */
import type { Matrix } from "../util/matrix";
import { ParameterError } from "../util/errors";
import { accuracyScore } from "../metrics/accuracy-score";
import { balancedAccuracyScore } from "../metrics/balanced-accuracy-score";
import { f1Score } from "../metrics/precision-recall-fscore-support";
import { cohenKappaScore } from "../metrics/cohen-kappa-score";
import { confusionMatrix } from "../metrics/confusion-matrix";
import { classificationReport } from "../metrics/classification-report";

/** A split's scores (JSON). */
export interface Evaluation {
  /** Number of clips scored. */
  n: number;
  accuracy: number;
  /** F1 averaged over classes with equal weight (sklearn's average="macro"). */
  macroF1: number;
  /** F1 averaged with class supports as weights. */
  weightedF1: number;
  balancedAccuracy: number;
  kappa: number;
  /** Confusion matrix counts, rows = true class, columns = predicted (labels order). */
  confusion: number[][];
  /** sklearn's classification_report text. */
  reportText: string;
  /** Per class: precision, recall, F1, support. */
  perClass: { label: string; precision: number; recall: number; f1: number; support: number }[];
}

/** Index of the largest value of each row: predicted classes from probabilities. */
export function argmaxRows(p: Matrix): Int32Array {
  const out = new Int32Array(p.rows);
  for (let r = 0; r < p.rows; r++) {
    let best = 0;
    for (let c = 1; c < p.cols; c++) if (p.data[r * p.cols + c] > p.data[r * p.cols + best]) best = c;
    out[r] = best;
  }
  return out;
}

/**
 * Scores predicted classes against the truth.
 * @param yTrue true class indices [n]
 * @param yPred predicted class indices [n]
 * @param labels class names by index (all of them are scored, also when absent from yTrue)
 * @throws ParameterError for lengths that differ, no clips, or an index outside 0..labels.length − 1
 * @example const ev = evaluatePredictions(yTest, argmaxRows(proba), [...EMOTIONS]);  // ev.macroF1
 */
export function evaluatePredictions(yTrue: Int32Array, yPred: Int32Array, labels: readonly string[]): Evaluation {
  if (yTrue.length !== yPred.length) throw new ParameterError(`yTrue has ${yTrue.length} labels but yPred has ${yPred.length}`);
  if (yTrue.length === 0) throw new ParameterError("nothing to evaluate: no clips");
  for (const [name, y] of [
    ["yTrue", yTrue],
    ["yPred", yPred],
  ] as const) {
    const i = y.findIndex((v) => !Number.isInteger(v) || v < 0 || v >= labels.length);
    if (i >= 0) throw new ParameterError(`${name}[${i}]=${y[i]} is not a class index: the ${labels.length} labels are indexed 0..${labels.length - 1}`);
  }
  const idx = labels.map((_, i) => i);
  const quiet = { onWarning: null };
  const report = classificationReport(yTrue, yPred, { labels: idx, targetNames: [...labels], zeroDivision: 0, ...quiet });
  const cm = confusionMatrix(yTrue, yPred, { labels: idx });
  const confusion: number[][] = [];
  for (let r = 0; r < cm.rows; r++) confusion.push(Array.from(cm.data.subarray(r * cm.cols, (r + 1) * cm.cols)));
  return {
    n: yTrue.length,
    accuracy: accuracyScore(yTrue, yPred),
    macroF1: f1Score(yTrue, yPred, { labels: idx, average: "macro", zeroDivision: 0, ...quiet }),
    weightedF1: f1Score(yTrue, yPred, { labels: idx, average: "weighted", zeroDivision: 0, ...quiet }),
    balancedAccuracy: balancedAccuracyScore(yTrue, yPred, quiet),
    kappa: cohenKappaScore(yTrue, yPred, { labels: idx, ...quiet }),
    confusion,
    reportText: report.text,
    perClass: report.classes.map((c) => ({ label: c.name, precision: c.precision, recall: c.recall, f1: c.f1Score, support: c.support })),
  };
}
