// The `ser` command line, run as a user runs it (a child process): train a tiny model, predict
// files (one of them bad), evaluate on held-out actors; and its errors.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ravdessRoot } from "../helpers/ravdess";
import { pathToFileURL } from "node:url";
import { projectPath } from "../../src/util/paths";
import { resolveModelDir } from "../../src/cli/ser";

// tsx by absolute URL: the CLI runs from a temporary working folder.
const TSX = pathToFileURL(projectPath("node_modules", "tsx", "dist", "loader.mjs")).href;

let root: string;
let work: string;

function ser(args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, ["--import", TSX, projectPath("src", "cli", "ser.ts"), ...args], {
    cwd: work,
    encoding: "utf8",
    env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: "2" },
    timeout: 600_000,
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

before(async () => {
  root = await ravdessRoot();
  work = fs.mkdtempSync(path.join(os.tmpdir(), "ser-cli-"));
  const config = { actors: [1, 2, 3, 4], split: { train: "1-2", val: "3", test: "4" }, augmentation: "none", dataRoot: root, training: { epochs: 2 } };
  fs.writeFileSync(path.join(work, "tiny.json"), JSON.stringify(config));
});
after(() => fs.rmSync(work, { recursive: true, force: true }));

test("ser train writes a run and prints per-epoch progress and scores", { timeout: 600_000 }, () => {
  const r = ser(["train", "--config", "tiny.json", "--name", "cli", "--runs", "runs", "--set", "training.batchSize=16"]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /epoch +1\/2 .*val_acc/);
  assert.match(r.out, /test actors: +accuracy \d+\.\d%, macro-F1/);
  assert.ok(fs.existsSync(path.join(work, "runs", "cli", "model", "bundle.json")));
  assert.equal(JSON.parse(fs.readFileSync(path.join(work, "runs", "cli", "config.json"), "utf8")).training.batchSize, 16);
});

test("ser predict scores good files, reports a bad one by name, and exits 1", { timeout: 300_000 }, () => {
  const good = path.join(root, "Actor_04", "03-01-05-02-01-01-04.wav");
  const bad = path.join(work, "not-audio.wav");
  fs.writeFileSync(bad, "hello, this is not a WAV file");
  const r = ser(["predict", good, bad, path.join(work, "missing.wav"), "--model", "runs/cli", "--json"]);
  assert.equal(r.code, 1);
  const { predictions } = JSON.parse(r.out);
  assert.equal(predictions.length, 3);
  assert.equal(predictions[0].path, good);
  assert.equal(Object.keys(predictions[0].probabilities).length, 8);
  assert.ok(Math.abs(Object.values<number>(predictions[0].probabilities).reduce((a, b) => a + b, 0) - 1) < 1e-4);
  assert.match(predictions[1].error, /not-audio\.wav/);
  assert.match(predictions[2].error, /missing\.wav: no such file/);
});

test("ser predict takes a folder and a glob; text output has all 8 probabilities", { timeout: 300_000 }, () => {
  const r = ser(["predict", path.join(root, "Actor_04", "03-01-0[12]-01-01-01-04.wav"), "--model", "runs/cli"]);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trim().split("\n");
  assert.match(lines[1], /^file\temotion\tneutral\tcalm\thappy\tsad\tangry\tfearful\tdisgust\tsurprised$/);
  assert.equal(lines.length, 4, "2 files matched the pattern");
});

test("ser evaluate scores held-out actors with the sklearn report and a confusion matrix", { timeout: 300_000 }, () => {
  const r = ser(["evaluate", "--model", "runs/cli", "--actors", "4", "--data", root]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /actors: 4 \(60 clips\)/);
  assert.match(r.out, /precision +recall +f1-score +support/);
  assert.match(r.out, /confusion matrix/);
  const warn = ser(["evaluate", "--model", "runs/cli", "--actors", "1", "--data", root]);
  assert.match(warn.err, /actor\(s\) 1 were in this model's training set/);
});

test("ser extract computes every clip once, then serves them all from the cache", { timeout: 300_000 }, () => {
  const data = path.join(work, "subset", "Actor_03");
  fs.mkdirSync(data, { recursive: true });
  for (const f of fs.readdirSync(path.join(root, "Actor_03")).slice(0, 6)) fs.copyFileSync(path.join(root, "Actor_03", f), path.join(data, f));
  const args = ["extract", "--data", path.join(work, "subset"), "--cache", path.join(work, "cache"), "--workers", "1"];
  const first = ser(args);
  assert.equal(first.code, 0, first.err);
  assert.match(first.out, /6 clips \(summary, 195 columns\): 6 computed, 0 from the cache, 0 failed/);
  assert.match(ser(args).out, /6 clips \(summary, 195 columns\): 0 computed, 6 from the cache, 0 failed/);
});

test("ser explains bad usage", () => {
  assert.match(ser(["fly"]).err, /unknown command "fly"/);
  assert.match(ser(["predict", "x.wav", "--model", "nope"]).err, /nope: no such model folder/);
  assert.match(ser(["train", "--config", "absent.json"]).err, /absent.json: no such config file/);
  assert.match(ser(["train", "--epochs", "3"]).err, /unknown option --epochs/);
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), "ser-none-"));
  try {
    // without --model, the newest run of the runs folder is used; an empty one is named
    assert.throws(() => resolveModelDir(undefined, empty), /no trained model here/);
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
});
