/**
 * Putting charts side by side or one above the other (Vega-Lite hconcat/vconcat), so a notebook
 * shows "before" and "after" as one figure.
 */
import type { VegaLiteSpec } from "./render";
import { CHART_CONFIG, VEGA_LITE_SCHEMA, chartTitle } from "./chart-style";
import { ParameterError } from "../util/errors";

function child(spec: VegaLiteSpec): Record<string, unknown> {
  // Sub-charts may not carry their own $schema or config.
  const { $schema: _schema, config: _config, ...rest } = spec as unknown as Record<string, unknown>;
  return rest;
}

/** Options of {@link concatCharts}. */
export interface ConcatChartsOptions {
  /** "horizontal" (side by side, default) or "vertical". */
  direction?: "horizontal" | "vertical";
  /** Wrap into a grid of this many columns (overrides `direction`). */
  columns?: number;
  /** A title over the whole figure. */
  title?: string;
  /** Give the parts independent colour scales (each keeps its own legend). Default true. */
  independentColor?: boolean;
}

/**
 * One figure from several charts.
 * @example await show(concatCharts([waveformChart(y, sr, { title: "original" }), waveformChart(y2, sr, { title: "stretched" })]));
 */
export function concatCharts(specs: readonly VegaLiteSpec[], options: ConcatChartsOptions = {}): VegaLiteSpec {
  if (specs.length === 0) throw new ParameterError("concatCharts needs at least one chart");
  const key = options.columns ? "concat" : (options.direction ?? "horizontal") === "horizontal" ? "hconcat" : "vconcat";
  if (options.columns !== undefined && !(Number.isInteger(options.columns) && options.columns >= 1)) {
    throw new ParameterError(`columns=${options.columns} must be a positive integer`);
  }
  return {
    $schema: VEGA_LITE_SCHEMA,
    ...(options.title ? { title: chartTitle(options.title) } : {}),
    config: CHART_CONFIG,
    ...(options.columns ? { columns: options.columns } : {}),
    [key]: specs.map(child),
    ...((options.independentColor ?? true) ? { resolve: { scale: { color: "independent" }, legend: { color: "independent" } } } : {}),
  } as VegaLiteSpec;
}
