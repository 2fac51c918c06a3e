/**
 * Rich output in tslab notebooks: one display message carrying several representations (a MIME
 * bundle), so a static HTML export shows the SVG while JupyterLab can pick an interactive renderer.
 * Outside a tslab kernel (scripts, tests) nothing is displayed and `inNotebook()` is false.
 * The display functions return nothing: tslab prints the value of a cell's last expression.
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
 * Displays a MIME bundle, e.g. `{ "image/svg+xml": svg, "text/plain": "chart" }`. Outside a
 * notebook it does nothing (see {@link inNotebook}). Returns nothing, so a cell ending with it
 * prints no value.
 */
export function displayBundle(bundle: Record<string, unknown>, metadata: Record<string, unknown> = {}): void {
  kernelDisplay()?.({ data: bundle, metadata }, false);
}

/** Displays HTML (a table, an audio player); nothing outside a notebook. */
export function displayHtml(html: string, plain = "[html]"): void {
  displayBundle({ "text/html": html, "text/plain": plain });
}

/** Displays Markdown (a sentence carrying a measured number); nothing outside a notebook. */
export function displayMarkdown(md: string): void {
  displayBundle({ "text/markdown": md, "text/plain": md });
}

/** A display that overwrites itself in place (progress during training). */
export interface LiveDisplay {
  /** Replaces the display's content with Markdown. */
  markdown(md: string): void;
  /** Replaces the display's content with HTML. */
  html(html: string, plain?: string): void;
}

/**
 * A display area whose content each call replaces (tslab's `newDisplay`, as one output): the first
 * call creates it, later calls update it. Nothing is shown outside a notebook.
 * @example const live = liveDisplay(); for (...) live.markdown(`epoch ${e}: loss ${loss}`);
 */
export function liveDisplay(): LiveDisplay {
  const id = `ser-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  let shown = false;
  const send = (data: Record<string, unknown>) => {
    const write = kernelDisplay();
    if (!write) return;
    write({ data, metadata: {}, transient: { display_id: id } }, shown);
    shown = true;
  };
  return {
    markdown: (md) => send({ "text/markdown": md, "text/plain": md }),
    html: (html, plain = "[html]") => send({ "text/html": html, "text/plain": plain }),
  };
}
