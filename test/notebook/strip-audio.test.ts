import { test } from "node:test";
import assert from "node:assert/strict";
import { stripAudio, AUDIO_PLACEHOLDER, VEGA_LITE_MIME } from "../../src/notebook/strip-audio";
import { audioPlayerHtml } from "../../src/notebook/audio-player";
import { noise } from "../helpers/signals";

test("audio players are replaced by a note; charts, tables and text stay", () => {
  const player = audioPlayerHtml(noise(800, 1), 8000, { label: "clip" });
  const nb = {
    cells: [
      {
        outputs: [
          { output_type: "display_data", data: { "text/html": player, "text/plain": "[audio]" } },
          { output_type: "stream", text: ["hello\n"] },
        ],
      },
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

test("a chart keeps its SVG and loses the duplicate Vega-Lite spec; a spec alone is kept", () => {
  const nb = {
    cells: [
      { outputs: [{ output_type: "display_data", data: { "image/svg+xml": "<svg/>", [VEGA_LITE_MIME]: { mark: "bar" }, "text/plain": "[chart]" } }] },
      { outputs: [{ output_type: "display_data", data: { [VEGA_LITE_MIME]: { mark: "point" }, "text/plain": "[chart]" } }] },
    ],
  };
  const { notebook } = stripAudio(nb);
  assert.deepEqual(Object.keys((notebook.cells[0].outputs![0] as any).data).sort(), ["image/svg+xml", "text/plain"]);
  assert.deepEqual((notebook.cells[1].outputs![0] as any).data[VEGA_LITE_MIME], { mark: "point" });
});
