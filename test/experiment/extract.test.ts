import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { extractDataset, formatExtractProgress, stackSummaries, type ExtractProgress } from "../../src/experiment/extract";
import { extractClip } from "../../src/experiment/extract-clip";
import { clipFeatures, featureConfig } from "../../src/features/clip-features";
import { loadClip } from "../../src/features/load-clip";
import { readRavdessClip } from "../helpers/ravdess";

const ENTRIES = [
  "Actor_01/03-01-05-02-01-01-01.wav",
  "Actor_02/03-01-01-01-01-01-02.wav",
  "Actor_08/03-01-04-01-02-01-08.wav",
  "Actor_15/03-01-03-02-01-02-15.wav",
  "Actor_20/03-01-08-02-02-02-20.wav",
];

/** A few real clips in a temporary folder, from wherever the project finds RAVDESS. */
async function clipFolder(): Promise<{ dir: string; files: string[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ser-extract-"));
  const files: string[] = [];
  for (const e of ENTRIES) {
    const out = path.join(dir, path.basename(e));
    fs.writeFileSync(out, await readRavdessClip(e));
    files.push(out);
  }
  return { dir, files };
}

const config = { features: ["mfcc", "chroma", "mel", "contrast", "zcr", "rms"] as const, stats: ["mean", "std"] as const };
const cfg = featureConfig({ features: [...config.features], stats: [...config.stats] });

test("extractDataset on 2 workers: results in input order, bad files reported by path, second run from the cache", async () => {
  const { dir, files } = await clipFolder();
  const cacheDir = path.join(dir, "cache");
  const bad = path.join(dir, "not-audio.wav");
  fs.writeFileSync(bad, "this is not a wav file");
  const missing = path.join(dir, "missing.wav");
  const items = [
    { path: files[0] },
    { path: bad },
    ...files.slice(1).map((p) => ({ path: p })),
    { path: missing },
    { path: files[0], augmentation: { kind: "gain" as const, db: -6 } },
  ];
  const progress: ExtractProgress[] = [];
  const first = await extractDataset(items, cfg, { workers: 2, cacheDir, onProgress: (p) => progress.push(p) });
  assert.equal(first.stats.total, items.length);
  assert.equal(first.stats.errors, 2);
  assert.equal(first.stats.computed, items.length - 2);
  assert.equal(first.stats.cacheHits, 0);
  assert.deepEqual(
    first.errors.map((e) => [e.index, e.path]),
    [
      [1, bad],
      [6, missing],
    ],
  );
  assert.ok(
    first.errors.every((e) => e.message.includes(e.path)),
    JSON.stringify(first.errors),
  );
  assert.equal(first.features[1], null);
  assert.equal(progress.length, items.length);
  assert.deepEqual(progress.at(-1)!.done, items.length);
  // input order: each result equals the in-process features of that file
  for (const [i, it] of items.entries()) {
    if (first.features[i] === null) continue;
    const expected = it.augmentation ? null : clipFeatures(loadClip(it.path, cfg), cfg);
    if (expected) assert.deepEqual(Array.from(first.features[i]!.data), Array.from(expected.data), `item ${i}`);
  }
  // the gain-augmented copy differs from the original (rms scales by 10^(-6/20))
  const col = first.columns.indexOf("rms");
  const ratio = first.features[7]!.data[col] / first.features[0]!.data[col];
  assert.ok(Math.abs(ratio - 10 ** (-6 / 20)) < 1e-3, `rms ratio ${ratio}`);

  const second = await extractDataset(items, cfg, { workers: 2, cacheDir });
  assert.equal(second.stats.cacheHits, items.length - 2);
  assert.equal(second.stats.computed, 0);
  for (let i = 0; i < items.length; i++) assert.deepEqual(second.features[i], first.features[i]);
  // in-process (workers: 0) gives the same, also from the cache
  const inline = await extractDataset(items, cfg, { workers: 0, cacheDir });
  assert.equal(inline.stats.cacheHits, items.length - 2);
  const { X, index } = stackSummaries(inline);
  assert.deepEqual([X.rows, X.cols], [items.length - 2, first.columns.length]);
  assert.deepEqual(Array.from(index), [0, 2, 3, 4, 5, 7]);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("the default config (all seven features, tonnetz on the harmonic part) runs in workers and equals the in-process result", async () => {
  const { dir, files } = await clipFolder();
  const items = files.slice(0, 3).map((p) => ({ path: p }));
  const full = featureConfig();
  const inWorkers = await extractDataset(items, full, { workers: 2, cacheDir: null });
  assert.equal(inWorkers.columns.length, 195);
  assert.deepEqual(inWorkers.errors, []);
  for (const [i, it] of items.entries())
    assert.deepEqual(Array.from(inWorkers.features[i]!.data), Array.from(clipFeatures(loadClip(it.path, full), full).data));
  fs.rmSync(dir, { recursive: true, force: true });
});

test("a corrupted cache entry is recomputed by the next run", async () => {
  const { dir, files } = await clipFolder();
  const cacheDir = path.join(dir, "cache");
  const items = files.slice(0, 2).map((p) => ({ path: p }));
  const first = await extractDataset(items, cfg, { workers: 0, cacheDir });
  const entries: string[] = [];
  const walk = (d: string): void =>
    fs
      .readdirSync(d, { withFileTypes: true })
      .forEach((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith(".f32") && entries.push(path.join(d, e.name))));
  walk(cacheDir);
  assert.equal(entries.length, 2);
  const b = fs.readFileSync(entries[0]);
  b[b.length - 1] ^= 0x55;
  fs.writeFileSync(entries[0], b);
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.message);
  process.on("warning", onWarning);
  const second = await extractDataset(items, cfg, { workers: 0, cacheDir });
  await new Promise((r) => setImmediate(r));
  process.off("warning", onWarning);
  assert.equal(second.stats.cacheHits, 1);
  assert.equal(second.stats.computed, 1);
  assert.deepEqual(second.features, first.features);
  assert.ok(
    warnings.some((w) => w.includes(entries[0]) && w.includes("CRC-32")),
    JSON.stringify(warnings),
  );
  fs.rmSync(dir, { recursive: true, force: true });
});

test("extractClip reports a missing file by path instead of throwing", () => {
  const r = extractClip({ path: "/nonexistent/clip.wav" }, cfg, null);
  assert.equal(r.ok, false);
  assert.match((r as { message: string }).message, /\/nonexistent\/clip\.wav: no such file/);
});

test("formatExtractProgress draws a bar with counts, rate and ETA", () => {
  const line = formatExtractProgress({ done: 300, total: 1200, cacheHits: 100, errors: 1, elapsed: 10, clipsPerSecond: 30, eta: 30 }, 12);
  assert.equal(line, "[###.........]  300/1200  cache 100  errors 1  30.0 clips/s  ETA 0:30");
  assert.match(formatExtractProgress({ done: 5, total: 5, cacheHits: 0, errors: 0, elapsed: 75, clipsPerSecond: 1, eta: 0 }), /done in 1:15$/);
});

test("extractDataset rejects bad arguments and names them", async () => {
  await assert.rejects(extractDataset([{ path: "" }], cfg), /items\[0\]\.path=""/);
  await assert.rejects(extractDataset([{ path: "a.wav" }], cfg, { workers: -1 }), /workers=-1/);
  await assert.rejects(extractDataset([{ path: "a.wav" }], { nMfcc: 0 }), /nMfcc=0/);
});
