import { test } from "node:test";
import assert from "node:assert/strict";
import { showBeforeAfter } from "../../src/notebook/show-before-after";

test("plays the result and shows both clips as two columns", async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData?: unknown };
  const shown: Record<string, unknown>[] = [];
  jupyter.lastWriteDisplayData = (d: { data: Record<string, unknown> }) => shown.push(d.data);
  try {
    const sr = 8000;
    const y = Float32Array.from({ length: sr }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 200 * i) / sr));
    const result = await showBeforeAfter(
      y,
      y.map((v) => v / 2),
      { sr, title: "gain -6 dB" },
    );
    assert.equal(result, undefined, "nothing for the cell to print");
    assert.equal(shown.length, 2);
    assert.match(String(shown[0]["text/html"]), /<audio/);
    assert.match(String(shown[0]["text/plain"]), /gain -6 dB/);
    const spec = shown[1]["application/vnd.vegalite.v5+json"] as { columns: number; concat: { title: unknown }[] };
    assert.equal(spec.columns, 2);
    assert.match(JSON.stringify(spec.concat[0].title), /original/);
    assert.match(JSON.stringify(spec.concat[1].title), /gain -6 dB/);
    assert.match(String(shown[1]["image/svg+xml"]), /^<svg/);
  } finally {
    jupyter.lastWriteDisplayData = null;
  }
});
