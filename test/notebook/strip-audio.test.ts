import { test } from "node:test";
import assert from "node:assert/strict";
import { stripAudio, AUDIO_PLACEHOLDER } from "../../src/notebook/strip-audio";
import { audioPlayerHtml } from "../../src/augment/audio-html";
import { noise } from "../helpers/signals";

test("audio players are replaced by a note; charts, tables and text stay", () => {
  const player = audioPlayerHtml(noise(800, 1), 8000, { label: "clip" });
  const nb = {
    cells: [
      { outputs: [{ output_type: "display_data", data: { "text/html": player, "text/plain": "[audio]" } }, { output_type: "stream", text: ["hello\n"] }] },
      { outputs: [{ output_type: "display_data", data: { "image/svg+xml": "<svg/>", "text/plain": "[chart]" } }] },
      { source: "markdown" },
    ],
  };
  const { notebook, replaced } = stripAudio(nb);
  assert.equal(replaced, 1);
  assert.equal((notebook.cells[0].outputs![0] as any).data["text/html"], AUDIO_PLACEHOLDER);
  assert.ok(!JSON.stringify(notebook).includes("data:audio/"));
  assert.deepEqual(notebook.cells[0].outputs![1], nb.cells[0].outputs![1]);
  assert.deepEqual(notebook.cells[1], nb.cells[1]);
  assert.ok(JSON.stringify(nb).includes("data:audio/"), "the input is not modified");
});
