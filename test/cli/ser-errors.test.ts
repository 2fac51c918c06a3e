// The `ser` command line on bad input (issue 11): one error path — `ser: <message naming the thing>`,
// exit status 1, a stack trace only with --debug — and nothing half-written left behind.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ravdessRoot } from "../helpers/ravdess";
import { projectPath } from "../../src/util/paths";
import { buildCnnLstm } from "../../src/model/cnn-lstm";
import { fitStandardizer } from "../../src/model/standardize";
import { saveBundle } from "../../src/model/bundle";
import { featureConfig, featureColumns } from "../../src/features/clip-features";
import { EMOTIONS } from "../../src/data/ravdess";
import { Rng } from "../../src/util/rng";
import { actorClipNames } from "../data/make-zip";

const TSX = pathToFileURL(projectPath("node_modules", "tsx", "dist", "loader.mjs")).href;
const SER = projectPath("src", "cli", "ser.ts");
const ENV = { ...process.env, TF_CPP_MIN_LOG_LEVEL: "2" };
let root: string;
let work: string;
let model: string;

function ser(args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, ["--import", TSX, SER, ...args], { cwd: work, encoding: "utf8", env: ENV, timeout: 600_000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}
/** Exit 1 and one `ser: ` line matching `re` on stderr, without a stack trace. */
function failsClearly(r: { code: number; err: string }, re: RegExp): void {
  assert.equal(r.code, 1, r.err);
  assert.match(r.err, re);
  assert.match(r.err, /^ser: /m);
  assert.doesNotMatch(r.err, /^\s+at /m, "no stack trace without --debug");
}

before(async () => {
  root = await ravdessRoot();
  work = fs.mkdtempSync(path.join(os.tmpdir(), "ser-clierr-"));
  // A model bundle with the real feature config and an untrained network: enough to exercise the CLI.
  const cfg = featureConfig();
  const d = featureColumns(cfg).length;
  const net = buildCnnLstm({ inputShape: [d, 1], filters: [4, 4], lstmUnits: 4, denseUnits: 4, numClasses: 8, seed: 1 });
  model = path.join(work, "run", "model");
  await saveBundle(model, {
    model: net,
    featureConfig: cfg,
    standardizer: fitStandardizer(Float32Array.from(new Rng(2).standardNormal(8 * d)), [d, 1]),
    labels: [...EMOTIONS],
  });
  net.dispose();
  fs.writeFileSync(
    path.join(work, "tiny.json"),
    JSON.stringify({ actors: [1, 2], split: { train: "1", val: "2", test: "" }, augmentation: "none", dataRoot: root, training: { epochs: 3, batchSize: 16 } }),
  );
});
after(() => fs.rmSync(work, { recursive: true, force: true }));

test("config files: invalid JSON, missing, an array — each named, no stack trace; --debug adds one", () => {
  fs.writeFileSync(path.join(work, "bad.json"), "{ training: ");
  failsClearly(ser(["extract", "--config", "bad.json"]), /^ser: bad\.json: not valid JSON/m);
  failsClearly(ser(["extract", "--config", "absent.json"]), /^ser: absent\.json: no such config file/m);
  fs.writeFileSync(path.join(work, "list.json"), "[]");
  failsClearly(ser(["train", "--config", "list.json"]), /^ser: list\.json: a config must be a JSON object .* holds an array/m);
  const debug = ser(["extract", "--config", "bad.json", "--debug"]);
  assert.equal(debug.code, 1);
  assert.match(debug.err, /^ser: bad\.json: not valid JSON/m);
  assert.match(debug.err, /^\s+at /m, "--debug prints the stack trace");
});

test("ser evaluate with a corrupt config.json beside the model names that file", () => {
  fs.writeFileSync(path.join(work, "run", "config.json"), "{ corrupt");
  failsClearly(ser(["evaluate", "--model", model, "--actors", "1", "--data", root]), /^ser: .*run\/config\.json: not valid JSON/m);
  fs.rmSync(path.join(work, "run", "config.json"));
});

test("ser train --runs <a file> fails at once, before feature extraction, naming the file", () => {
  fs.writeFileSync(path.join(work, "runs-file"), "x");
  const r = ser(["train", "--config", "tiny.json", "--runs", "runs-file"]);
  failsClearly(r, /^ser: .*runs-file: is not a folder \(the runs folder must be one\)/m);
  assert.doesNotMatch(r.out + r.err, /extract|clips\/s/, "nothing was extracted");
});

test("ser evaluate when every clip fails: exit 1, and it says why they failed", () => {
  const data = path.join(work, "broken", "Actor_04");
  fs.mkdirSync(data, { recursive: true });
  for (const n of actorClipNames(4).slice(0, 3)) fs.writeFileSync(path.join(data, n), "not audio");
  const r = ser(["evaluate", "--model", model, "--actors", "4", "--data", path.join(work, "broken")]);
  failsClearly(r, /^ser: .*broken: none of the 3 clips of actors 4 could be used:/m);
  assert.match(r.err, /03-01-01-01-01-01-04\.wav: not a WAV file .*looks like text/);
});

test("ser predict: a folder without WAVs, /dev/zero and a FIFO are errors (exit 1), never an empty success or a hang", () => {
  const empty = path.join(work, "no-wavs");
  fs.mkdirSync(empty);
  const r = ser(["predict", empty, "--model", model]);
  assert.equal(r.code, 1);
  assert.match(r.out, /no-wavs\tERROR: .*no-wavs: no audio files .* in this folder/);
  const fifo = path.join(work, "x.wav");
  assert.equal(spawnSync("mkfifo", [fifo]).status, 0, "mkfifo (coreutils) is needed");
  const dev = ser(["predict", "/dev/zero", fifo, "--model", model, "--json"]);
  assert.equal(dev.code, 1, dev.err);
  const { predictions } = JSON.parse(dev.out);
  assert.match(predictions[0].error, /\/dev\/zero: is a character device/);
  assert.match(predictions[1].error, /x\.wav: is a FIFO/);
});

test("ser train with learningRate 1e30: exit 1, 'training diverged', and no run (nor a temporary folder) is saved", { timeout: 600_000 }, () => {
  const r = ser(["train", "--config", "tiny.json", "--name", "diverge", "--runs", "runs", "--set", "training.learningRate=1e30"]);
  failsClearly(r, /^ser: training diverged: the loss is (NaN|-?Infinity) at epoch 1, batch \d+ \(learning rate 1e\+30\)/m);
  assert.deepEqual(fs.existsSync(path.join(work, "runs")) ? fs.readdirSync(path.join(work, "runs")) : [], []);
});

test("SIGINT during training leaves no runs/.NAME.tmp-* folder; a stale one is swept by the next run", { timeout: 600_000 }, async () => {
  const runs = path.join(work, "runs-int");
  fs.mkdirSync(runs);
  const stale = path.join(runs, `.old.tmp-${spawnSync(process.execPath, ["-e", "0"]).pid}`);
  fs.mkdirSync(stale); // left by a killed run of this name (old naming, pid only)
  const child = spawn(
    process.execPath,
    ["--import", TSX, SER, "train", "--config", "tiny.json", "--name", "old", "--runs", runs, "--set", "training.epochs=500"],
    { cwd: work, env: ENV, stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (/epoch +1\/500/.test(out)) resolve();
    });
    child.on("exit", () => reject(new Error(`ser train ended before its first epoch:\n${out}`)));
  });
  assert.equal(fs.existsSync(stale), false, "the stale temporary folder of a dead run was swept");
  assert.equal(fs.readdirSync(runs).filter((e) => e.includes(".tmp-")).length, 1, "the run is being built in one temporary folder");
  child.kill("SIGINT");
  const [, signal] = await new Promise<[number | null, string | null]>((r) => child.on("exit", (c, s) => r([c, s])));
  assert.equal(signal, "SIGINT");
  assert.deepEqual(fs.readdirSync(runs), [], "nothing half-written survives the interrupt");
});

test("ser predict --calibrate with a folder holding no audio, or a missing one, names it and scores nothing", () => {
  const empty = path.join(work, "no-calibration");
  fs.mkdirSync(empty, { recursive: true });
  fs.writeFileSync(path.join(empty, "notes.txt"), "not audio");
  const clip = path.join(root, "Actor_01", "03-01-05-01-01-01-01.wav");
  const r = ser(["predict", clip, "--model", model, "--calibrate", empty]);
  failsClearly(r, /^ser: --calibrate .*no-calibration: no audio files/m);
  assert.doesNotMatch(r.out, /angry|neutral|surprised/, "no prediction was printed");
  failsClearly(ser(["predict", clip, "--model", model, "--calibrate", path.join(work, "absent-dir")]), /absent-dir/);
});
