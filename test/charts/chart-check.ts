// Shared checks for chart tests: the spec compiles with vega-lite without warnings, and renders
// to an SVG (through src/charts/show's renderSvg) that shows the title and axis titles.
import assert from "node:assert/strict";
import { compile } from "vega-lite";
import { renderSvg, type VegaLiteSpec } from "../../src/charts";

export function compileStrict(spec: VegaLiteSpec): { warnings: string[] } {
  const warnings: string[] = [];
  const logger = {
    level() {
      return this;
    },
    warn(...a: unknown[]) {
      warnings.push(a.map(String).join(" "));
      return this;
    },
    error(...a: unknown[]) {
      throw new Error(`vega-lite error: ${a.map(String).join(" ")}`);
    },
    info() {
      return this;
    },
    debug() {
      return this;
    },
  };
  const out = compile(spec, { logger: logger as never });
  assert.ok(out.spec, "compiled to a Vega spec");
  return { warnings };
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Compiles (no warnings) and renders; asserts the SVG is non-empty and shows every text given. */
export async function renderChecked(spec: VegaLiteSpec, texts: readonly string[]): Promise<string> {
  const { warnings } = compileStrict(spec);
  assert.deepEqual(warnings, [], "vega-lite compiled without warnings");
  const svg = await renderSvg(spec);
  assert.match(svg, /^<svg[\s\S]*<\/svg>$/);
  assert.ok(svg.length > 1000, `SVG has content (${svg.length} bytes)`);
  for (const t of texts) assert.ok(svg.includes(`>${xmlEscape(t)}<`), `SVG shows the text ${JSON.stringify(t)}`);
  return svg;
}

/** The spec's title text. */
export function titleOf(spec: VegaLiteSpec): string {
  const t = spec.title as { text: string } | string;
  return typeof t === "string" ? t : t.text;
}

/**
 * Inline data rows of a spec (top-level, or of layer `i`), as a JSON copy: rendering with vega
 * tags the spec's data objects in place with a Symbol(vega_id), which the copy drops.
 */
export function dataOf<T>(spec: VegaLiteSpec, layer?: number): T[] {
  const s = spec as unknown as { data?: { values: T[] }; layer?: { data?: { values: T[] } }[] };
  const d = layer === undefined ? s.data : s.layer![layer].data;
  assert.ok(d && Array.isArray(d.values), "inline data values");
  return JSON.parse(JSON.stringify(d.values)) as T[];
}
