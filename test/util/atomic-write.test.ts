// writeFileAtomic(Async): the data goes to a temporary sibling first and is renamed into place, so
// a failed write never leaves a partial target (an old target stays as it was) nor the temporary.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeFileAtomic, writeFileAtomicAsync } from "../../src/util/atomic-write";
import { trackedTemps } from "../../src/util/temp-dir";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ser-atomic-"));
process.on("exit", () => fs.rmSync(tmp, { recursive: true, force: true }));

/** Runs `body` with fs.writeFileSync replaced by `fake(original)`, restoring it afterwards. */
function withFakeWrite(fake: (orig: typeof fs.writeFileSync) => typeof fs.writeFileSync, body: () => void): void {
  const orig = fs.writeFileSync;
  fs.writeFileSync = fake(orig);
  try {
    body();
  } finally {
    fs.writeFileSync = orig;
  }
}

test("writeFileAtomic creates parent folders and writes the whole file, leaving no temporary", () => {
  const file = path.join(tmp, "new", "deep", "a.json");
  writeFileAtomic(file, '{"ok":true}');
  assert.equal(fs.readFileSync(file, "utf8"), '{"ok":true}');
  assert.deepEqual(fs.readdirSync(path.dirname(file)), ["a.json"]);
  writeFileAtomic(file, new Uint8Array([1, 2, 3]));
  assert.deepEqual([...fs.readFileSync(file)], [1, 2, 3], "replaces an existing file");
  assert.deepEqual(fs.readdirSync(path.dirname(file)), ["a.json"]);
});

test("writeFileAtomic writes beside the target, never into it: a write that fails half-way leaves the old file and no temporary", () => {
  const dir = path.join(tmp, "halfway");
  const file = path.join(dir, "model.json");
  fs.mkdirSync(dir);
  fs.writeFileSync(file, "old contents");
  const written: string[] = [];
  withFakeWrite(
    (orig) =>
      ((p: fs.PathOrFileDescriptor, data: string) => {
        written.push(String(p));
        assert.equal(fs.readFileSync(file, "utf8"), "old contents", "the target is untouched while the data is written");
        orig(p, data.slice(0, 3)); // a partial write, then the disk is full
        throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
      }) as typeof fs.writeFileSync,
    () => assert.throws(() => writeFileAtomic(file, "new contents, longer"), /ENOSPC/),
  );
  assert.equal(written.length, 1);
  assert.notEqual(written[0], file);
  assert.equal(path.dirname(written[0]), dir, "the temporary is a sibling (same file system for the rename)");
  assert.equal(fs.readFileSync(file, "utf8"), "old contents");
  assert.deepEqual(fs.readdirSync(dir), ["model.json"], "the partial temporary was removed");
});

test("writeFileAtomic removes the temporary when the rename fails (the target is a folder)", () => {
  const dir = path.join(tmp, "rename");
  const target = path.join(dir, "taken");
  fs.mkdirSync(target, { recursive: true });
  fs.writeFileSync(path.join(target, "inside"), "x");
  assert.throws(
    () => writeFileAtomic(target, "data"),
    (e: unknown) => typeof (e as NodeJS.ErrnoException).code === "string",
  );
  assert.deepEqual(fs.readdirSync(dir), ["taken"]);
  assert.deepEqual(fs.readdirSync(target), ["inside"]);
});

test("writeFileAtomicAsync: the same on success and on failure, and its temporary is unregistered", async () => {
  const dir = path.join(tmp, "async");
  const file = path.join(dir, "b.txt");
  await writeFileAtomicAsync(file, "first");
  assert.equal(fs.readFileSync(file, "utf8"), "first");
  assert.deepEqual(fs.readdirSync(dir), ["b.txt"]);
  const orig = fs.promises.writeFile;
  let seen = "";
  fs.promises.writeFile = (async (p: string, data: string) => {
    seen = p;
    assert.deepEqual(trackedTemps(), [p], "registered for removal on SIGINT/SIGTERM while written");
    await orig(p, data.slice(0, 2));
    throw new Error("EIO: i/o error");
  }) as typeof fs.promises.writeFile;
  try {
    await assert.rejects(writeFileAtomicAsync(file, "second"), /EIO/);
  } finally {
    fs.promises.writeFile = orig;
  }
  assert.equal(path.dirname(seen), dir);
  assert.notEqual(seen, file);
  assert.equal(fs.readFileSync(file, "utf8"), "first");
  assert.deepEqual(fs.readdirSync(dir), ["b.txt"]);
  assert.deepEqual(trackedTemps(), []);
});
