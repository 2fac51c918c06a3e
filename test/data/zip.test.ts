import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { extractZip, listZipEntries, readZipEntry } from "../../src/data/zip";
import { FileError } from "../../src/util/errors";
import { makeZip, tinyWav } from "./make-zip";
import { ravdessZipPath } from "../helpers/ravdess";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ser-zip-"));
process.on("exit", () => fs.rmSync(tmp, { recursive: true, force: true }));

const text = Buffer.from("The quick brown fox jumps over the lazy dog. ".repeat(200));
const wav = tinyWav(1000, 3);
const small = path.join(tmp, "small.zip");
fs.writeFileSync(
  small,
  makeZip([
    { name: "docs/" },
    { name: "docs/readme.txt", data: text },
    { name: "Actor_01/03-01-01-01-01-01-01.wav", data: wav, method: "store" },
    { name: "empty.bin", data: Buffer.alloc(0) },
  ]),
);

const isFileError = (file: string, re: RegExp) => (e: unknown) => e instanceof FileError && e.path === file && re.test(e.message) && e.message.startsWith(file);

test("lists entries with sizes, CRCs and folder flags", async () => {
  const es = await listZipEntries(small);
  assert.deepEqual(
    es.map((e) => [e.name, e.isDirectory, e.size]),
    [
      ["docs/", true, 0],
      ["docs/readme.txt", false, text.length],
      ["Actor_01/03-01-01-01-01-01-01.wav", false, wav.length],
      ["empty.bin", false, 0],
    ],
  );
  assert.equal(es[1].crc32, zlib.crc32(text) >>> 0);
  assert.ok(es[1].compressedSize < text.length, "deflated");
  assert.equal(es[2].compressedSize, wav.length, "stored");
  assert.equal(es[1].lastModified.getFullYear(), 2024);
});

test("reads one entry into a Buffer, stored or deflated", async () => {
  assert.deepEqual(await readZipEntry(small, "docs/readme.txt"), text);
  assert.deepEqual(await readZipEntry(small, "Actor_01/03-01-01-01-01-01-01.wav"), wav);
  assert.equal((await readZipEntry(small, "empty.bin")).length, 0);
  await assert.rejects(readZipEntry(small, "nope.txt"), isFileError(small, /no entry named "nope\.txt"/));
  await assert.rejects(readZipEntry(small, "docs/"), isFileError(small, /is a folder/));
});

test("extracts everything, creating folders", async () => {
  const dest = path.join(tmp, "out");
  const seen: number[] = [];
  const r = await extractZip(small, dest, { onEntry: (_e, d) => seen.push(d.files) });
  assert.deepEqual(r.files, ["docs/readme.txt", "Actor_01/03-01-01-01-01-01-01.wav", "empty.bin"]);
  assert.equal(r.bytes, text.length + wav.length);
  assert.deepEqual(seen.sort(), [1, 2, 3]);
  assert.deepEqual(fs.readFileSync(path.join(dest, "docs/readme.txt")), text);
  assert.deepEqual(fs.readFileSync(path.join(dest, "Actor_01/03-01-01-01-01-01-01.wav")), wav);
  const only = await extractZip(small, path.join(tmp, "only"), { filter: (e) => e.name.endsWith(".wav") });
  assert.deepEqual(only.files, ["Actor_01/03-01-01-01-01-01-01.wav"]);
  assert.equal(fs.existsSync(path.join(tmp, "only", "docs", "readme.txt")), false);
});

test("a CRC mismatch is reported with the entry's name", async () => {
  const buf = makeZip([{ name: "a.wav", data: wav, method: "store" }]);
  buf[30 + "a.wav".length + 100] ^= 0xff; // flip one byte inside the stored data
  const bad = path.join(tmp, "crc.zip");
  fs.writeFileSync(bad, buf);
  await assert.rejects(readZipEntry(bad, "a.wav"), isFileError(bad, /entry "a\.wav": CRC-32 mismatch \(zip says 0x[0-9a-f]{8}, data gives 0x[0-9a-f]{8}\)/));
  await assert.rejects(extractZip(bad, path.join(tmp, "crc-out")), isFileError(bad, /CRC-32 mismatch/));
});

test("corrupt deflate data is reported", async () => {
  const buf = makeZip([{ name: "t.txt", data: text }]);
  for (let i = 0; i < 40; i++) buf[30 + 5 + 2 + i] = 0xff; // trash the deflate stream
  const bad = path.join(tmp, "inflate.zip");
  fs.writeFileSync(bad, buf);
  await assert.rejects(readZipEntry(bad, "t.txt"), isFileError(bad, /entry "t\.txt": corrupt compressed data \(/));
});

test("an entry that escapes the folder is refused", async () => {
  const evil = path.join(tmp, "evil.zip");
  fs.writeFileSync(evil, makeZip([{ name: "../evil.txt", data: text }]));
  await assert.rejects(extractZip(evil, path.join(tmp, "evil-out")), isFileError(evil, /invalid relative path|outside/));
  assert.equal(fs.existsSync(path.join(tmp, "evil.txt")), false);
});

test("a truncated copy of the shared zip: 'truncated: central directory not found'", async () => {
  const cut = path.join(tmp, "cut.zip");
  const fd = fs.openSync(ravdessZipPath(), "r");
  const head = Buffer.alloc(1 << 20);
  fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  fs.writeFileSync(cut, head);
  await assert.rejects(listZipEntries(cut), isFileError(cut, /truncated: central directory not found/));
  await assert.rejects(readZipEntry(cut, "Actor_01/03-01-01-01-01-01-01.wav"), isFileError(cut, /truncated/));
  await assert.rejects(extractZip(cut, path.join(tmp, "cut-out")), isFileError(cut, /truncated/));
  assert.deepEqual(fs.readdirSync(path.join(tmp, "cut-out")), [], "nothing extracted");
});

test("a zip whose data is cut short before its directory is reported as truncated", async () => {
  const buf = makeZip([{ name: "a.wav", data: wav, method: "store" }, { name: "b.wav", data: wav, method: "store" }]);
  // Keep the central directory but point it past the end: drop bytes from the middle of the file.
  const cdStart = buf.readUInt32LE(buf.length - 6);
  const shortened = Buffer.concat([buf.subarray(0, 100), buf.subarray(cdStart)]);
  shortened.writeUInt32LE(100, shortened.length - 6);
  const bad = path.join(tmp, "short.zip");
  fs.writeFileSync(bad, shortened);
  await assert.rejects(readZipEntry(bad, "b.wav"), isFileError(bad, /entry "b\.wav": truncated/));
});

test("not a zip, a missing file and a folder are FileErrors naming the path", async () => {
  const notZip = path.join(tmp, "notes.zip");
  fs.writeFileSync(notZip, "these are not the bytes of a zip file\n".repeat(10));
  await assert.rejects(listZipEntries(notZip), isFileError(notZip, /not a zip file/));
  const tiny = path.join(tmp, "tiny.zip");
  fs.writeFileSync(tiny, "PK");
  await assert.rejects(listZipEntries(tiny), isFileError(tiny, /not a zip file|truncated/));
  const missing = path.join(tmp, "missing.zip");
  await assert.rejects(listZipEntries(missing), isFileError(missing, /no such file/));
  await assert.rejects(listZipEntries(tmp), isFileError(tmp, /is a folder/));
});

test("the shared RAVDESS zip: 1200 clips in 20 actor folders, one read back as a WAV", async () => {
  const zip = ravdessZipPath();
  const es = await listZipEntries(zip);
  const files = es.filter((e) => !e.isDirectory);
  assert.equal(files.length, 1200);
  assert.equal(es.filter((e) => e.isDirectory).length, 20);
  const e = files.find((f) => f.name === "Actor_20/03-01-05-01-01-01-20.wav")!;
  const b = await readZipEntry(zip, e.name);
  assert.equal(b.length, e.size);
  assert.equal(b.toString("latin1", 0, 4), "RIFF");
  assert.equal(b.toString("latin1", 8, 12), "WAVE");
  assert.equal(zlib.crc32(b) >>> 0, e.crc32 >>> 0);
});
