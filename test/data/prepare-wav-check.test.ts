// Import validates each WAV's header and chunk sizes (issue 11, defect 13), and its errors name the
// source and the entry, not a temporary folder that no longer exists (defect 15).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { prepareRavdess } from "../../src/data/prepare";
import { FileError } from "../../src/util/errors";
import { makeZip, ravdessEntries, tinyWav } from "./make-zip";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ser-prepwav-"));
process.on("exit", () => fs.rmSync(tmp, { recursive: true, force: true }));
const quiet = { onLog: () => {} };

/** A tiny RAVDESS archive of actor 1 with entry 7 replaced by `data`. */
function zipWith(name: string, data: Buffer): { zip: string; entry: string } {
  const entries = ravdessEntries([1]);
  const i = entries.findIndex((e) => !e.name.endsWith("/")) + 7;
  entries[i] = { ...entries[i], data };
  const zip = path.join(tmp, name);
  fs.writeFileSync(zip, makeZip(entries));
  return { zip, entry: entries[i].name };
}

test("a clip whose data chunk is truncated is refused at import, naming the zip and the entry", async () => {
  const cut = tinyWav(64).subarray(0, 44 + 50); // header says 128 data bytes, 50 present
  const { zip, entry } = zipWith("truncated.zip", Buffer.from(cut));
  const dest = path.join(tmp, "t", "ravdess");
  await assert.rejects(prepareRavdess({ from: zip, dest, ...quiet }), (e: unknown) => {
    assert.ok(e instanceof FileError);
    assert.equal(e.path, zip);
    assert.match(e.message, new RegExp(`^${zip.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: ${entry}: truncated: the data chunk declares 128 bytes but only 50 are present \\(78 bytes missing\\)$`));
    assert.doesNotMatch(e.message, /\.tmp-/, "no temporary path in the message");
    return true;
  });
  assert.equal(fs.existsSync(dest), false);
  assert.deepEqual(fs.readdirSync(path.dirname(dest)), [], "no temporary folder left");
});

test("a clip with a lying fmt chunk size or an unsupported encoding is refused at import", async () => {
  const lying = Buffer.from(tinyWav(16));
  lying.writeUInt32LE(1_000_000, 16); // fmt chunk size far beyond the file
  const mp3ish = Buffer.from(tinyWav(16));
  mp3ish.writeUInt16LE(0x55, 20); // format tag: MPEG Layer III
  for (const [name, data, re] of [
    ["lying.zip", lying, /truncated: the fmt chunk declares 1000000 bytes/],
    ["mp3.zip", mp3ish, /unsupported encoding: MPEG Layer III \(MP3\)/],
  ] as const) {
    const { zip } = zipWith(name, data);
    await assert.rejects(prepareRavdess({ from: zip, dest: path.join(tmp, `${name}-dest`, "ravdess"), ...quiet }), (e: unknown) => e instanceof FileError && e.path === zip && re.test(e.message), name);
  }
});
