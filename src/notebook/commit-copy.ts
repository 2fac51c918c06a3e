/**
 * The copy of an executed notebook that goes into the repository, made so that it reads as it
 * should when opened — in JupyterLab without "trusting" it, on GitHub, in nbviewer:
 *
 * - charts as PNG: JupyterLab does not render SVG (nor HTML with scripts) of an untrusted notebook,
 *   and shows the `[chart: …]` text instead; PNG renders everywhere. Each chart's SVG is rasterised
 *   with resvg (`@resvg/resvg-js`, a devDependency: only `npm start -- --update-notebooks` needs it)
 *   into an 8-bit palette PNG ({@link encodePngPalette}),
 *   and the SVG and the Vega-Lite spec are dropped (a live session re-creates both, interactive);
 * - no embedded audio ({@link stripAudio});
 * - no `injected-parameters` cell: it would override what a reader types in the parameters cell;
 * - no absolute path of the machine that ran it: the project folder becomes `.`.
 */
import { stripAudio } from "./strip-audio";
import { encodePngPalette } from "../charts/png";

/** Output width a committed chart must fit (px): a notebook column with the file browser open. */
export const NOTEBOOK_COLUMN_PX = 900;

interface Output {
  output_type?: string;
  data?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  text?: string | string[];
  [k: string]: unknown;
}
interface Cell {
  cell_type?: string;
  metadata?: { tags?: string[]; [k: string]: unknown };
  outputs?: Output[];
  [k: string]: unknown;
}

/** What {@link commitCopy} changed. */
export interface CommitCopyReport {
  charts: number;
  audio: number;
  injectedCells: number;
  /** Charts drawn wider than {@link NOTEBOOK_COLUMN_PX} (scaled down to fit it), by their `[chart: title]` text and width. */
  tooWide: { title: string; width: number }[];
}

type Rasterise = (svg: string) => { png: Uint8Array; width: number; height: number; svgWidth?: number };

/** SVG → PNG with resvg, text in the system's sans-serif fonts (Liberation Sans, else DejaVu Sans). */
export function resvgRasteriser(): Rasterise {
  let Resvg: new (svg: string, options: unknown) => { render(): { pixels: Uint8Array; width: number; height: number } };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    Resvg = require("@resvg/resvg-js").Resvg;
  } catch (err) {
    throw new Error(`committing notebook charts as PNG needs the devDependency @resvg/resvg-js: run \`npm install\` (${(err as Error).message})`);
  }
  return (svg) => {
    // A chart wider than the column is scaled down to fit it (commitCopy reports it, to be fixed at the source).
    const w = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? 0);
    const fitTo = w > NOTEBOOK_COLUMN_PX ? { fitTo: { mode: "width", value: NOTEBOOK_COLUMN_PX } } : {};
    const r = new Resvg(svg, {
      font: { loadSystemFonts: true, defaultFontFamily: "Liberation Sans", sansSerifFamily: "Liberation Sans" },
      background: "white",
      ...fitTo,
    }).render();
    return { png: encodePngPalette(r.width, r.height, r.pixels), width: r.width, height: r.height, svgWidth: w };
  };
}

function relativise(text: string, root: string): string {
  return text
    .split(root + "/")
    .join("")
    .split(root)
    .join(".");
}

/**
 * The repository copy of an executed notebook (nbformat 4 JSON); the input is not modified.
 * @param projectRoot the project folder, whose absolute path is removed from every output
 * @param rasterise SVG → PNG (default {@link resvgRasteriser})
 * @example const { notebook, report } = commitCopy(JSON.parse(fs.readFileSync(executed, "utf8")), projectPath());
 */
export function commitCopy<T extends { cells: Cell[] }>(
  nb: T,
  projectRoot: string,
  rasterise: Rasterise = resvgRasteriser(),
): { notebook: T; report: CommitCopyReport } {
  const { notebook, replaced } = stripAudio(nb as unknown as { cells: { outputs?: { data?: Record<string, unknown> }[] }[] });
  const copy = notebook as unknown as T;
  const report: CommitCopyReport = { charts: 0, audio: replaced, injectedCells: 0, tooWide: [] };
  const before = copy.cells.length;
  copy.cells = copy.cells.filter((c) => !(c.metadata?.tags ?? []).includes("injected-parameters"));
  report.injectedCells = before - copy.cells.length;
  for (const cell of copy.cells) {
    for (const out of cell.outputs ?? []) {
      if (out.text !== undefined) out.text = Array.isArray(out.text) ? out.text.map((t) => relativise(t, projectRoot)) : relativise(out.text, projectRoot);
      if (!out.data) continue;
      const svg = out.data["image/svg+xml"];
      if (typeof svg === "string" || Array.isArray(svg)) {
        const { png, width, height, svgWidth = width } = rasterise(Array.isArray(svg) ? svg.join("") : svg);
        const title = String(out.data["text/plain"] ?? "[chart]");
        if (svgWidth > NOTEBOOK_COLUMN_PX) report.tooWide.push({ title, width: Math.round(svgWidth) });
        out.data = { "image/png": Buffer.from(png).toString("base64"), "text/plain": out.data["text/plain"] ?? "[chart]" };
        out.metadata = { ...(out.metadata ?? {}), "image/png": { width, height } };
        report.charts++;
      }
      for (const [mime, value] of Object.entries(out.data)) {
        if (mime === "image/png") continue;
        if (typeof value === "string") out.data[mime] = relativise(value, projectRoot);
        else if (Array.isArray(value)) out.data[mime] = value.map((v) => (typeof v === "string" ? relativise(v, projectRoot) : v));
      }
    }
  }
  return { notebook: copy, report };
}
