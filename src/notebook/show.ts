/**
 * Shows Vega-Lite charts in notebooks: the SVG for static exports plus the Vega-Lite spec, so an
 * executed notebook's HTML shows the chart with no browser and JupyterLab renders it interactively.
 */
import { renderSvg, type VegaLiteSpec } from "../charts/render";
import { displayBundle } from "./display";

/**
 * Shows a chart in the notebook: SVG for static exports plus the Vega-Lite JSON
 * (`application/vnd.vegalite.v5+json`) for JupyterLab. Outside a notebook it only renders
 * (use {@link renderSvg} to get the SVG).
 * @example await show(confusionMatrixChart(cm, EMOTIONS));
 */
export async function show(spec: VegaLiteSpec): Promise<void> {
  const svg = await renderSvg(spec);
  const title = typeof spec.title === "string" ? spec.title : (spec.title as { text?: string } | undefined)?.text;
  displayBundle({
    "image/svg+xml": svg,
    "application/vnd.vegalite.v5+json": spec,
    "text/plain": `[chart${title ? `: ${title}` : ""}]`,
  });
}
