/** A score against a hyperparameter, one line per value of another (Vega-Lite). */
import { ParameterError } from "../util/errors";
import { repr } from "../util/validate";
import type { VegaLiteSpec } from "./render";
import { CHART_CONFIG, VEGA_LITE_SCHEMA, chartTitle } from "./chart-style";

/** Options of {@link tuningChart}. */
export interface TuningChartOptions {
  /** The hyperparameter on the x axis (numeric → quantitative axis, otherwise categories). Required. */
  x: string;
  /** The score on the y axis (e.g. "macroF1"). Required. */
  y: string;
  /** A second hyperparameter that colours the lines (e.g. "dropout"). Optional. */
  color?: string;
  /** Axis titles with units. Defaults: the field names. */
  xTitle?: string;
  yTitle?: string;
  /** "log" for a log x axis (learning rates); default "linear". Only for numeric x. */
  xScale?: "linear" | "log";
  /** Chart title. Default "<y> vs <x>" (", by <color>"). */
  title?: string;
}

/**
 * Tuning results: every trial as a point, and a line through the mean score per x value (per
 * colour group), so repeated trials (seeds, folds) show their spread.
 * @param rows one record per trial, e.g. `{ learningRate: 1e-3, dropout: 0.3, macroF1: 0.41 }`
 * @param options x, y (required), color, axis titles, xScale, title
 * @returns a Vega-Lite spec; `data.values` are the rows' x, y and colour fields
 * @example await show(tuningChart(trials, { x: "learningRate", y: "macroF1", color: "dropout", xScale: "log", yTitle: "macro F1 (0–1)" }));
 */
export function tuningChart(rows: readonly object[], options: TuningChartOptions): VegaLiteSpec {
  if (!options || typeof options.x !== "string" || typeof options.y !== "string")
    throw new ParameterError("options.x and options.y must name fields of the rows");
  const { x, y, color, xScale = "linear" } = options;
  const { xTitle = x, yTitle = y, title = `${y} vs ${x}${color ? `, by ${color}` : ""}` } = options;
  if (xScale !== "linear" && xScale !== "log") throw new ParameterError(`xScale=${repr(xScale)} must be "linear" or "log"`);
  if (!Array.isArray(rows) || rows.length === 0) throw new ParameterError("rows is empty: nothing to draw");
  const values = rows.map((r, i) => {
    for (const f of [x, y, ...(color ? [color] : [])]) if (!(f in r)) throw new ParameterError(`rows[${i}] has no field ${repr(f)}`);
    const yv = Number(r[y]);
    if (!Number.isFinite(yv)) throw new ParameterError(`rows[${i}].${y}=${repr(r[y])} must be a finite number`);
    return { x: r[x], y: yv, ...(color ? { color: String(r[color]) } : {}) };
  });
  const numericX = values.every((v) => typeof v.x === "number" && Number.isFinite(v.x));
  if (xScale === "log" && !(numericX && values.every((v) => (v.x as number) > 0)))
    throw new ParameterError(`xScale="log" needs positive numeric ${repr(x)} values`);
  const xEnc = numericX
    ? { field: "x", type: "quantitative", title: xTitle, scale: xScale === "log" ? { type: "log" } : { zero: false } }
    : { field: "x", type: "ordinal", title: xTitle, sort: [...new Set(values.map((v) => String(v.x)))] };
  const colorEnc = color ? { color: { field: "color", type: "nominal", title: color } } : {};
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(title, `${rows.length} trials · points: trials · lines: mean per ${x}`),
    config: CHART_CONFIG,
    width: 420,
    height: 260,
    data: { values },
    layer: [
      {
        mark: { type: "line", point: false },
        encoding: { x: xEnc, y: { field: "y", type: "quantitative", aggregate: "mean", title: yTitle, scale: { zero: false } }, ...colorEnc },
      },
      {
        mark: { type: "point", filled: true, size: 40, opacity: 0.7 },
        encoding: {
          x: xEnc,
          y: { field: "y", type: "quantitative", title: yTitle },
          ...colorEnc,
          tooltip: [
            { field: "x", type: numericX ? "quantitative" : "nominal", title: x },
            { field: "y", type: "quantitative", title: y, format: ".4f" },
            ...(color ? [{ field: "color", type: "nominal", title: color }] : []),
          ],
        },
      },
    ],
  };
  return spec as VegaLiteSpec;
}
