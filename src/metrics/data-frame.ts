/**
 * Metrics as danfojs-node DataFrames, for tables in notebooks. danfojs-node (and with it
 * tfjs-node) is loaded on first call only, so the metrics themselves stay light.
 */
import type { DataFrame } from "danfojs-node";
import { ParameterError } from "../util/errors";
import type { Matrix } from "../util/matrix";
import { reportRows, type ClassificationReport, type ClassificationReportDict } from "./classification-report";
import type { ConfusionMatrix } from "./confusion-matrix";

function danfo(): typeof import("danfojs-node") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("danfojs-node") as typeof import("danfojs-node");
}

/**
 * A classification report as a DataFrame: one row per class, then the average rows ("accuracy" or
 * "micro avg", "macro avg", "weighted avg"), indexed by name, with columns precision, recall,
 * f1-score, support. The accuracy row has only f1-score (the accuracy) and support, and NaN
 * elsewhere, as in sklearn's text layout.
 * @param report from {@link classificationReport}, or its `outputDict: true` form
 * @returns DataFrame [(nClasses + 3) rows × 4 columns]
 * @example reportToDataFrame(classificationReport(yTrue, yPred, { targetNames: [...EMOTIONS] })).print();
 */
export function reportToDataFrame(report: ClassificationReport | ClassificationReportDict): DataFrame {
  const { classes, averages } = reportRows(report);
  const rows = [...classes, ...averages];
  const dfd = danfo();
  return new dfd.DataFrame(
    rows.map((r) => [r.precision, r.recall, r.f1Score, r.support]),
    { columns: ["precision", "recall", "f1-score", "support"], index: rows.map((r) => r.name) },
  );
}

/**
 * A confusion matrix as a DataFrame: rows are true classes, columns predicted classes, both named
 * by `names` (e.g. emotion names); row r, column c counts examples of true class r predicted as c.
 * @param cm from {@link confusionMatrix} (its float64 `values` are used when present), or any
 *   square Matrix [nLabels × nLabels]
 * @param names row and column names [nLabels]; default: the matrix's `labels` as text
 * @returns DataFrame [nLabels × nLabels]
 * @example confusionMatrixToDataFrame(confusionMatrix(yTrue, yPred), [...EMOTIONS]).print();
 */
export function confusionMatrixToDataFrame(cm: Matrix | ConfusionMatrix, names?: readonly string[]): DataFrame {
  if (cm.rows !== cm.cols) throw new ParameterError(`cm must be square, got ${cm.rows} × ${cm.cols}`);
  const labels = (cm as ConfusionMatrix).labels;
  const n = cm.rows;
  const rowNames = names ? Array.from(names, String) : labels ? labels.map(String) : Array.from({ length: n }, (_, i) => String(i));
  if (rowNames.length !== n) throw new ParameterError(`names has ${rowNames.length} entries, but cm is ${n} × ${n}`);
  if (new Set(rowNames).size !== n) throw new ParameterError(`names=[${rowNames.join(", ")}] must be distinct`);
  const values: ArrayLike<number> = (cm as ConfusionMatrix).values ?? cm.data;
  const rows: number[][] = [];
  for (let r = 0; r < n; r++) rows.push(Array.from({ length: n }, (_, c) => values[r * n + c]));
  const dfd = danfo();
  return new dfd.DataFrame(rows, { columns: rowNames, index: rowNames });
}
