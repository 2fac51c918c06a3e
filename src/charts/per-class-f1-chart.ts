/** Per-class F1 (or precision or recall) as bars, with the macro average marked (Vega-Lite). */
import { ParameterError } from "../util/errors";
import { repr } from "../util/validate";
import { reportRows, type ClassificationReport, type ClassificationReportDict } from "../metrics/classification-report";
import type { VegaLiteSpec } from "./render";
import { CHART_CONFIG, VEGA_LITE_SCHEMA, chartTitle } from "./chart-style";

/** Options of {@link perClassF1Chart}. */
export interface PerClassF1ChartOptions {
  /** Which score to draw: "f1-score" (default), "precision" or "recall". */
  metric?: "f1-score" | "precision" | "recall";
  /** Chart title. Default "Per-class F1" (or "Per-class precision" / "recall"). */
  title?: string;
  /** x-axis title. Default "emotion". */
  classTitle?: string;
  /** Bar width step in pixels. Default 48. */
  step?: number;
}

/**
 * Bars of a score per class from a classification report, in the report's class order, with a
 * dashed rule at the macro average. Scores lie in [0, 1]; NaN scores (zeroDivision NaN) are left out.
 * @param report from `classificationReport` (or its `outputDict: true` form)
 * @param options metric (default "f1-score"), title, classTitle, step
 * @returns a Vega-Lite spec; `data.values` holds `{ name, score, support }` per class
 * @example await show(perClassF1Chart(classificationReport(yTrue, yPred, { targetNames: [...EMOTIONS] })));
 */
export function perClassF1Chart(report: ClassificationReport | ClassificationReportDict, options: PerClassF1ChartOptions = {}): VegaLiteSpec {
  const { metric = "f1-score", classTitle = "emotion", step = 48 } = options;
  if (!["f1-score", "precision", "recall"].includes(metric))
    throw new ParameterError(`metric=${repr(metric)} must be one of "f1-score", "precision", "recall"`);
  const metricName = metric === "f1-score" ? "F1" : metric;
  const { title = `Per-class ${metricName}` } = options;
  const { classes, averages } = reportRows(report);
  const pick = (r: { precision: number; recall: number; f1Score: number }) =>
    metric === "f1-score" ? r.f1Score : metric === "precision" ? r.precision : r.recall;
  const values = classes.map((c) => ({ name: c.name, score: Number.isNaN(pick(c)) ? null : pick(c), support: c.support }));
  const macro = averages.find((a) => a.name === "macro avg");
  const macroScore = macro ? pick(macro) : NaN;
  const names = classes.map((c) => c.name);
  const scoreTitle = `${metricName}${metric === "f1-score" ? " score" : ""} (0–1)`;
  const layers: unknown[] = [
    {
      mark: { type: "bar", color: "#4c78a8" },
      encoding: {
        x: { field: "name", type: "nominal", sort: names, title: classTitle, axis: { labelAngle: -40 } },
        y: { field: "score", type: "quantitative", title: scoreTitle, scale: { domain: [0, 1] } },
        tooltip: [
          { field: "name", type: "nominal", title: classTitle },
          { field: "score", type: "quantitative", format: ".3f", title: metricName },
          { field: "support", type: "quantitative", title: "support (clips)" },
        ],
      },
    },
    {
      mark: { type: "text", dy: -7, fontSize: 10 },
      encoding: {
        x: { field: "name", type: "nominal", sort: names },
        y: { field: "score", type: "quantitative" },
        text: { field: "score", type: "quantitative", format: ".2f" },
      },
    },
  ];
  if (Number.isFinite(macroScore)) {
    layers.push({
      data: { values: [{ macro: macroScore }] },
      mark: { type: "rule", strokeDash: [6, 4], color: "#e45756", strokeWidth: 1.5 },
      encoding: { y: { field: "macro", type: "quantitative" } },
    });
  }
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(title, `${classes.length} classes${Number.isFinite(macroScore) ? ` · dashed line: macro ${metricName} = ${macroScore.toFixed(3)}` : ""}`),
    config: CHART_CONFIG,
    width: { step },
    height: 240,
    data: { values },
    layer: layers,
  };
  return spec as VegaLiteSpec;
}
