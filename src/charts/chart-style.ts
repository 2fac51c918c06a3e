/**
 * Shared look of ser-toolkit charts: the Vega-Lite v5 schema URL, a white background, readable
 * font sizes, and a title helper.
 */
import type { TitleParams } from "vega-lite/build/src/title";
import type { Config } from "vega-lite/build/src/config";

/** The schema every builder declares. */
export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

/** Config applied to every chart (overridable per spec). */
export const CHART_CONFIG: Config = {
  background: "white",
  font: "Helvetica, Arial, sans-serif",
  title: { fontSize: 15, anchor: "start", subtitleFontSize: 11, subtitleColor: "#555" },
  axis: { labelFontSize: 11, titleFontSize: 12 },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  view: { stroke: null },
};

/** A title with an optional subtitle line. */
export function chartTitle(text: string, subtitle?: string): TitleParams<never> {
  return subtitle ? { text, subtitle } : { text };
}

/** "name (unit)" or "name" when there is no unit. */
export function withUnit(name: string, unit?: string | null): string {
  return unit ? `${name} (${unit})` : name;
}
