/**
 * Prepares executed notebooks for the repository. Embedded audio is removed: RAVDESS audio (and
 * audio derived from it) must not enter the repository; players become a short note. Charts keep
 * their rendered SVG (what GitHub and nbviewer show); the Vega-Lite spec beside it, which only a
 * live JupyterLab renders, is dropped to halve the size (re-running the notebook brings it back).
 * Everything else (tables, text) stays.
 */

/** The MIME type of the interactive chart spec `show()` attaches next to its SVG. */
export const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";

/** The HTML that replaces an audio player. */
export const AUDIO_PLACEHOLDER = "<p><em>[audio player — run the notebook to listen; audio is not stored in the repository]</em></p>";

interface NotebookOutput {
  data?: Record<string, unknown>;
  [k: string]: unknown;
}

/**
 * A copy of `nb` (nbformat 4 JSON) whose outputs carry no `data:audio/` URIs, and no Vega-Lite
 * spec where the same output has the chart's SVG.
 * @returns the notebook and how many outputs were replaced
 */
export function stripAudio<T extends { cells: { outputs?: NotebookOutput[] }[] }>(nb: T): { notebook: T; replaced: number } {
  const copy = JSON.parse(JSON.stringify(nb)) as T;
  let replaced = 0;
  for (const cell of copy.cells) {
    for (const out of cell.outputs ?? []) {
      if (!out.data) continue;
      if (out.data["image/svg+xml"] !== undefined && out.data[VEGA_LITE_MIME] !== undefined) delete out.data[VEGA_LITE_MIME];
      const text = JSON.stringify(out.data);
      if (!text.includes("data:audio/")) continue;
      out.data = { "text/html": AUDIO_PLACEHOLDER, "text/plain": "[audio player]" };
      replaced++;
    }
  }
  return { notebook: copy, replaced };
}
