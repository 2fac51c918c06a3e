// Imports only point down the layers: a file imports from its own folder or from a lower one.
// The order, lowest first, is the map README's "Where things are" describes.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { projectPath } from "../../src/util/paths";

const LAYERS = [
  "util",
  "dsp",
  "audio",
  "features",
  "augment",
  "effects",
  "metrics",
  "model",
  "data",
  "charts",
  "notebook",
  "experiment",
  "browser",
  "export",
  "api",
  "cli",
];

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith(".ts") ? [p] : [];
  });
}

/** The layer of a file under src/: its top folder; src/index.ts belongs with api/. */
function layerOf(file: string): string {
  const rel = path.relative(projectPath("src"), file).split(path.sep);
  return rel.length === 1 ? "api" : rel[0];
}

/** Relative import specifiers of a source file (static, dynamic and require). */
export function relativeImports(source: string): string[] {
  const out: string[] = [];
  const re = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["'](\.{1,2}\/[^"']+)["']/gm;
  for (let m; (m = re.exec(source));) out.push(m[1]);
  return out;
}

test("relativeImports finds static, type-only, dynamic and require imports", () => {
  const src = [
    'import { a } from "../dsp/fft";',
    'import type { B } from "./b";',
    'const c = await import("../model/x");',
    'require("../util/y")',
    'import "./side-effect";',
  ].join("\n");
  assert.deepEqual(relativeImports(src), ["../dsp/fft", "./b", "../model/x", "../util/y", "./side-effect"]);
});

test("every folder of src/ has a layer", () => {
  const folders = fs
    .readdirSync(projectPath("src"), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
  for (const f of folders) assert.ok(LAYERS.includes(f), `src/${f}/ is in no layer: add it to LAYERS here and to README's map`);
});

test("no import in src/ runs up a layer", () => {
  const violations: string[] = [];
  for (const file of tsFiles(projectPath("src"))) {
    const from = layerOf(file);
    for (const spec of relativeImports(fs.readFileSync(file, "utf8"))) {
      const target = path.resolve(path.dirname(file), spec);
      if (!target.startsWith(projectPath("src") + path.sep)) {
        violations.push(`${path.relative(projectPath(), file)} imports ${spec}, outside src/`);
        continue;
      }
      const to = layerOf(fs.existsSync(target) && fs.statSync(target).isDirectory() ? path.join(target, "index.ts") : target + ".ts");
      if (LAYERS.indexOf(to) > LAYERS.indexOf(from)) violations.push(`${path.relative(projectPath(), file)} (${from}) imports ${spec} (${to})`);
    }
  }
  assert.deepEqual(violations, []);
});
