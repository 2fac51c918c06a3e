import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CLIP_COLUMNS, countBy, scanRavdess, toDataFrame } from "../../src/data/scan";
import { EMOTIONS } from "../../src/data/ravdess";
import { FileError } from "../../src/util/errors";
import { actorClipNames, tinyWav } from "./make-zip";

function tree(files: Record<string, Buffer | string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ser-scan-"));
  for (const [rel, data] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), data);
  }
  return root;
}

function officialTree(actors: number[], extra: Record<string, Buffer | string> = {}): string {
  const files: Record<string, Buffer | string> = { ...extra };
  for (const a of actors) for (const n of actorClipNames(a)) files[`Actor_${String(a).padStart(2, "0")}/${n}`] = tinyWav(8);
  return tree(files);
}

test("scans the official layout into sorted records with absolute paths", async (t) => {
  const root = officialTree([3, 2]);
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const warnings: string[] = [];
  const clips = await scanRavdess(root, { onWarning: (m) => warnings.push(m) });
  assert.equal(warnings.length, 0);
  assert.equal(clips.length, 120);
  assert.deepEqual(countBy(clips, "actor"), { 2: 60, 3: 60 });
  assert.equal(clips[0].actor, 2);
  assert.equal(clips[0].fileName, "03-01-01-01-01-01-02.wav");
  assert.ok(clips.every((c) => path.isAbsolute(c.path) && c.path.startsWith(path.resolve(root) + path.sep)));
  for (let i = 1; i < clips.length; i++) {
    const [a, b] = [clips[i - 1], clips[i]];
    assert.ok(a.actor < b.actor || (a.actor === b.actor && a.fileName < b.fileName), "sorted by actor, then name");
  }
  // Deterministic: a second scan gives the same list.
  assert.deepEqual(await scanRavdess(root, { onWarning: () => {} }), clips);
});

test("stray files are skipped with ONE warning listing them; strict makes them an error", async (t) => {
  const root = officialTree([1], {
    "README.txt": "hello",
    "Actor_01/03-01-09-01-01-01-01.wav": tinyWav(4),
    "Actor_01/.DS_Store": "x",
    ".manifest.json": "{}",
    "deeper/still/03-01-02-01-01-01-05.wav": tinyWav(4),
  });
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const warnings: { message: string; skipped: readonly string[] }[] = [];
  const clips = await scanRavdess(root, { onWarning: (message, skipped) => warnings.push({ message, skipped }) });
  assert.equal(warnings.length, 1, "one warning for all stray files");
  assert.deepEqual([...warnings[0].skipped].sort(), ["Actor_01/03-01-09-01-01-01-01.wav", "README.txt"]);
  assert.match(warnings[0].message, /skipped 2 files are not RAVDESS clips/);
  assert.match(warnings[0].message, /README\.txt: extension is "\.txt"/);
  assert.match(warnings[0].message, /field 3 \(emotion\) is "09"/);
  assert.equal(clips.length, 61, "60 in Actor_01 plus one at any depth; hidden files ignored");
  assert.equal(clips[clips.length - 1].actor, 5);
  await assert.rejects(scanRavdess(root, { strict: true }), (e: unknown) => e instanceof FileError && /2 files are not RAVDESS clips/.test(e.message) && e.message.includes("README.txt"));
});

test("a clip in another actor's folder is an error naming it", async (t) => {
  const root = tree({ "Actor_02/03-01-02-01-01-01-03.wav": tinyWav(4), "Actor_02/03-01-02-01-01-01-02.wav": tinyWav(4) });
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  await assert.rejects(scanRavdess(root), (e: unknown) => e instanceof FileError && /03-01-02-01-01-01-03\.wav: actor 3 in the name, but the folder is Actor_02/.test(e.message));
});

test("a missing root is a FileError naming it", async () => {
  await assert.rejects(scanRavdess("/nonexistent/ravdess"), (e: unknown) => e instanceof FileError && e.path === "/nonexistent/ravdess" && /no such folder/.test(e.message));
});

test("countBy orders emotions as EMOTIONS, numbers ascending, strings alphabetically", async (t) => {
  const root = officialTree([1, 2, 10]);
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const clips = await scanRavdess(root);
  const byEmotion = countBy(clips, "emotion");
  assert.deepEqual(Object.keys(byEmotion), [...EMOTIONS]);
  assert.deepEqual(Object.values(byEmotion), [12, 24, 24, 24, 24, 24, 24, 24]);
  assert.deepEqual(countBy(clips, "gender"), { female: 120, male: 60 });
  assert.deepEqual(countBy(clips, "actor"), { 1: 60, 2: 60, 10: 60 });
  assert.deepEqual(countBy(clips, (c) => `${c.emotion}/${c.intensity}`)["neutral/normal"], 12);
});

test("toDataFrame has one row per clip and the documented columns", async (t) => {
  const root = officialTree([4]);
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const clips = await scanRavdess(root);
  const df = toDataFrame(clips);
  assert.deepEqual(df.columns, [...CLIP_COLUMNS]);
  assert.deepEqual(df.shape, [60, 11]);
  assert.deepEqual(df.column("actor").values, clips.map((c) => c.actor));
  assert.deepEqual(df.column("emotion").values, clips.map((c) => c.emotion));
  assert.equal(df.column("gender").values[0], "female");
  assert.deepEqual(df.column("emotionId").values.slice(0, 5), [1, 1, 1, 1, 2]);
  const empty = toDataFrame([]);
  assert.deepEqual(empty.shape, [0, 11]);
  assert.deepEqual(empty.columns, [...CLIP_COLUMNS]);
});
