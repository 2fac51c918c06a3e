/** A confusion-matrix heatmap (Vega-Lite), counts or normalised values written in the cells. */
import { ParameterError } from "../util/errors";
import type { Matrix } from "../util/matrix";
import { assertNonNegativeInt, assertPositiveInt, repr } from "../util/validate";
import type { ConfusionMatrix } from "../metrics/confusion-matrix";
import type { ColorScheme } from "vega";
import type { VegaLiteSpec } from "./render";
import { CHART_CONFIG, VEGA_LITE_SCHEMA, chartTitle } from "./chart-style";

/** Options of {@link confusionMatrixChart}. */
export interface ConfusionMatrixChartOptions {
  /**
   * Normalise the counts for display: "true" (each row sums to 1: recall on the diagonal), "pred"
   * (each column sums to 1: precision), "all" (sum 1). Default null: show the matrix as given
   * (a matrix already normalised by `confusionMatrix` is shown as fractions).
   */
  normalize?: null | "true" | "pred" | "all";
  /** Chart title. Default "Confusion matrix". */
  title?: string;
  /** Decimal places for fractions, an integer ≥ 0. Default 2. */
  digits?: number;
  /** Side of one cell in pixels. Default 44. */
  cellSize?: number;
  /** Vega colour scheme for the cells (e.g. "blues", "greens", "viridis"). Default "blues". */
  scheme?: ColorScheme;
  /** Axis titles. Defaults "true emotion" (rows) and "predicted emotion" (columns). */
  trueTitle?: string;
  predictedTitle?: string;
}

/** One cell of the chart's data: row `r` (true), column `c` (predicted). */
export interface ConfusionCell {
  r: number;
  c: number;
  true: string;
  predicted: string;
  /** The value shown and coloured: a count, or a fraction when normalised. */
  value: number;
  /** The raw count, when the input held counts. */
  count: number | null;
  /** The cell's text. */
  text: string;
}

function asMatrix(cm: Matrix | ConfusionMatrix | readonly (readonly number[])[]): { n: number; at: (r: number, c: number) => number; normalized: boolean } {
  if (Array.isArray(cm)) {
    const rows = cm as readonly (readonly number[])[];
    const n = rows.length;
    rows.forEach((row, i) => {
      if (row.length !== n) throw new ParameterError(`cm row ${i} has ${row.length} values, but cm has ${n} rows: it must be square`);
    });
    return { n, at: (r, c) => rows[r][c], normalized: false };
  }
  const m = cm as Matrix | ConfusionMatrix;
  if (m.rows !== m.cols) throw new ParameterError(`cm must be square, got ${m.rows} × ${m.cols}`);
  const values: ArrayLike<number> = (m as ConfusionMatrix).values ?? m.data;
  const n = m.rows;
  return { n, at: (r, c) => values[r * n + c], normalized: ((m as ConfusionMatrix).normalize ?? null) !== null };
}

/**
 * A heatmap of a confusion matrix: rows are true classes (y axis, "true emotion"), columns
 * predicted classes (x axis, "predicted emotion"), both in `labels` order; row r, column c counts
 * examples of true class r predicted as c. Each cell shows its value, in white on dark cells and
 * black on light ones. The cells are in the spec's `data.values` ({@link ConfusionCell}).
 * @param cm a ConfusionMatrix from `confusionMatrix`, any square Matrix, or nested rows [n][n]
 * @param labels class names [n]; default: the ConfusionMatrix's labels, else "0" … "n−1"
 * @param options normalize, title, digits, cellSize, scheme, axis titles
 * @returns a Vega-Lite spec (render with `show` or `renderSvg`)
 * @example await show(confusionMatrixChart(confusionMatrix(yTrue, yPred), [...EMOTIONS], { normalize: "true" }));
 */
export function confusionMatrixChart(
  cm: Matrix | ConfusionMatrix | readonly (readonly number[])[],
  labels?: readonly string[],
  options: ConfusionMatrixChartOptions = {},
): VegaLiteSpec {
  const { normalize = null, title = "Confusion matrix", digits = 2, cellSize = 44, scheme = "blues" } = options;
  const { trueTitle = "true emotion", predictedTitle = "predicted emotion" } = options;
  assertNonNegativeInt("digits", digits);
  assertPositiveInt("cellSize", cellSize);
  if (!(normalize === null || normalize === "true" || normalize === "pred" || normalize === "all")) {
    throw new ParameterError(`normalize=${repr(normalize)} must be one of null, "true", "pred", "all"`);
  }
  const { n, at, normalized } = asMatrix(cm);
  if (n === 0) throw new ParameterError("cm is empty: a confusion matrix needs at least one class");
  const names = labels ? Array.from(labels, String) : ((cm as ConfusionMatrix).labels?.map(String) ?? Array.from({ length: n }, (_, i) => String(i)));
  if (names.length !== n) throw new ParameterError(`labels has ${names.length} names, but cm is ${n} × ${n}`);
  if (new Set(names).size !== n) throw new ParameterError(`labels=[${names.join(", ")}] must be distinct`);
  if (normalize !== null && normalized) throw new ParameterError(`normalize=${repr(normalize)}: cm is already normalised`);

  const rowSum = new Float64Array(n);
  const colSum = new Float64Array(n);
  let total = 0;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const v = at(r, c);
      if (!Number.isFinite(v) || v < 0) throw new ParameterError(`cm[${r}][${c}]=${v} must be a finite number ≥ 0`);
      rowSum[r] += v;
      colSum[c] += v;
      total += v;
    }
  }
  const fractions = normalize !== null || normalized;
  const cells: ConfusionCell[] = [];
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const raw = at(r, c);
      const d = normalize === "true" ? rowSum[r] : normalize === "pred" ? colSum[c] : normalize === "all" ? total : 1;
      const value = normalize === null ? raw : d === 0 ? 0 : raw / d;
      const text = fractions ? value.toFixed(digits) : Number.isInteger(value) ? String(value) : value.toFixed(digits);
      cells.push({ r, c, true: names[r], predicted: names[c], value, count: normalized ? null : raw, text });
    }
  }
  let max = 0;
  for (const cell of cells) max = Math.max(max, cell.value);
  const domainMax = fractions ? 1 : Math.max(max, 1);
  const threshold = domainMax / 2;
  const legendTitle = fractions ? (normalize === "pred" ? "fraction of column" : normalize === "all" ? "fraction of all" : "fraction of row") : "clips (count)";
  const how = normalize ?? (cm as ConfusionMatrix).normalize ?? null;
  const subtitle = `rows: ${trueTitle} · columns: ${predictedTitle} · ${
    how === "true"
      ? "each row sums to 1 (recall on the diagonal)"
      : how === "pred"
        ? "each column sums to 1 (precision on the diagonal)"
        : how === "all"
          ? "fractions of all clips"
          : fractions
            ? "fractions"
            : "counts"
  }`;
  const fontSize = Math.max(8, Math.min(14, Math.round(cellSize / 3.4)));
  const spec: VegaLiteSpec = {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(title, subtitle),
    config: CHART_CONFIG,
    width: n * cellSize,
    height: n * cellSize,
    data: { values: cells },
    encoding: {
      x: { field: "predicted", type: "nominal", sort: names, title: predictedTitle, axis: { labelAngle: -40, orient: "bottom" } },
      y: { field: "true", type: "nominal", sort: names, title: trueTitle },
    },
    layer: [
      {
        mark: { type: "rect", stroke: "white", strokeWidth: 1 },
        encoding: {
          color: { field: "value", type: "quantitative", title: legendTitle, scale: { scheme, domain: [0, domainMax] } },
          tooltip: [
            { field: "true", type: "nominal", title: trueTitle },
            { field: "predicted", type: "nominal", title: predictedTitle },
            { field: "text", type: "nominal", title: fractions ? "fraction" : "clips" },
          ],
        },
      },
      {
        mark: { type: "text", fontSize },
        encoding: {
          text: { field: "text", type: "nominal" },
          color: { condition: { test: `datum.value > ${threshold}`, value: "white" }, value: "black" },
        },
      },
    ],
  };
  return spec;
}
