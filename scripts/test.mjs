#!/usr/bin/env node
// `npm test [-- <file or folder> ...]`: builds dist/ (notebook tests import the built package),
// then runs every test/**/*.test.ts (or those under the given paths) with node's test runner
// through tsx. Exit status is non-zero if the build or any test fails.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const passthrough = process.argv.slice(2).filter((a) => a.startsWith("--"));
const targets = process.argv.slice(2).filter((a) => !a.startsWith("--"));

const build = spawnSync(process.execPath, [path.join(ROOT, "scripts/setup.mjs"), "--only", "build"], {
  cwd: ROOT,
  stdio: "inherit",
});
if (build.status !== 0) {
  console.error("test: the TypeScript build failed; not running tests");
  process.exit(build.status ?? 1);
}

// The whole suite also checks the formatting (prettier, through scripts/format.mjs): src/, test/,
// bench/, scripts/, web/ and the notebooks' code cells.
if (targets.length === 0) {
  const format = spawnSync(process.execPath, [path.join(ROOT, "scripts/format.mjs"), "--check"], { cwd: ROOT, stdio: "inherit" });
  if (format.status !== 0) {
    console.error("test: some files are not formatted; run `npm run format`");
    process.exit(format.status ?? 1);
  }
}

function collect(p, out) {
  const st = fs.statSync(p);
  if (st.isDirectory()) {
    for (const e of fs.readdirSync(p).sort()) if (e !== "fixtures" && e !== "node_modules") collect(path.join(p, e), out);
  } else if (p.endsWith(".test.ts")) out.push(p);
  return out;
}
const files = (targets.length ? targets : ["test"]).flatMap((t) => {
  const p = path.resolve(ROOT, t);
  if (!fs.existsSync(p)) {
    console.error(`test: no such file or folder: ${t}`);
    process.exit(2);
  }
  return collect(p, []);
});
if (files.length === 0) {
  console.error("test: no *.test.ts files found");
  process.exit(2);
}
const res = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=1", ...passthrough, ...files.map((f) => path.relative(ROOT, f))], {
  cwd: ROOT,
  stdio: "inherit",
  env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: process.env.TF_CPP_MIN_LOG_LEVEL ?? "2" },
});
process.exit(res.status ?? 1);
