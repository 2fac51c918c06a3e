// Bounded reads (issue 11, defect 10): only regular files up to a stated size are read; devices,
// FIFOs, folders and symlink loops are errors naming the path, at once (no hang, no growing memory).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { readFileBounded, readJsonFile } from "../../src/util/read-file";
import { readWav } from "../../src/audio/read-wav";
import { FileError } from "../../src/util/errors";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ser-read-"));
process.on("exit", () => fs.rmSync(tmp, { recursive: true, force: true }));
const fileError = (p: string, re: RegExp) => (e: unknown) => e instanceof FileError && e.path === p && re.test(e.message);

test("a character device (/dev/zero) is refused, not read forever", () => {
  assert.throws(() => readWav("/dev/zero"), fileError("/dev/zero", /is a character device, not a WAV file/));
});

test("a FIFO named x.wav is refused at once instead of hanging", () => {
  const fifo = path.join(tmp, "x.wav");
  const mk = spawnSync("mkfifo", [fifo]);
  assert.equal(mk.status, 0, "mkfifo (coreutils) is needed for this test");
  assert.throws(() => readWav(fifo), fileError(fifo, /is a FIFO \(named pipe\), not a WAV file/));
});

test("a file above the size limit is refused, stating both sizes", () => {
  const big = path.join(tmp, "big.bin");
  fs.writeFileSync(big, Buffer.alloc(3000));
  assert.throws(
    () => readFileBounded(big, { maxBytes: 2048, what: "WAV file" }),
    fileError(big, /is 3000 bytes, more than the 2048 bytes limit for a WAV file/),
  );
  assert.equal(readFileBounded(big, { maxBytes: 3000 }).length, 3000);
});

test("a symlink loop says so (not 'no such file'); a missing file says no such file", () => {
  const loop = path.join(tmp, "loop.wav");
  fs.symlinkSync(loop, loop);
  assert.throws(() => readWav(loop), fileError(loop, /symlink loop/));
  const missing = path.join(tmp, "missing.wav");
  assert.throws(() => readWav(missing), fileError(missing, /no such file/));
});

test("readJsonFile: invalid JSON, a folder, and non-objects are FileErrors naming the file", () => {
  const bad = path.join(tmp, "bad.json");
  fs.writeFileSync(bad, "{ not json");
  assert.throws(() => readJsonFile(bad), fileError(bad, /not valid JSON/));
  assert.throws(() => readJsonFile(tmp), fileError(tmp, /is a directory/));
  for (const [text, kind] of [
    ["[]", "an array"],
    ["null", "null"],
    ["3", "a number"],
  ]) {
    const f = path.join(tmp, `v${kind.replace(/ /g, "")}.json`);
    fs.writeFileSync(f, text);
    assert.throws(() => readJsonFile(f, { what: "config", object: true }), fileError(f, new RegExp(`a config must be a JSON object .* holds ${kind}`)));
  }
});
