/**
 * Removes embedded audio from executed notebooks before they are committed: RAVDESS audio (and
 * audio derived from it) must not enter the repository. Players become a short note; everything
 * else (tables, charts, text) stays.
 */

/** The HTML that replaces an audio player. */
export const AUDIO_PLACEHOLDER = "<p><em>[audio player — run the notebook to listen; audio is not stored in the repository]</em></p>";

interface NotebookOutput {
  data?: Record<string, unknown>;
  [k: string]: unknown;
}

/**
 * A copy of `nb` (nbformat 4 JSON) whose outputs carry no `data:audio/` URIs.
 * @returns the notebook and how many outputs were replaced
 */
export function stripAudio<T extends { cells: { outputs?: NotebookOutput[] }[] }>(nb: T): { notebook: T; replaced: number } {
  const copy = JSON.parse(JSON.stringify(nb)) as T;
  let replaced = 0;
  for (const cell of copy.cells) {
    for (const out of cell.outputs ?? []) {
      if (!out.data) continue;
      const text = JSON.stringify(out.data);
      if (!text.includes("data:audio/")) continue;
      out.data = { "text/html": AUDIO_PLACEHOLDER, "text/plain": "[audio player]" };
      replaced++;
    }
  }
  return { notebook: copy, replaced };
}
