// scripts/format.mjs on bad input: a notebook stored in another layout or with a cell that does not
// parse, and a missing path, are errors naming them, and the file is left as it was.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { projectPath } from "../../src/util/paths";

// inside the project (the script formats project files only) but not in .cache/, which .prettierignore skips
const dir = fs.mkdtempSync(projectPath("test", "scripts", "tmp-format-"));
const rel = (f: string) => path.relative(projectPath(), path.join(dir, f));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function format(...args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [projectPath("scripts", "format.mjs"), ...args], { cwd: projectPath(), encoding: "utf8" });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

const notebook = (source: string) => ({
  cells: [{ cell_type: "code", metadata: {}, source: [source], outputs: [], execution_count: null }],
  metadata: {},
  nbformat: 4,
  nbformat_minor: 5,
});

test("an unformatted file: --check lists it and exits 1; formatting rewrites it, leaving no temporary file", () => {
  fs.writeFileSync(path.join(dir, "a.ts"), "const x = {a:1}\n");
  const check = format("--check", rel("a.ts"));
  assert.equal(check.code, 1, check.err);
  assert.match(check.out, /a\.ts/);
  assert.equal(format(rel("a.ts")).code, 0);
  assert.equal(fs.readFileSync(path.join(dir, "a.ts"), "utf8"), "const x = { a: 1 };\n");
  assert.deepEqual(
    fs.readdirSync(dir).filter((f) => f.includes(".tmp-")),
    [],
  );
  assert.equal(format("--check", rel("a.ts")).code, 0);
});

test("a notebook stored with another indentation is refused by name and not rewritten", () => {
  const text = JSON.stringify(notebook("const y = {b:2}\n"), null, 2) + "\n";
  fs.writeFileSync(path.join(dir, "indented.ipynb"), text);
  const r = format(rel("indented.ipynb"));
  assert.equal(r.code, 2);
  assert.match(r.err, /indented\.ipynb: not stored as JSON\.stringify\(notebook, null, 1\)/);
  assert.equal(fs.readFileSync(path.join(dir, "indented.ipynb"), "utf8"), text);
});

test("a code cell that does not parse names the notebook and the cell; a missing path is named", () => {
  const text = JSON.stringify(notebook("const z = (;\n"), null, 1) + "\n";
  fs.writeFileSync(path.join(dir, "broken.ipynb"), text);
  const r = format(rel("broken.ipynb"));
  assert.equal(r.code, 2);
  assert.match(r.err, /broken\.ipynb: code cell 0 .* does not parse/);
  assert.equal(fs.readFileSync(path.join(dir, "broken.ipynb"), "utf8"), text);
  const missing = format("no/such/file.ts");
  assert.equal(missing.code, 2);
  assert.match(missing.err, /no\/such\/file\.ts: no such file or folder/);
});
