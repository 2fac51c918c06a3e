/** The distribution of one feature per class: box plots or densities (Vega-Lite). */
import { ParameterError } from "../util/errors";
import { repr } from "../util/validate";
import { EMOTIONS } from "../data/ravdess";
import type { VegaLiteSpec } from "./render";
import { CHART_CONFIG, VEGA_LITE_SCHEMA, chartTitle, withUnit } from "./chart-style";

/** Options of {@link featureDistributionChart}. */
export interface FeatureDistributionChartOptions {
  /** The numeric field to show (e.g. "rms_mean", "mfcc_1_mean"). Required. */
  feature: string;
  /** The grouping field. Default "emotion". */
  by?: string;
  /** "box" (default): a box plot per group (whiskers at 1.5 IQR); "density": overlaid kernel density estimates. */
  kind?: "box" | "density";
  /** Unit of the feature, shown in the axis title (e.g. "dB", "Hz"). Default none ("a.u." is not assumed). */
  unit?: string;
  /** Chart title. Default "Distribution of <feature> by <by>". */
  title?: string;
  /** Group order. Default: RAVDESS emotion order when every group is an emotion, else as first seen. */
  order?: readonly string[];
  /** Kernel bandwidth for "density", in feature units. Default: Scott's rule (Vega's default). */
  bandwidth?: number;
  /** Width in pixels. Default: 44 px per box ("box"), 420 ("density"). */
  width?: number;
  /** Height in pixels. Default 260. */
  height?: number;
}

/**
 * How one feature is distributed in each class: box plots (default) or kernel densities.
 * @param rows records, one per clip, with the feature and the grouping field
 * @param options feature (required), by (default "emotion"), kind, unit, title, order, bandwidth, width, height
 * @returns a Vega-Lite spec; `data.values` are `{ group, value }` (non-finite values dropped)
 * @example await show(featureDistributionChart(table, { feature: "rms_mean", by: "emotion", unit: "full scale" }));
 */
export function featureDistributionChart(rows: readonly object[], options: FeatureDistributionChartOptions): VegaLiteSpec {
  if (!options || typeof options.feature !== "string") throw new ParameterError("options.feature must name the numeric field to show");
  const { feature, by = "emotion", kind = "box", unit, bandwidth, height = 260 } = options;
  if (kind !== "box" && kind !== "density") throw new ParameterError(`kind=${repr(kind)} must be one of "box", "density"`);
  if (!Array.isArray(rows) || rows.length === 0) throw new ParameterError("rows is empty: nothing to draw");
  const values: { group: string; value: number }[] = [];
  const groups: string[] = [];
  rows.forEach((r, i) => {
    if (!(by in r)) throw new ParameterError(`rows[${i}] has no field ${repr(by)} (by)`);
    const v = r[feature];
    if (v === undefined) throw new ParameterError(`rows[${i}] has no field ${repr(feature)} (feature)`);
    const x = typeof v === "number" ? v : Number(v);
    if (!Number.isFinite(x)) return;
    const g = String(r[by]);
    if (!groups.includes(g)) groups.push(g);
    values.push({ group: g, value: x });
  });
  if (values.length === 0) throw new ParameterError(`no row has a finite ${repr(feature)}`);
  const emotionOrder = (EMOTIONS as readonly string[]).filter((e) => groups.includes(e));
  const order = options.order ? Array.from(options.order) : emotionOrder.length === groups.length ? emotionOrder : groups;
  const featureTitle = withUnit(feature, unit);
  const { title = `Distribution of ${feature} by ${by}` } = options;
  const subtitle = `${values.length} values · ${groups.length} groups · ${kind === "box" ? "boxes: quartiles, whiskers: 1.5 IQR" : "kernel density estimates"}`;
  const base = { $schema: VEGA_LITE_SCHEMA, title: chartTitle(title, subtitle), config: CHART_CONFIG, data: { values } };
  if (kind === "box") {
    return {
      ...base,
      width: options.width ?? { step: 44 },
      height,
      mark: { type: "boxplot", extent: 1.5, size: 26 },
      encoding: {
        x: { field: "group", type: "nominal", sort: order, title: by, axis: { labelAngle: -40 } },
        y: { field: "value", type: "quantitative", title: featureTitle, scale: { zero: false } },
        color: { field: "group", type: "nominal", sort: order, legend: null },
      },
    } as VegaLiteSpec;
  }
  return {
    ...base,
    width: options.width ?? 420,
    height,
    transform: [{ density: "value", groupby: ["group"], ...(bandwidth ? { bandwidth } : {}) }],
    mark: { type: "line" },
    encoding: {
      x: { field: "value", type: "quantitative", title: featureTitle, scale: { zero: false } },
      y: { field: "density", type: "quantitative", title: unit ? `density (per ${unit})` : "density (per unit of the feature)" },
      color: { field: "group", type: "nominal", sort: order, title: by },
    },
  } as VegaLiteSpec;
}
