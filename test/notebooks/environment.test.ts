// Executes notebooks/00_environment.ipynb headless through Jupyter with the tslab kernel and
// checks what it shows: the native backend, a Danfo table and a Vega-Lite chart rendered to SVG.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { executeNotebook } from "../../src/notebook/execute";

test("00_environment executes headless on the native backend, with a table and an SVG chart", { timeout: 300_000 }, async () => {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "ser-nb-"));
  try {
    const r = await executeNotebook("00_environment", { outDir, onOutput: () => {}, params: { sizes: [32, 64], repeats: 2 } });
    const nb = JSON.parse(fs.readFileSync(r.notebook, "utf8"));
    const outputs = nb.cells.flatMap((c: { outputs?: unknown[] }) => c.outputs ?? []) as {
      output_type: string;
      text?: string[];
      data?: Record<string, unknown>;
    }[];
    const text = outputs.flatMap((o) => o.text ?? []).join("");
    assert.match(text, /backend: tensorflow/);
    assert.ok(!outputs.some((o) => o.output_type === "error"), "no cell raised");
    const html = outputs.filter((o) => o.data?.["text/html"]).map((o) => String(o.data!["text/html"]));
    assert.ok(
      html.some((h) => h.includes("<table") && h.includes("@tensorflow/tfjs-node")),
      "environment table shown",
    );
    const charts = outputs.filter((o) => o.data?.["image/svg+xml"] && o.data?.["application/vnd.vegalite.v5+json"]);
    assert.equal(charts.length, 1, "one chart with SVG and Vega-Lite spec");
    assert.match(String(charts[0].data!["image/svg+xml"]), /<svg[\s\S]*GFLOP\/s/);
    // The injected parameters reached the kernel: the speed table has exactly the two sizes.
    assert.ok(html.some((h) => /<td>32<\/td>[\s\S]*<td>64<\/td>/.test(h) && !h.includes("<td>512</td>")));
    assert.ok(fs.statSync(r.html).size > 10_000, "HTML export written");
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
});

test("executeNotebook names an unknown notebook and lists the real ones", () => {
  assert.throws(() => executeNotebook("99_nope"), /notebook="99_nope": no notebook matches; the notebooks are 00_environment/);
});
