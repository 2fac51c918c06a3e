// Protocol result files (bench/accuracy.ts --protocol --json): reading and checking them, and the
// tables built from them, on a small hand-made fixture.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadProtocolResults, protocolCommand, protocolResultPath, protocolSummary, readProtocolResult } from "../../src/experiment/protocol-result";
import { formatMeanStd, perClassRecallTable, protocolTable } from "../../src/experiment/protocol-table";
import type { ProtocolResult } from "../../src/experiment/protocol";
import { protocolResults } from "../../src/experiment/protocol-results";
import { foldTable } from "../../src/experiment/fold-table";

const FIXTURE = "test/fixtures/protocol/cv20-best.json";

test("readProtocolResult reads the fixture", () => {
  const r = readProtocolResult(FIXTURE);
  assert.equal(r.config, "configs/best.json");
  assert.equal(r.protocol.name, "cv20");
  assert.deepEqual(r.protocol.seeds, [7, 8]);
  assert.equal(r.protocol.uar.mean, 0.58);
  assert.equal(r.protocol.runs.length, 4);
  assert.deepEqual(Object.keys(r.protocol.perClassRecall), ["neutral", "calm", "happy"]);
});

function broken(mutate: (j: Record<string, any>) => void): string {
  const j = JSON.parse(fs.readFileSync(FIXTURE, "utf8"));
  mutate(j);
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ser-protocol-")), "r.json");
  fs.writeFileSync(f, JSON.stringify(j));
  return f;
}

test("readProtocolResult names the file and the bad field", () => {
  assert.throws(() => readProtocolResult("configs/results/absent.json"), /configs\/results\/absent\.json: no such protocol result file/);
  assert.throws(() => readProtocolResult(broken((j) => (j.protocol.uar.mean = null))), /protocol\.uar\.mean=null must be a finite number/);
  assert.throws(() => readProtocolResult(broken((j) => delete j.protocol)), /protocol=undefined must be an object: was the file written with --protocol\?/);
  assert.throws(() => readProtocolResult(broken((j) => (j.protocol.normalization = "per-speaker"))), /protocol\.normalization="per-speaker"/);
  assert.throws(() => readProtocolResult(broken((j) => j.protocol.confusion.pop())), /protocol\.confusion=.* must be 3 rows/);
  assert.throws(() => readProtocolResult(broken((j) => (j.protocol.confusion[1] = [1, 2]))), /protocol\.confusion\[1\]=.* must be 3 counts/);
  assert.throws(() => readProtocolResult(broken((j) => (j.protocol.singleClip.uar = { mean: 0.3, std: 0.1, n: 0 }))), /protocol\.singleClip\.uar\.n=0/);
  const bad = broken(() => undefined);
  fs.writeFileSync(bad, "{ not json");
  assert.throws(() => readProtocolResult(bad), /not valid JSON/);
});

test("protocolTable: scores in %, per-speaker recipes get a single-clip row, several seeds an ensemble row", () => {
  const best = readProtocolResult(FIXTURE).protocol;
  const seed = { ...best, normalization: "global" as const, singleClip: null, ensemble: null, seeds: [7] };
  const rows = protocolTable([
    { recipe: "best", result: best },
    { recipe: "seed", result: seed },
  ]);
  assert.deepEqual(
    rows.map((r) => [r.recipe, r.normalisation, r.runs]),
    [
      ["best", "per speaker", "2 folds × 2 seeds"],
      ["best, each test clip alone", "per clip (scored alone)", "2 folds × 2 seeds"],
      ["best, ensemble of its 2 seeds", "per speaker", "2 folds"],
      ["seed", "global", "2 folds × 1 seed"],
    ],
  );
  assert.equal(rows[0]["accuracy %"], "60.0 ± 5.0");
  assert.equal(rows[0]["UAR %"], "58.0 ± 4.0");
  assert.equal(rows[0]["val accuracy %"], "61.0 ± 3.0");
  assert.equal(rows[1]["accuracy %"], "33.2 ± 4.4");
  assert.equal(rows[1]["val accuracy %"], "—");
  assert.equal(formatMeanStd({ mean: 0.6512, std: 0.0049, n: 3 }), "65.1 ± 0.5");
  const recall = perClassRecallTable([
    { recipe: "best", result: best },
    { recipe: "seed", result: { ...seed, perClassRecall: { neutral: 0.25 } } },
  ]);
  assert.deepEqual(recall[0], { emotion: "neutral", "best recall": 0.5, "seed recall": 0.25 });
  assert.deepEqual(recall[2], { emotion: "happy", "best recall": 0.625, "seed recall": null });
});

test("result paths, the command that makes them, and missing files", () => {
  assert.equal(protocolResultPath("configs/best.json", "cv20"), "configs/results/cv20-best.json");
  assert.equal(
    protocolCommand("configs/seed.json", "cv20"),
    "npm run bench:accuracy -- --config configs/seed.json --protocol cv20 --seeds 3 --json configs/results/cv20-seed.json",
  );
  const [e] = loadProtocolResults(["configs/no-such-recipe.json"], "cv20");
  assert.equal(e.recipe, "no-such-recipe");
  assert.equal(e.result, null);
  assert.match(e.command, /--json configs\/results\/cv20-no-such-recipe\.json$/);
});

test("protocolSummary keeps what the result file stores", () => {
  const ev = (a: number) => ({
    n: 4,
    accuracy: a,
    balancedAccuracy: a - 0.01,
    macroF1: a - 0.02,
    perClass: [
      { label: "calm", recall: 0.5 },
      { label: "sad", recall: 0.7 },
    ],
    confusion: [
      [1, 1],
      [0, 2],
    ],
  });
  const ms = (mean: number) => ({ mean, std: 0, n: 1 });
  const res = {
    protocol: { name: "split" },
    seeds: [7],
    normalization: "global",
    accuracy: ms(0.5),
    uar: ms(0.49),
    macroF1: ms(0.48),
    valAccuracy: ms(0.6),
    singleClip: null,
    ensemble: null,
    pooled: ev(0.5),
    runs: [{ fold: 0, seed: 7, test: [2], val: [3], run: { metrics: { test: ev(0.5), val: ev(0.6), training: { bestEpoch: 4 } } } }],
  } as unknown as ProtocolResult;
  const s = protocolSummary(res);
  assert.deepEqual(s.perClassRecall, { calm: 0.5, sad: 0.7 });
  assert.deepEqual(s.runs[0], { fold: 0, seed: 7, test: [2], val: [3], accuracy: 0.5, uar: 0.49, macroF1: 0.48, valAccuracy: 0.6, bestEpoch: 4 });
  assert.equal(s.name, "split");
});

test("protocolResults: found files become named results, missing ones are listed with their command", async () => {
  const { results, missing } = await protocolResults(["configs/best.json", "configs/seed.json"], "cv20", { dir: "test/fixtures/protocol", seeds: [7, 8] });
  assert.deepEqual(
    results.map((r) => r.recipe),
    ["best"],
  );
  assert.equal(results[0].result.uar.mean, 0.58);
  assert.deepEqual(
    missing.map((m) => m.file),
    ["test/fixtures/protocol/cv20-seed.json"],
  );
  assert.match(missing[0].command, /--config configs\/seed\.json --protocol cv20 --seeds 2 --json test\/fixtures\/protocol\/cv20-seed\.json$/);
  const other = await protocolResults(["configs/best.json"], "reslstm5", { dir: "test/fixtures/protocol" });
  assert.deepEqual([other.results.length, other.missing[0].file], [0, "test/fixtures/protocol/reslstm5-best.json"]);
});

test("foldTable: one row per fold, 1-based, with its test scores", () => {
  const run = (accuracy: number) => ({ metrics: { test: { accuracy, macroF1: accuracy - 0.1 }, training: { epochs: 12 } } });
  const cv = {
    folds: [
      { fold: 0, test: [1, 2], val: [3, 4], run: run(0.5) },
      { fold: 1, test: [3, 4], val: [1, 2], run: { metrics: { test: null, training: { epochs: 3 } } } },
    ],
  };
  assert.deepEqual(foldTable(cv as never), [
    { fold: 1, "test actors": "1,2", "val actors": "3,4", accuracy: 0.5, "macro-F1": 0.4, epochs: 12 },
    { fold: 2, "test actors": "3,4", "val actors": "1,2", accuracy: null, "macro-F1": null, epochs: 3 },
  ]);
});
