#!/usr/bin/env node
/**
 * `npm run notebooks -- [names...] [--set key=value ...] [--params file.json] [--out dir]`
 *
 * Executes notebooks headless in order through Jupyter with the tslab kernel and writes the
 * executed copies and their HTML to reports/ (or --out). With no names, runs every notebook.
 * A failing cell stops the run and fails the command with that cell's error.
 */
import fs from "node:fs";
import { executeNotebook, listNotebooks, resolveNotebook } from "../notebook/execute";
import { parseSetArgs } from "../notebook/params";
import { SerError } from "../util/errors";

async function main(argv: string[]): Promise<number> {
  const names: string[] = [];
  const sets: string[] = [];
  let params: Record<string, unknown> = {};
  let outDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--set") sets.push(argv[++i]);
    else if (a.startsWith("--set=")) sets.push(a.slice(6));
    else if (a === "--params") params = { ...params, ...JSON.parse(fs.readFileSync(argv[++i], "utf8")) };
    else if (a === "--out") outDir = argv[++i];
    else if (a === "-h" || a === "--help") {
      console.log("usage: npm run notebooks -- [names...] [--set key=value ...] [--params file.json] [--out dir]");
      console.log(`notebooks: ${listNotebooks().join(", ")}`);
      return 0;
    } else names.push(a);
  }
  params = { ...params, ...parseSetArgs(sets) };
  const files = (names.length ? names : listNotebooks()).map((n) => resolveNotebook(n));
  for (const file of files) {
    console.log(`[notebooks] executing ${file}`);
    const r = await executeNotebook(file, { params, outDir });
    console.log(`[notebooks] ${r.name}: ${r.seconds.toFixed(1)} s -> ${r.notebook}`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof SerError ? `error: ${err.message}` : err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
