import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { decodeWav, encodeWav } from "../../src/audio/wav";
import { readWav } from "../../src/audio/read-wav";
import { FileError, ParameterError } from "../../src/util/errors";
import { buildWav, f32, ravdessClip } from "./helpers";

const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, "../fixtures/load/load.json"), "utf8"));
const CODES: Record<string, [string, string]> = {
  PCM_U8: ["8", "pcm"],
  PCM_16: ["16", "pcm"],
  PCM_24: ["24", "pcm"],
  PCM_32: ["32", "pcm"],
  FLOAT: ["32f", "float"],
  DOUBLE: ["64", "float"],
  ULAW: ["8m", "pcm"],
  ALAW: ["8a", "pcm"],
};

for (const f of fixture.formats as { subtype: string; format: string; channels: number; sr: number; frames: number; bytes: string; expected: string[] }[]) {
  test(`decodes ${f.format} ${f.subtype} × ${f.channels} exactly as soundfile ${fixture.versions.soundfile} reads float32`, () => {
    const wav = decodeWav(Buffer.from(f.bytes, "base64"), `${f.subtype}.wav`);
    assert.equal(wav.sr, f.sr);
    assert.equal(wav.channels, f.channels);
    assert.deepEqual([wav.bitDepth, wav.format], CODES[f.subtype]);
    assert.equal(wav.samples.length, f.channels);
    f.expected.forEach((b64, c) => assert.deepEqual(Array.from(wav.samples[c]), Array.from(f32(b64)), `channel ${c}`));
  });
}

test("decodes a real RAVDESS clip (with its FLLR, LIST, bext and _PMX chunks) as 48 kHz 16-bit mono", async (t) => {
  const clip = fixture.ravdess[0];
  assert.ok(clip, "load.json lists RAVDESS clips");
  const got = await ravdessClip(clip.archive_path);
  const wav = decodeWav(got.bytes, got.source);
  assert.equal(wav.sr, 48000);
  assert.equal(wav.channels, 1);
  assert.equal(wav.bitDepth, "16");
  assert.equal(wav.samples[0].length, clip.native_frames);
});

test("16-bit PCM at an odd byte offset decodes the same as aligned", () => {
  const data = Int16Array.from([0, 1, -1, 32767, -32768, 1234]);
  const wav = buildWav({ channels: 2, sr: 8000, data });
  const shifted = new Uint8Array(wav.length + 1).subarray(1);
  shifted.set(wav);
  const a = decodeWav(wav);
  const b = decodeWav(shifted);
  assert.deepEqual(b.samples, a.samples);
  assert.deepEqual(Array.from(a.samples[0]), [0, -1 / 32768, -1]);
  assert.deepEqual(Array.from(a.samples[1]), [1 / 32768, 32767 / 32768, 1234 / 32768]);
});

test("skips odd-sized chunks with their pad byte and chunks after the data", () => {
  const base = buildWav({ channels: 1, sr: 16000, data: Int16Array.from([100, -200, 300]) });
  // RIFF header, then an odd 3-byte "junk" chunk (+1 pad byte), then fmt and data, then a trailing LIST chunk.
  const junk = Uint8Array.from([...Buffer.from("junk"), 3, 0, 0, 0, 1, 2, 3, 0]);
  const tail = Uint8Array.from([...Buffer.from("LIST"), 4, 0, 0, 0, ...Buffer.from("INFO")]);
  const bytes = Buffer.concat([base.subarray(0, 12), junk, base.subarray(12), tail]);
  bytes.writeUInt32LE(bytes.length - 8, 4);
  assert.deepEqual(Array.from(decodeWav(bytes).samples[0]), [100 / 32768, -200 / 32768, 300 / 32768]);
});

// ---- bad input: every problem is a FileError naming the file and the problem ----

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ser-wav-test-"));
process.on("exit", () => fs.rmSync(tmp, { recursive: true, force: true }));
function tmpFile(name: string, bytes: Uint8Array | string): string {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, bytes);
  return p;
}
function throwsFileError(fn: () => unknown, file: string, problem: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof FileError, `expected a FileError, got ${e}`);
    assert.equal(e.path, file);
    assert.ok(e.message.startsWith(file), `message names the file: ${e.message}`);
    assert.match(e.message, problem);
    return true;
  });
}
const good = () => buildWav({ channels: 1, sr: 22050, data: Int16Array.from({ length: 100 }, (_, i) => i * 100) });

test("missing file", () => {
  const p = path.join(tmp, "nope.wav");
  throwsFileError(() => readWav(p), p, /no such file/);
});

test("a directory", () => throwsFileError(() => readWav(tmp), tmp, /is a directory/));

test("a zero-length file", () => {
  const p = tmpFile("empty.wav", new Uint8Array(0));
  throwsFileError(() => readWav(p), p, /empty file \(0 bytes\)/);
});

test("a text file", () => {
  const p = tmpFile("notes.wav", "these are not samples\n");
  throwsFileError(() => readWav(p), p, /not a WAV file.*looks like text/);
});

test("an MP3 (ID3 tag or bare frame sync)", () => {
  const id3 = tmpFile("song.wav", Uint8Array.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 0, 0xff, 0xfb, 0x90, 0x64]));
  throwsFileError(() => readWav(id3), id3, /not a WAV file.*MP3/);
  const sync = tmpFile("frames.wav", Uint8Array.from([0xff, 0xfb, 0x90, 0x64, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
  throwsFileError(() => readWav(sync), sync, /not a WAV file.*MP3/);
});

test("a truncated WAV says how many bytes of data are missing", () => {
  const bytes = good().subarray(0, 44 + 200 - 37);
  const p = tmpFile("cut.wav", bytes);
  throwsFileError(() => readWav(p), p, /truncated: the data chunk declares 200 bytes but only 163 are present \(37 bytes missing\)/);
  throwsFileError(() => decodeWav(good().subarray(0, 10), "head.wav"), "head.wav", /truncated/);
});

test("unsupported encodings: IMA ADPCM, 12-bit PCM, MP3 in a WAV", () => {
  const adpcm = buildWav({ channels: 1, sr: 8000, data: new Uint8Array(64), bits: 4, formatTag: 0x11 });
  throwsFileError(() => decodeWav(adpcm, "adpcm.wav"), "adpcm.wav", /unsupported encoding: IMA ADPCM, 4 bits per sample/);
  const pcm12 = buildWav({ channels: 1, sr: 8000, data: new Uint8Array(64), bits: 12 });
  throwsFileError(() => decodeWav(pcm12, "12bit.wav"), "12bit.wav", /unsupported encoding: 12-bit integer PCM/);
  const mp3 = buildWav({ channels: 1, sr: 8000, data: new Uint8Array(64), bits: 0, formatTag: 0x55 });
  throwsFileError(() => decodeWav(mp3, "mp3.wav"), "mp3.wav", /MPEG Layer III/);
});

test("a WAV with zero samples", () => {
  const p = tmpFile("silent.wav", buildWav({ channels: 1, sr: 8000, data: new Int16Array(0) }));
  throwsFileError(() => readWav(p), p, /no samples/);
});

test("a RIFF/WAVE file without fmt or data chunk", () => {
  const noData = good().subarray(0, 36);
  throwsFileError(() => decodeWav(noData, "x.wav"), "x.wav", /no data chunk/);
  const noFmt = Buffer.concat([good().subarray(0, 12), good().subarray(36)]);
  throwsFileError(() => decodeWav(noFmt, "y.wav"), "y.wav", /no fmt chunk/);
});

test("decodeWav rejects a non-byte argument with a ParameterError", () => {
  assert.throws(() => decodeWav("abc" as unknown as Uint8Array), ParameterError);
});

// ---- encodeWav ----

test("encodeWav 16-bit round-trips multiples of 1/32768 exactly and clips the rest", () => {
  const y = Float32Array.from([0, 1 / 32768, -1, 0.5, 32767 / 32768, 1.5, -2]);
  const back = decodeWav(encodeWav(y, 22050));
  assert.equal(back.sr, 22050);
  assert.equal(back.bitDepth, "16");
  assert.deepEqual(Array.from(back.samples[0]), [0, 1 / 32768, -1, 0.5, 32767 / 32768, 32767 / 32768, -1]);
});

test("encodeWav 32-bit float round-trips exactly", () => {
  const y = Float32Array.from([0, 0.1, -0.7, 1.25, -3]);
  const back = decodeWav(encodeWav(y, 16000, { bitDepth: "32f" }));
  assert.equal(back.format, "float");
  assert.deepEqual(back.samples[0], y);
  assert.throws(() => encodeWav(y, 0), /sr=0/);
  assert.throws(() => encodeWav(y, 16000, { bitDepth: "24" as "16" }), /bitDepth="24"/);
});

test("a NaN in a float WAV is named by its sample number and time in the file, whatever the load offset", async () => {
  const { loadBytes } = await import("../../src/audio/load");
  const y = new Float32Array(48000).fill(0.25);
  y[30000] = NaN;
  const bytes = encodeWav(y, 48000, { bitDepth: "32f" });
  assert.throws(
    () => decodeWav(bytes, "nan.wav"),
    (e: unknown) => e instanceof FileError && /nan\.wav: sample 30000 \(0\.625 s\) is NaN: audio must be finite/.test(e.message),
  );
  assert.throws(() => loadBytes(bytes, { name: "nan.wav", offset: 0.5 }), /sample 30000 \(0\.625 s\)/);
});
