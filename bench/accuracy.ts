/**
 * Speaker-independent accuracy of a configuration: several seeds on its actor split, and optionally
 * leave-k-actors-out cross-validation over every actor; prints a markdown table (mean ± population
 * standard deviation) and the pooled confusion matrix of the cross-validation.
 *
 *   npx tsx bench/accuracy.ts --config configs/best.json [--seeds 3] [--first-seed 7] [--cv] [--k 4]
 *                             [--cv-only] [--set key=value ...] [--runs DIR] [--json FILE]
 *
 * Seeds are first-seed, first-seed+1, …; each seed draws its own augmentation copies, initial
 * weights, dropout masks and shuffling. Validation actors drive early stopping and reduce-LR; test
 * actors are scored once at the end. `--cv` then runs `crossValidate` (k actors per held-out group,
 * gender-balanced groups, the next group validating) with the config's first seed. Runs are written
 * to `--runs` (default: a temporary folder, removed at the end unless --runs is given).
 * The Python original for comparison: `.venv/bin/python bench/accuracy_python.py`.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { experimentConfig, withOverrides, type PartialExperimentConfig } from "../src/experiment/config";
import { runExperiment } from "../src/experiment/run";
import { crossValidate } from "../src/experiment/cross-validate";
import type { Evaluation } from "../src/experiment/evaluate";
import { runProtocol, type ProtocolResult } from "../src/experiment/protocol";
import { protocolSummary } from "../src/experiment/protocol-result";

function flag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}
function arg(name: string, fallback: string | null): string | null {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}
function args(name: string): string[] {
  const out: string[] = [];
  process.argv.forEach((a, i) => {
    if (a === `--${name}` && i + 1 < process.argv.length) out.push(process.argv[i + 1]);
  });
  return out;
}
function parseValue(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

const configFile = arg("config", null);
if (!configFile) {
  console.error("usage: npx tsx bench/accuracy.ts --config configs/best.json [--seeds 3] [--cv] [--k 4] [--set key=value ...]");
  process.exit(2);
}
const nSeeds = Number(arg("seeds", "3"));
const firstSeed = Number(arg("first-seed", "7"));
const k = Number(arg("k", "4"));
const cv = flag("cv") || flag("cv-only");
const cvOnly = flag("cv-only");
const protocol = arg("protocol", null);
const foldsArg = arg("folds", null);
const keepRuns = arg("runs", null);
const runsDir = keepRuns ?? fs.mkdtempSync(path.join(os.tmpdir(), "ser-accuracy-"));
const jsonOut = arg("json", null);
const overrides = Object.fromEntries(
  args("set").map((s) => {
    const eq = s.indexOf("=");
    if (eq < 1) throw new Error(`--set ${s}: expected key=value`);
    return [s.slice(0, eq), parseValue(s.slice(eq + 1))];
  }),
);
if (!fs.existsSync(configFile)) {
  console.error(`--config ${configFile}: no such config file`);
  process.exit(2);
}
const base = JSON.parse(fs.readFileSync(configFile, "utf8")) as PartialExperimentConfig;
const label = path.basename(configFile, ".json");

const pct = (x: number) => (100 * x).toFixed(1);
function meanStd(xs: number[]): string {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  const s = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
  return `${pct(m)} ± ${pct(s)}`;
}

interface SeedRow {
  seed: number;
  val: Evaluation | null;
  test: Evaluation | null;
  epochs: number;
  bestEpoch: number | null;
  trainClips: number;
}

function printProtocol(res: ProtocolResult): void {
  const sd = (m: { mean: number; std: number }) => `${pct(m.mean)} ± ${pct(m.std)}`;
  console.log(
    `\n${label}: protocol ${res.protocol.name} (${res.protocol.description}); seeds ${res.seeds.join(",")}; ${res.runs.length} runs; normalisation: ${res.normalization}`,
  );
  console.log("| recipe | normalisation | accuracy % | UAR % | macro-F1 % | val accuracy % |\n|---|---|---|---|---|---|");
  console.log(`| ${label} | ${res.normalization} | ${sd(res.accuracy)} | ${sd(res.uar)} | ${sd(res.macroF1)} | ${sd(res.valAccuracy)} |`);
  if (res.singleClip) {
    const e = res.singleClip;
    console.log(
      `| ${label}, each test clip scored alone (its own statistics: a new speaker with one recording) | utterance | ${sd(e.accuracy)} | ${sd(e.uar)} | ${sd(e.macroF1)} | — |`,
    );
  }
  if (res.ensemble) {
    const e = res.ensemble;
    console.log(
      `| ${label}, ensemble of the ${res.seeds.length} seeds (probabilities averaged) | ${res.normalization} | ${sd(e.accuracy)} | ${sd(e.uar)} | ${sd(e.macroF1)} | — |`,
    );
  }
  const labels = res.pooled.perClass.map((c) => c.label);
  console.log(`\nPer-class recall % (pooled test predictions): ${res.pooled.perClass.map((c) => `${c.label} ${pct(c.recall)}`).join(", ")}`);
  console.log(`\nPooled confusion matrix (rows true, columns predicted):`);
  console.log(`| true \\ pred | ${labels.join(" | ")} |\n|---|${labels.map(() => "---").join("|")}|`);
  res.pooled.confusion.forEach((row, i) => console.log(`| ${labels[i]} | ${row.join(" | ")} |`));
}

async function main(): Promise<void> {
  const out: Record<string, unknown> = { config: configFile, overrides, createdAt: new Date().toISOString() };
  const started = Date.now();
  if (protocol) {
    const cfg = withOverrides(experimentConfig({ ...base, name: label }), overrides);
    const seeds = Array.from({ length: nSeeds }, (_, i) => firstSeed + i);
    const res = await runProtocol(cfg, protocol, {
      seeds,
      folds: foldsArg ? foldsArg.split(",").map((f) => Number(f) - 1) : undefined,
      prefix: label,
      runsDir,
      overwrite: true,
      onRun: (r, done, total) => {
        const t = r.run.metrics.test;
        const v = r.run.metrics.val;
        console.log(
          `[${done}/${total}] fold ${r.fold + 1} seed ${r.seed}: test ${r.test.join(",")} acc ${t ? pct(t.accuracy) : "—"} UAR ${t ? pct(t.balancedAccuracy) : "—"} F1 ${t ? pct(t.macroF1) : "—"} | val acc ${v ? pct(v.accuracy) : "—"} | best epoch ${r.run.metrics.training.bestEpoch} of ${r.run.metrics.training.epochs}`,
        );
      },
    });
    printProtocol(res);
    out.protocol = protocolSummary(res);
  }
  if (!cvOnly && !protocol) {
    const rows: SeedRow[] = [];
    for (let i = 0; i < nSeeds; i++) {
      const seed = firstSeed + i;
      const cfg = withOverrides(experimentConfig({ ...base, name: `${label}-seed${seed}` }), { ...overrides, seed });
      const r = await runExperiment(cfg, { runsDir, overwrite: true });
      const m = r.metrics;
      rows.push({ seed, val: m.val, test: m.test, epochs: m.training.epochs, bestEpoch: m.training.bestEpoch, trainClips: m.sizes.train });
      const f = (e: Evaluation | null) => (e ? `acc ${pct(e.accuracy)} F1 ${pct(e.macroF1)}` : "—");
      console.log(
        `seed ${seed}: val ${f(m.val)} | test ${f(m.test)} | best epoch ${m.training.bestEpoch} of ${m.training.epochs}, ${m.sizes.train} training clips`,
      );
    }
    const cfg = experimentConfig({ ...base, ...{} });
    console.log(
      `\n${label}: split train ${cfg.split.train.join(",")} / val ${cfg.split.val.join(",")} / test ${cfg.split.test.join(",")}, ` +
        `${nSeeds} seeds from ${firstSeed} (mean ± population std)`,
    );
    console.log("| split | accuracy % | macro-F1 % |\n|---|---|---|");
    for (const s of ["val", "test"] as const) {
      const evs = rows.map((r) => r[s]).filter((e): e is Evaluation => e !== null);
      if (evs.length) console.log(`| ${s} | ${meanStd(evs.map((e) => e.accuracy))} | ${meanStd(evs.map((e) => e.macroF1))} |`);
    }
    out.seeds = rows.map((r) => ({
      ...r,
      val: r.val && { accuracy: r.val.accuracy, macroF1: r.val.macroF1 },
      test: r.test && { accuracy: r.test.accuracy, macroF1: r.test.macroF1 },
    }));
  }
  if (cv) {
    const cvBase = withOverrides(experimentConfig({ ...base, name: label }), overrides);
    const res = await crossValidate(cvBase, {
      k,
      prefix: `${label}-cv`,
      runsDir,
      overwrite: true,
      onFold: (f, total, s) => console.log(`fold ${f + 1}/${total}: test ${s.test.join(",")}, val ${s.val.join(",")}, train ${s.train.join(",")}`),
    });
    for (const f of res.folds) {
      const t = f.run.metrics.test!;
      console.log(`  fold ${f.fold + 1}: test acc ${pct(t.accuracy)} F1 ${pct(t.macroF1)} (val acc ${pct(f.run.metrics.val!.accuracy)})`);
    }
    const sd = (m: { mean: number; std: number }) => `${pct(m.mean)} ± ${pct(m.std)}`;
    console.log(`\n${label}: leave-${k}-actors-out cross-validation, ${res.folds.length} folds (test scores, mean ± population std over folds)`);
    console.log(`| accuracy % | macro-F1 % | pooled accuracy % | pooled macro-F1 % |\n|---|---|---|---|`);
    console.log(
      `| ${sd(res.accuracy)} | ${sd(res.macroF1)} | ${res.pooled ? pct(res.pooled.accuracy) : "—"} | ${res.pooled ? pct(res.pooled.macroF1) : "—"} |`,
    );
    if (res.pooled) {
      const labels = res.pooled.perClass.map((c) => c.label);
      console.log(`\nPooled confusion matrix (rows true, columns predicted):`);
      console.log(`| true \\ pred | ${labels.join(" | ")} |\n|---|${labels.map(() => "---").join("|")}|`);
      res.pooled.confusion.forEach((row, i) => console.log(`| ${labels[i]} | ${row.join(" | ")} |`));
      console.log(`\n${res.pooled.reportText}`);
    }
    out.cv = {
      k,
      folds: res.folds.map((f) => ({
        fold: f.fold,
        test: f.test,
        val: f.val,
        accuracy: f.run.metrics.test!.accuracy,
        macroF1: f.run.metrics.test!.macroF1,
        valAccuracy: f.run.metrics.val!.accuracy,
      })),
      accuracy: res.accuracy,
      macroF1: res.macroF1,
      pooled: res.pooled && {
        accuracy: res.pooled.accuracy,
        macroF1: res.pooled.macroF1,
        confusion: res.pooled.confusion,
        labels: res.pooled.perClass.map((c) => c.label),
      },
    };
  }
  console.log(`\n(${((Date.now() - started) / 60000).toFixed(1)} min; runs in ${keepRuns ? runsDir : "a temporary folder, removed"})`);
  if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(out, null, 1) + "\n");
  if (!keepRuns) fs.rmSync(runsDir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  if (!keepRuns) fs.rmSync(runsDir, { recursive: true, force: true });
  process.exit(1);
});
