// `ser predict` on real recordings: every compressed format (committed ffmpeg fixtures), a long
// recording as a --segments timeline (text, --json, --csv), the note on which part of a long file
// was scored, and results streamed file by file. A tiny model with global normalisation (it scores
// single clips) is trained once on 4 RAVDESS actors.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ravdessRoot } from "../helpers/ravdess";
import { projectPath } from "../../src/util/paths";
import { runExperiment } from "../../src/experiment/run";
import { predictFiles } from "../../src/experiment/predict";
import { predictFilesStream } from "../../src/experiment/predict-stream";
import { predictTimeline, segmentWindows } from "../../src/experiment/timeline";
import { loadBundle, type ModelBundle } from "../../src/model/bundle";
import { load } from "../../src/audio/load-file";
import { encodeWav } from "../../src/audio/wav";
import { voicedIntervals } from "../../src/effects/voiced-intervals";

const TSX = pathToFileURL(projectPath("node_modules", "tsx", "dist", "loader.mjs")).href;
const FIXTURES = path.join(__dirname, "../fixtures/recordings");

let root: string;
let work: string;
let bundle: ModelBundle;
let longWav: string;
/** Where the three sentences of the long recording are (s). */
const spans: [number, number][] = [];

function ser(args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, ["--import", TSX, projectPath("src", "cli", "ser.ts"), ...args], {
    cwd: work,
    encoding: "utf8",
    env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: "2" },
    timeout: 300_000,
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

before(async () => {
  root = await ravdessRoot();
  work = fs.mkdtempSync(path.join(os.tmpdir(), "ser-rec-"));
  await runExperiment(
    {
      name: "tiny",
      dataRoot: root,
      actors: [1, 2, 3, 4],
      split: { train: "1-2", val: "3", test: "4" },
      augmentation: "none",
      normalization: "global",
      training: { epochs: 1, batchSize: 32 },
    },
    { runsDir: path.join(work, "runs") },
  );
  bundle = await loadBundle(path.join(work, "runs", "tiny", "model"));
  // 2 s pause, sentence, 2 s pause, three sentences' voiced parts back to back (> 4 s of speech), 2 s pause, sentence, 2 s pause (48 kHz)
  const a = path.join(root, "Actor_04");
  const clip = (f: string) => load(path.join(a, f), { sr: 48000 }).y;
  const pause = () => new Float32Array(2 * 48000).map((_, i) => 0.0005 * Math.sin(i * 1.7));
  const voiced = ["03-01-05-02-01-01-04.wav", "03-01-05-02-02-02-04.wav", "03-01-05-01-01-01-04.wav"].map((f) => {
    const y = clip(f);
    const [iv] = voicedIntervals(y, { sr: 48000, pad: 0 });
    return y.subarray(iv.start, iv.end);
  });
  const long2 = new Float32Array(voiced.reduce((n, v) => n + v.length, 0));
  voiced.reduce((at, v) => (long2.set(v, at), at + v.length), 0);
  const parts = [pause(), clip("03-01-01-01-01-01-04.wav"), pause(), long2, pause(), clip("03-01-03-01-01-02-04.wav"), pause()];
  const y = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const [i, p] of parts.entries()) {
    y.set(p, at);
    if (i % 2 === 1) spans.push([at / 48000, (at + p.length) / 48000]);
    at += p.length;
  }
  longWav = path.join(work, "long.wav");
  fs.writeFileSync(longWav, encodeWav(y, 48000));
});
after(() => fs.rmSync(work, { recursive: true, force: true }));

test("ser predict reads every format; each row has 8 probabilities summing to 1", { timeout: 300_000 }, () => {
  const files = ["tone.mp3", "tone.flac", "tone.ogg", "tone.opus", "tone.webm", "tone.m4a", "tone.aac"].map((f) => path.join(FIXTURES, f));
  const r = ser(["predict", ...files, "--model", "runs/tiny", "--json"]);
  assert.equal(r.code, 0, r.err);
  const { predictions } = JSON.parse(r.out);
  assert.deepEqual(
    predictions.map((p: { path: string }) => p.path),
    files,
  );
  for (const p of predictions) {
    assert.equal(Object.keys(p.probabilities).length, 8);
    assert.ok(Math.abs(Object.values<number>(p.probabilities).reduce((s, v) => s + v, 0) - 1) < 1e-4);
    assert.ok(Math.abs(p.scored.duration - 1) < 0.1, `${p.path}: ${p.scored.duration} s`);
    assert.deepEqual(p.scored, { start: 0.5, end: p.scored.duration, duration: p.scored.duration }, "a 1 s file is scored from 0.5 s to its end");
  }
});

test("without --segments, a long recording says which part was scored", { timeout: 300_000 }, () => {
  const r = ser(["predict", longWav, "--model", "runs/tiny"]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /long\.wav is \d+\.\d s long; scored 0\.50–3\.50 s \(the model's window\)\. --segments scores every voiced part/);
  assert.match(r.out.split("\n")[2], /long\.wav\t\w+\t/);
});

test("--segments: a timeline of the voiced parts in text, --json and --csv", { timeout: 300_000 }, () => {
  const text = ser(["predict", longWav, "--model", "runs/tiny", "--segments"]);
  assert.equal(text.code, 0, text.err);
  const lines = text.out.trim().split("\n");
  assert.equal(lines[1], ["file", "start", "end", "emotion", ...bundle.labels].join("\t"));
  assert.equal(lines.length, 2 + 3, text.out);
  const json = ser(["predict", longWav, "--model", "runs/tiny", "--segments", "--json"]);
  const { recordings } = JSON.parse(json.out);
  assert.equal(recordings.length, 1);
  const segs = recordings[0].segments;
  assert.equal(segs.length, 3);
  segs.forEach((s: { start: number; end: number; windows: number; probabilities: Record<string, number> }, i: number) => {
    assert.ok(s.start >= spans[i][0] - 0.15 && s.end <= spans[i][1] + 0.15, `segment ${s.start}–${s.end} vs sentence ${spans[i]}`);
    assert.ok(Math.abs(Object.values(s.probabilities).reduce((a, b) => a + b, 0) - 1) < 1e-4);
  });
  assert.ok(segs[1].end - segs[1].start > 4 && segs[1].windows === 2, "the > 4 s segment is scored with two 3 s windows");
  const csv = ser(["predict", longWav, "--model", "runs/tiny", "--segments", "--csv", "--hop", "1"]);
  const rows = csv.out.trim().split("\n");
  assert.equal(rows[0], ["file", "start", "end", "emotion", ...bundle.labels].join(","));
  assert.equal(rows.length, 4);
  assert.equal(rows[1].split(",").length, 12);
});

test("predictTimeline: windows hop over a long segment; the last ends at the segment's end", async () => {
  assert.deepEqual(segmentWindows({ start: 0, end: 100 }, 40, 40), [
    { start: 0, end: 40 },
    { start: 40, end: 80 },
    { start: 60, end: 100 },
  ]);
  assert.deepEqual(segmentWindows({ start: 10, end: 30 }, 40, 40), [{ start: 10, end: 30 }]);
  const t = await predictTimeline(bundle, longWav, { hop: 1 });
  assert.ok(t.segments[1].windows >= 4, `${t.segments[1].windows} windows`);
  assert.ok(Math.abs(t.duration - (spans[2][1] + 2)) < 1e-6);
});

test("predictFilesStream yields each file's result before reading the next; it equals predictFiles", async () => {
  const a = path.join(root, "Actor_04", "03-01-05-02-01-01-04.wav");
  const late = path.join(work, "late.wav");
  const stream = predictFilesStream(bundle, [a, late]);
  const first = await stream.next();
  // late.wav does not exist until the first result is out: a lazy stream still scores it
  fs.copyFileSync(path.join(root, "Actor_04", "03-01-03-01-01-02-04.wav"), late);
  const second = await stream.next();
  assert.ok(!first.done && "emotion" in first.value && !second.done && "emotion" in second.value, JSON.stringify(second.value));
  const batch = predictFiles(bundle, [a, late]);
  for (const [s, b] of [
    [first.value, batch[0]],
    [second.value, batch[1]],
  ]) {
    assert.ok("probabilities" in s && "probabilities" in b);
    assert.deepEqual(s.probabilities, b.probabilities);
  }
});

test("bestRun picks the trained run by validation score and hides its test scores", async () => {
  const { bestRun } = await import("../../src/experiment/best-run");
  const best = bestRun(path.join(work, "runs"));
  assert.equal(best.name, "tiny");
  assert.equal(best.dir, path.join(work, "runs", "tiny"));
  assert.ok(!("test.macroF1" in best.table[0]) && "val.macroF1" in best.table[0]);
  assert.throws(() => bestRun(path.join(work, "runs"), { name: "nope" }), /model="nope": no such run/);
});
