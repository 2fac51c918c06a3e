#!/usr/bin/env node
// `npm run web [-- --port 8080] [--models DIR]`: builds the page (scripts/build-web.mjs) and serves
// web/ on http://127.0.0.1:<port>/ (loopback only). Exported models are the sub-folders of the
// models folder (default web/models; put them there with `ser export --out web/models/<name>`),
// listed for the page at /models/index.json.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildWeb } from "./build-web.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const WEB = path.join(ROOT, "web");
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".bin": "application/octet-stream",
  ".md": "text/markdown; charset=utf-8",
  ".wav": "audio/wav",
};

/** The exported bundles in `modelsDir`: [{ name, title, normalization }], by name. */
export function listModels(modelsDir) {
  if (!fs.existsSync(modelsDir)) return [];
  const out = [];
  for (const name of fs.readdirSync(modelsDir).sort()) {
    const file = path.join(modelsDir, name, "bundle.json");
    if (name.startsWith(".") || !fs.existsSync(file)) continue;
    try {
      const b = JSON.parse(fs.readFileSync(file, "utf8"));
      if (b.format !== "ser-toolkit/web-bundle") continue;
      out.push({ name, title: String(b.title ?? name), normalization: String(b.normalization ?? "global") });
    } catch {
      // an unreadable bundle is left out of the list
    }
  }
  return out;
}

/** `file` inside `dir`, or null when the request path escapes it. */
function inside(dir, rel) {
  const file = path.resolve(dir, "." + path.posix.normalize("/" + rel));
  return file === dir || file.startsWith(dir + path.sep) ? file : null;
}

/**
 * Starts the server (after building the page unless `build: false`).
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startWebServer({ port = 8080, modelsDir = path.join(WEB, "models"), build = true, quiet = false } = {}) {
  if (build) await buildWeb({ quiet });
  const models = path.resolve(modelsDir);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const p = decodeURIComponent(url.pathname);
    let file = null;
    if (p === "/models/index.json") {
      res.writeHead(200, { "content-type": TYPES[".json"], "cache-control": "no-store" });
      res.end(JSON.stringify({ models: listModels(models) }));
      return;
    }
    if (p.startsWith("/models/")) file = inside(models, p.slice("/models/".length));
    else file = inside(WEB, p === "/" ? "index.html" : p.slice(1));
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      res.end(`not found: ${p}`);
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const addr = server.address();
  return { url: `http://127.0.0.1:${addr.port}/`, close: () => new Promise((r) => server.close(() => r())) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const modelsDir = path.resolve(opt("models") ?? path.join(WEB, "models"));
  const { url } = await startWebServer({ port: Number(opt("port") ?? 8080), modelsDir });
  const n = listModels(modelsDir).length;
  console.log(
    `[web] serving ${url} (models: ${path.relative(process.cwd(), modelsDir) || "."}, ${n} found${n ? "" : "; add one with `ser export --model runs/<name> --out web/models/<name>`"}); Ctrl-C stops`,
  );
}
