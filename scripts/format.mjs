#!/usr/bin/env node
// `npm run format [-- paths or globs...]` formats TypeScript/JavaScript files and the code cells of
// notebooks with prettier (.prettierrc.json); `npm run format:check` (`--check`) changes nothing,
// lists the files that are not formatted and exits 1 if there are any.
//
//   node scripts/format.mjs [--check] [PATH | GLOB ...]
//
// - PATH or GLOB: files, folders (every .ts/.mts/.mjs/.js/.ipynb below them) or globs relative to the
//   project root (`*`, `**`, `?`, `{a,b}`; quote them so the shell leaves them alone). Default: the
//   globs of DEFAULT_TARGETS. Files listed in .prettierignore are skipped.
// - Notebooks (.ipynb): each code cell's source is formatted with prettier's typescript parser
//   (top-level await is fine: a cell is parsed as a module), without the trailing newline a file
//   would get; markdown cells, outputs and metadata are left alone. The JSON is written back the
//   way the notebooks are stored (`JSON.stringify(nb, null, 1)` plus a newline: indent 1, non-ASCII
//   kept as is), and a notebook whose layout is not that one is reported instead of rewritten.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DEFAULT_TARGETS = ["src/**/*.ts", "test/**/*.ts", "bench/**/*.ts", "scripts/**/*.mjs", "web/**/*.{ts,mjs}", "notebooks/*.ipynb"];
const CODE = /\.(ts|mts|cts|mjs|cjs|js)$/;
const SKIP_DIRS = new Set(["node_modules", ".git", "dist", ".venv", ".cache", "reports", "runs", "fixtures", ".ipynb_checkpoints"]);

const argv = process.argv.slice(2);
const check = argv.includes("--check");
const unknown = argv.filter((a) => a.startsWith("--") && a !== "--check");
if (unknown.length) {
  console.error(`format: unknown option ${unknown.join(" ")} (usage: node scripts/format.mjs [--check] [PATH | GLOB ...])`);
  process.exit(2);
}
const targets = argv.filter((a) => !a.startsWith("--"));

/** A glob (relative, `/`-separated) as a RegExp over relative paths. */
function globRegExp(glob) {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*" && glob[i + 1] === "*") {
      const slash = glob[i + 2] === "/";
      re += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "{") {
      const end = glob.indexOf("}", i);
      if (end < 0) throw new Error(`glob ${glob}: unclosed {`);
      re += `(?:${glob
        .slice(i + 1, end)
        .split(",")
        .map((s) => s.replace(/[.+^$()|[\]\\]/g, "\\$&"))
        .join("|")})`;
      i = end;
    } else re += c.replace(/[.+^$()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

/** Every file below `dir` (relative to ROOT), skipping build, data and dependency folders. */
function walk(dir, out = []) {
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(rel, out);
    } else if (e.isFile()) out.push(rel);
  }
  return out;
}

/** The files a target names: a file, a folder's formattable files, or a glob's matches. */
function expand(target) {
  const rel = path.relative(ROOT, path.resolve(ROOT, target)).split(path.sep).join("/");
  if (!/[*?{]/.test(target)) {
    if (!fs.existsSync(path.join(ROOT, rel))) throw new Error(`${target}: no such file or folder`);
    if (fs.statSync(path.join(ROOT, rel)).isDirectory()) return walk(rel).filter((f) => CODE.test(f) || f.endsWith(".ipynb"));
    return [rel];
  }
  const re = globRegExp(rel);
  const base = rel
    .slice(0, rel.search(/[*?{]/))
    .replace(/[^/]*$/, "")
    .replace(/\/$/, "");
  if (base && !fs.existsSync(path.join(ROOT, base))) return [];
  return walk(base).filter((f) => re.test(f));
}

/** Prettier's options for a file (its config, overrides included), or null when .prettierignore skips it. */
async function optionsFor(file) {
  const abs = path.join(ROOT, file);
  const info = await prettier.getFileInfo(abs, { ignorePath: path.join(ROOT, ".prettierignore") });
  if (info.ignored) return null;
  const config = (await prettier.resolveConfig(abs, { editorconfig: false })) ?? {};
  return { ...config, filepath: abs };
}

/**
 * Prettier until the text stops changing (at most 3 passes): a few of its layouts (member chains)
 * depend on the input's line breaks, so one pass is not always a fixed point, and `--check` would
 * then flag files `format` just wrote.
 */
async function formatStable(text, options) {
  let out = text;
  for (let pass = 0; pass < 3; pass++) {
    const next = await prettier.format(out, options);
    if (next === out) break;
    out = next;
  }
  return out;
}

/** A cell source as nbformat stores it: lines, each but the last ending in "\n". */
function toLines(text) {
  const lines = text.split("\n").map((l) => `${l}\n`);
  lines[lines.length - 1] = lines[lines.length - 1].slice(0, -1);
  return lines[lines.length - 1] === "" ? lines.slice(0, -1) : lines;
}

async function formatNotebook(file, options) {
  const text = fs.readFileSync(path.join(ROOT, file), "utf8");
  const nb = JSON.parse(text);
  const stored = (x) => JSON.stringify(x, null, 1) + "\n";
  if (stored(nb) !== text) throw new Error(`${file}: not stored as JSON.stringify(notebook, null, 1) + "\\n"; not rewriting it`);
  let changed = 0;
  for (const [i, cell] of nb.cells.entries()) {
    if (cell.cell_type !== "code") continue;
    const source = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
    if (source.trim() === "") continue;
    let out;
    try {
      out = await formatStable(source, { ...options, filepath: undefined, parser: "typescript" });
    } catch (err) {
      throw new Error(`${file}: code cell ${i} (${JSON.stringify(source.split("\n")[0].slice(0, 60))}) does not parse: ${err.message.split("\n")[0]}`);
    }
    out = out.replace(/\n$/, "");
    if (out !== source) {
      cell.source = Array.isArray(cell.source) ? toLines(out) : out;
      changed++;
    }
  }
  return { before: text, after: changed ? stored(nb) : text };
}

async function formatFile(file) {
  const options = await optionsFor(file);
  if (!options) return null;
  if (file.endsWith(".ipynb")) return formatNotebook(file, options);
  const before = fs.readFileSync(path.join(ROOT, file), "utf8");
  return { before, after: await formatStable(before, options) };
}

async function main() {
  const files = [...new Set((targets.length ? targets : DEFAULT_TARGETS).flatMap(expand))].filter((f) => CODE.test(f) || f.endsWith(".ipynb")).sort();
  const unformatted = [];
  let failed = 0;
  for (const file of files) {
    let r;
    try {
      r = await formatFile(file);
    } catch (err) {
      console.error(`format: ${err.message}`);
      failed++;
      continue;
    }
    if (!r || r.after === r.before) continue;
    unformatted.push(file);
    if (!check) {
      // atomically: a temporary sibling renamed over the file, so an interrupted run never truncates a source
      const target = path.join(ROOT, file);
      const tmp = `${target}.tmp-${process.pid}`;
      fs.writeFileSync(tmp, r.after);
      fs.renameSync(tmp, target);
    }
  }
  if (check) {
    for (const f of unformatted) console.log(f);
    if (unformatted.length) console.error(`format: ${unformatted.length} of ${files.length} file(s) are not formatted; run \`npm run format\``);
  } else console.log(`format: ${unformatted.length} of ${files.length} file(s) rewritten`);
  process.exit(failed ? 2 : check && unformatted.length ? 1 : 0);
}

main().catch((err) => {
  console.error(`format: ${err.stack ?? err}`);
  process.exit(2);
});
