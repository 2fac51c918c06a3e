#!/usr/bin/env node
// `npm run build:web`: bundles the browser code with esbuild (platform "browser", ES modules):
//   web/dist/ser-browser.js  the library's browser entry (src/browser/index.ts): WAV decoding,
//                            resampling, features, standardisation, scoring of exported bundles
//   web/dist/app.js          the page (web/app.ts), with TensorFlow.js (core, layers, CPU and
//                            WebAssembly backends; the backend's .wasm files are copied beside it)
// A Node-only import (node:fs, node:crypto, ...) on the browser path fails the build.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Builds both bundles; returns their output sizes in bytes. */
export async function buildWeb({ minify = true, quiet = false } = {}) {
  const common = {
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify,
    sourcemap: true,
    metafile: true,
    logLevel: quiet ? "error" : "warning",
    absWorkingDir: ROOT,
  };
  const sizes = {};
  for (const [entry, out] of [
    ["src/browser/index.ts", "web/dist/ser-browser.js"],
    ["web/app.ts", "web/dist/app.js"],
  ]) {
    const r = await build({ ...common, entryPoints: [entry], outfile: out });
    for (const [file, o] of Object.entries(r.metafile.outputs)) if (file.endsWith(".js")) sizes[file] = o.bytes;
  }
  const wasmDir = path.join(ROOT, "node_modules", "@tensorflow", "tfjs-backend-wasm", "dist");
  for (const f of fs.readdirSync(wasmDir).filter((f) => f.endsWith(".wasm"))) {
    fs.copyFileSync(path.join(wasmDir, f), path.join(ROOT, "web", "dist", f));
    sizes[`web/dist/${f}`] = fs.statSync(path.join(wasmDir, f)).size;
  }
  return sizes;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = await buildWeb();
  for (const [file, bytes] of Object.entries(sizes)) console.log(`[build:web] ${file} ${(bytes / 1024).toFixed(0)} KiB`);
}
