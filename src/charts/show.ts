/**
 * Renders Vega-Lite specs to SVG in Node (vega's headless View.toSVG) and shows them in
 * notebooks with the Vega-Lite spec attached, so an executed notebook's HTML shows the chart with
 * no browser and JupyterLab can render it interactively.
 */
import { compile, type TopLevelSpec } from "vega-lite";
import * as vega from "vega";
import { displayBundle } from "../notebook/display";
import { installTextMetrics } from "./text-metrics";

/** A Vega-Lite (v5) top-level spec. */
export type VegaLiteSpec = TopLevelSpec;

/** Compiles a Vega-Lite spec and renders it to an SVG string (no browser, no canvas). */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  installTextMetrics();
  const vgSpec = compile(spec).spec;
  const view = new vega.View(vega.parse(vgSpec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

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
