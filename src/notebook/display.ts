/**
 * Rich output in tslab notebooks: one display message carrying several representations (a MIME
 * bundle), so a static HTML export shows the SVG while JupyterLab can pick an interactive renderer.
 * Outside a tslab kernel (scripts, tests) nothing is displayed and `inNotebook()` is false.
 */

type DisplayFn = (data: { data: Record<string, unknown>; metadata: Record<string, unknown>; transient?: Record<string, unknown> }, update: boolean) => void;

function kernelDisplay(): DisplayFn | null {
  try {
    // tslab's kernel keeps the current cell's display writer here (see tslab/dist/public.js).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData?: DisplayFn | null };
    return jupyter.lastWriteDisplayData ?? null;
  } catch {
    return null;
  }
}

/** True inside a running tslab kernel cell. */
export function inNotebook(): boolean {
  return kernelDisplay() !== null;
}

/**
 * Displays a MIME bundle, e.g. `{ "image/svg+xml": svg, "text/plain": "chart" }`.
 * Returns false (and displays nothing) outside a notebook.
 */
export function displayBundle(bundle: Record<string, unknown>, metadata: Record<string, unknown> = {}): boolean {
  const write = kernelDisplay();
  if (!write) return false;
  write({ data: bundle, metadata }, false);
  return true;
}

/** Displays HTML (a table, an audio player). Returns false outside a notebook. */
export function displayHtml(html: string, plain = "[html]"): boolean {
  return displayBundle({ "text/html": html, "text/plain": plain });
}

/** Displays Markdown (a sentence carrying a measured number). Returns false outside a notebook. */
export function displayMarkdown(md: string): boolean {
  return displayBundle({ "text/markdown": md, "text/plain": md });
}
