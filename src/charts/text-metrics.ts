/**
 * Text widths for headless chart rendering. Without a canvas, vega estimates every string as
 * 0.8 · fontSize per character — about 60 % wider than Helvetica/Arial really sets it — so titles,
 * legends and axis labels take far more room than they need and figures come out hundreds of
 * pixels too wide. Installing these metrics makes vega lay text out with Helvetica's advance widths
 * (Adobe's AFM; Arial and Liberation Sans share them), the font of our charts (CHART_CONFIG).
 */
import * as vega from "vega";

// Helvetica advance widths (1/1000 em) for ASCII 32..126.
const ASCII = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584,
  556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278,
  469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260,
  334, 584,
];
const OTHER: Record<string, number> = {
  "·": 278,
  "–": 556,
  "—": 1000,
  "×": 584,
  "…": 1000,
  "↔": 1000,
  "→": 1000,
  "≤": 584,
  "≥": 584,
  "±": 584,
  "°": 400,
  µ: 556,
  "−": 584,
};

/** Width in pixels of `text` in Helvetica at `fontSize`; bold is set about 8 % wider. */
export function helveticaWidth(text: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    units += c >= 32 && c <= 126 ? ASCII[c - 32] : (OTHER[ch] ?? 600);
  }
  return (units / 1000) * fontSize * (bold ? 1.08 : 1);
}

type TextItem = { text?: unknown; fontSize?: number; fontWeight?: string | number };

let installed = false;

/** Makes vega measure text with {@link helveticaWidth} (once per process; headless rendering only). */
export function installTextMetrics(): void {
  if (installed) return;
  installed = true;
  const metrics = (vega as unknown as { textMetrics: { width: (item: TextItem, text?: unknown) => number } }).textMetrics;
  metrics.width = (item: TextItem, text?: unknown) => {
    const t = text ?? item.text;
    const s = t == null ? "" : Array.isArray(t) ? t.join(" ") : String(t);
    const size = item.fontSize ?? 11;
    if (size <= 0 || !s) return 0;
    const w = item.fontWeight;
    return helveticaWidth(s, size, w === "bold" || (typeof w === "number" && w >= 600));
  };
}
