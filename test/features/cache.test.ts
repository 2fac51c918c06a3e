import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { FeatureCache, hashBytes, fileContentHash } from "../../src/features/cache";
import { featureConfig } from "../../src/features/clip-features";
import { featureConfigHash } from "../../src/features/config-hash";

function tmpRoot(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "ser-cache-"));
}

const value = { data: Float32Array.from({ length: 6 * 5 }, (_, i) => i / 7 - 1), rows: 6, cols: 5 };
const contentHash = hashBytes(Buffer.from("some audio bytes"));
const configHash = featureConfigHash(featureConfig());

test("set then get returns the same matrix; misses and hits are counted; keys separate entries", () => {
  const root = tmpRoot();
  const cache = new FeatureCache({ root });
  const key = { contentHash, configHash };
  assert.equal(cache.get(key), null);
  cache.set(key, value);
  assert.deepEqual(cache.get(key), value);
  assert.equal(cache.get({ ...key, augmentation: '{"kind":"gain","db":3}' }), null);
  assert.equal(cache.get({ ...key, configHash: featureConfigHash(featureConfig({ nMfcc: 13 })) }), null);
  assert.deepEqual(cache.stats(), { hits: 1, misses: 3, corrupt: 0, writes: 1 });
  // a second instance (another process) sees the entry
  assert.deepEqual(new FeatureCache({ root }).get(key), value);
  assert.ok(cache.entryPath(key).startsWith(path.join(root, configHash, contentHash.slice(0, 2))));
  fs.rmSync(root, { recursive: true, force: true });
});

test("a corrupt entry is detected, reported with its path, deleted and counted as a miss", () => {
  const root = tmpRoot();
  const reports: string[] = [];
  const cache = new FeatureCache({ root, onCorrupt: (file, problem) => reports.push(`${file}: ${problem}`) });
  const key = { contentHash, configHash };
  const file = cache.entryPath(key);
  const damage: [string, (b: Buffer) => Buffer][] = [
    ["CRC-32 mismatch", (b) => ((b[b.length - 3] ^= 0xff), b)],
    ["size", (b) => b.subarray(0, b.length - 4)],
    ["bad magic", (b) => (b.write("XXXX", 0, "latin1"), b)],
    ["too short", () => Buffer.from("SER")],
    ["unreadable header", (b) => (b.write("{{{{", 8, "latin1"), b)],
  ];
  for (const [problem, f] of damage) {
    cache.set(key, value);
    fs.writeFileSync(file, f(fs.readFileSync(file)));
    assert.equal(cache.get(key), null, problem);
    assert.ok(reports.at(-1)!.startsWith(file) && reports.at(-1)!.includes(problem), reports.at(-1));
    assert.equal(fs.existsSync(file), false, "the corrupt entry is deleted");
  }
  assert.equal(cache.stats().corrupt, damage.length);
  // an entry copied under another key's name is rejected too
  cache.set(key, value);
  const other = { contentHash: hashBytes(Buffer.from("other")), configHash };
  fs.mkdirSync(path.dirname(cache.entryPath(other)), { recursive: true });
  fs.copyFileSync(file, cache.entryPath(other));
  assert.equal(cache.get(other), null);
  assert.match(reports.at(-1)!, /keys in the header do not match/);
  fs.rmSync(root, { recursive: true, force: true });
});

test("writes are atomic: no temporary files are left, and clear removes entries", () => {
  const root = tmpRoot();
  const cache = new FeatureCache({ root });
  for (let i = 0; i < 5; i++) cache.set({ contentHash: hashBytes(Buffer.from([i])), configHash }, value);
  cache.set({ contentHash, configHash: "abcd" }, value);
  const files: string[] = [];
  const walk = (d: string): void =>
    fs.readdirSync(d, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : files.push(e.name)));
  walk(root);
  assert.equal(files.filter((f) => f.includes(".tmp-")).length, 0);
  assert.equal(files.filter((f) => f.endsWith(".f32")).length, 6);
  assert.equal(cache.clear({ configHash: "abcd" }), 1);
  assert.equal(cache.clear(), 5);
  assert.equal(fs.existsSync(root), false);
  assert.equal(cache.clear(), 0);
});

test("fileContentHash hashes the bytes; bad keys and unreadable files are reported by name", () => {
  const root = tmpRoot();
  const f = path.join(root, "a.bin");
  fs.writeFileSync(f, "abc");
  assert.equal(fileContentHash(f), "a9993e364706816aba3e25717850c26c9cd0d89d");
  assert.throws(() => fileContentHash(path.join(root, "missing.wav")), /missing\.wav: cannot read/);
  const cache = new FeatureCache({ root });
  assert.throws(() => cache.get({ contentHash: "xyz", configHash }), /contentHash="xyz"/);
  assert.throws(() => cache.get({ contentHash, configHash: "../.." }), /configHash="..\/.."/);
  assert.throws(() => cache.set({ contentHash, configHash }, { data: new Float32Array(3), rows: 2, cols: 2 }), /rows × cols/);
  fs.rmSync(root, { recursive: true, force: true });
});
