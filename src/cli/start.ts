#!/usr/bin/env node
/**
 * `npm start [-- options]` — the project's main job: get the data if it is missing, then execute
 * every notebook headless in order (Jupyter + the tslab kernel), writing executed notebooks and
 * HTML, and print where the results are and the headline numbers.
 *
 *   --profile full|quick       full (default): as written; quick: 6 actors, few epochs (CI)
 *   --set key=value            override a notebook parameter (repeatable; JSON values parsed)
 *   --params file.json         overrides from a file
 *   --from <zip|folder>        where to get RAVDESS if data/ravdess is missing (default: download)
 *   --only 00,04               run only these notebooks (names or prefixes)
 *   --update-notebooks         copy the executed notebooks back into notebooks/ (charts as PNG,
 *                              audio stripped, no injected cell, no machine paths: commit-copy.ts),
 *                              to commit their outputs; full profile, no overrides
 */
import fs from "node:fs";
import path from "node:path";
import { ParameterError, SerError } from "../util/errors";
import { projectPath } from "../util/paths";
import { writeFileAtomic } from "../util/atomic-write";
import { parseSetArgs } from "../notebook/params";
import { executeNotebook, listNotebooks, resolveNotebook } from "../notebook/execute";
import { profile } from "../notebook/profiles";
import { readResults } from "../notebook/results";
import { commitCopy, NOTEBOOK_COLUMN_PX } from "../notebook/commit-copy";
import { prepareRavdess, ravdessDirProblem } from "../data/prepare";
import { progressPrinter } from "../data/progress";

function fmtPct(v: unknown): string {
  return typeof v === "number" ? `${(100 * v).toFixed(1)}%` : "—";
}

async function main(argv: string[]): Promise<number> {
  let profileName = "full";
  const sets: string[] = [];
  let fileParams: Record<string, unknown> = {};
  let from: string | undefined;
  let only: string[] | null = null;
  let update = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new ParameterError(`${a} needs a value`);
      return argv[++i];
    };
    if (a === "--profile") profileName = value();
    else if (a.startsWith("--profile=")) profileName = a.slice(10);
    else if (a === "--set") sets.push(value());
    else if (a.startsWith("--set=")) sets.push(a.slice(6));
    else if (a === "--params") {
      const f = value();
      if (!fs.existsSync(f)) throw new ParameterError(`--params ${f}: no such file`);
      fileParams = { ...fileParams, ...JSON.parse(fs.readFileSync(f, "utf8")) };
    } else if (a === "--from") from = value();
    else if (a === "--only")
      only = value()
        .split(",")
        .map((s) => s.trim());
    else if (a === "--update-notebooks") update = true;
    else if (a === "-h" || a === "--help") {
      console.log(
        fs
          .readFileSync(__filename, "utf8")
          .split("\n")
          .slice(2, 15)
          .map((l) => l.replace(/^ \*\s?/, ""))
          .join("\n"),
      );
      return 0;
    } else throw new ParameterError(`unknown option ${JSON.stringify(a)} (see npm start -- --help)`);
  }
  const prof = profile(profileName);
  const overrides = { ...fileParams, ...parseSetArgs(sets) };
  if (update && (prof.name !== "full" || Object.keys(overrides).length)) {
    throw new ParameterError("--update-notebooks commits outputs of the full profile only, without --set/--params overrides");
  }
  const t0 = Date.now();

  // 1. data
  const dataDir = projectPath("data", "ravdess");
  const problem = await ravdessDirProblem(dataDir);
  if (problem) {
    console.log(`[start] ${path.relative(projectPath(), dataDir)}: ${problem}; getting RAVDESS ${from ? `from ${from}` : "from Zenodo"}`);
    const r = await prepareRavdess({ from, onProgress: progressPrinter(), onLog: (m: string) => console.log(`[start] ${m}`) });
    console.log(`[start] data ready: ${r.manifest.clips} clips of ${r.manifest.actors.length} actors in ${path.relative(projectPath(), r.dest)}`);
  } else console.log(`[start] data: ${path.relative(projectPath(), dataDir)} is present`);

  // 2. notebooks, in order
  const names = only ? only.map((n) => path.basename(resolveNotebook(n), ".ipynb")) : listNotebooks();
  const params = { reportsDir: prof.reportsDir, runsDir: prof.runsDir, ...prof.params, ...overrides };
  const outDir = projectPath(prof.reportsDir);
  console.log(`[start] profile ${prof.name} (${prof.description}); notebooks: ${names.join(", ")}`);
  const done: { name: string; html: string; seconds: number }[] = [];
  for (const name of names) {
    console.log(`[start] ── ${name}`);
    const r = await executeNotebook(name, { params, outDir });
    done.push({ name, html: r.html, seconds: r.seconds });
    if (update) {
      const nb = JSON.parse(fs.readFileSync(r.notebook, "utf8"));
      const { notebook, report } = commitCopy(nb, projectPath());
      writeFileAtomic(projectPath("notebooks", `${name}.ipynb`), JSON.stringify(notebook, null, 1) + "\n");
      console.log(
        `[start] notebooks/${name}.ipynb updated with its outputs: ${report.charts} chart(s) as PNG${report.audio ? `, ${report.audio} audio player(s) left out` : ""}`,
      );
      for (const w of report.tooWide) console.log(`[start] warning: ${w.title} is ${w.width} px wide, more than a ${NOTEBOOK_COLUMN_PX} px notebook column`);
    }
  }

  // 3. where the results are
  console.log(`\n[start] done in ${((Date.now() - t0) / 60000).toFixed(1)} min. Executed notebooks and HTML:`);
  for (const d of done) console.log(`  ${path.relative(projectPath(), d.html)}  (${d.seconds.toFixed(0)} s)`);
  const results = readResults(prof.reportsDir);
  if (results) {
    const test = results.evaluate as Record<string, unknown> | undefined;
    const cv = results.crossValidation as Record<string, unknown> | undefined;
    const train = results.train as Record<string, unknown> | undefined;
    console.log("\n[start] headline numbers (speaker-independent: test actors never seen in training or model selection):");
    if (test) console.log(`  test actors ${test.actors}: accuracy ${fmtPct(test.accuracy)}, macro-F1 ${fmtPct(test.macroF1)} (model ${test.model})`);
    if (cv)
      console.log(
        `  cross-validation (${cv.folds} fold(s), leave-${cv.k}-actors-out): accuracy ${fmtPct(cv.accuracyMean)} ± ${fmtPct(cv.accuracyStd)}, macro-F1 ${fmtPct(cv.macroF1Mean)} ± ${fmtPct(cv.macroF1Std)}`,
      );
    if (train) console.log(`  training: ${Number(train.secondsPerEpoch).toFixed(2)} s/epoch on the native backend (${train.epochs} epochs)`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof SerError ? `[start] ${err.message}` : err instanceof Error ? `[start] ${err.message}` : err);
    process.exit(1);
  },
);
