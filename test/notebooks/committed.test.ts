// The committed notebooks stay light and portable: under 1.5 MB together, no cell line packed past
// the formatter's width (140), no injected-parameters cell, no error output.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { projectPath } from "../../src/util/paths";

const DIR = projectPath("notebooks");
const files = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith(".ipynb"))
  .sort();

interface Cell {
  cell_type: string;
  source: string[] | string;
  metadata?: { tags?: string[] };
  outputs?: { output_type: string }[];
}

test("eight notebooks, 1.5 MB at most in total", () => {
  assert.ok(files.length >= 8, files.join(", "));
  const bytes = files.reduce((s, f) => s + fs.statSync(path.join(DIR, f)).size, 0);
  assert.ok(bytes <= 1.5e6, `committed notebooks hold ${(bytes / 1e6).toFixed(2)} MB`);
});

for (const f of files) {
  test(`${f}: no injected-parameters cell, no error output, code lines within 140 characters`, () => {
    const nb = JSON.parse(fs.readFileSync(path.join(DIR, f), "utf8")) as { cells: Cell[] };
    for (const [i, c] of nb.cells.entries()) {
      assert.ok(!c.metadata?.tags?.includes("injected-parameters"), `cell ${i} is an injected-parameters cell`);
      assert.ok(!(c.outputs ?? []).some((o) => o.output_type === "error"), `cell ${i} has an error output`);
      if (c.cell_type !== "code") continue;
      const src = Array.isArray(c.source) ? c.source.join("") : c.source;
      // a line that is one string or template literal (markdown text built in code) cannot be broken by the formatter
      const code = src.split("\n").filter((l) => !/^\s*[`"']/.test(l));
      for (const line of code) assert.ok(line.length <= 140, `cell ${i}: a ${line.length}-character line: ${line.slice(0, 60)}…`);
    }
  });
}
