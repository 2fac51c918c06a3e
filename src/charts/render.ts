/**
 * Renders Vega-Lite specs to SVG in Node (vega's headless View.toSVG), with no browser and no
 * canvas. Showing a chart in a notebook is `display.show` (src/notebook/show.ts).
 */
import { compile, type TopLevelSpec } from "vega-lite";
import * as vega from "vega";
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
