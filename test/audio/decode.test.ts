// Decoding real encoder output (test/fixtures/recordings, made by make_recordings.sh with Debian's
// ffmpeg): a 1 s 440 Hz tone in each compressed format, decoded by the WebAssembly decoders (none
// mocked) and checked for rate, duration, frequency and level; sniffing by bytes; clear errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { decodeAudio } from "../../src/audio/decode";
import { sniffFormat } from "../../src/audio/sniff";
import { loadAsync, loadBytesAsync } from "../../src/audio/load-async";
import { loadBytes } from "../../src/audio/load";
import { load } from "../../src/audio/load-file";
import { encodeWav } from "../../src/audio/wav";
import { FileError } from "../../src/util/errors";

const DIR = path.join(__dirname, "../fixtures/recordings");
const fixture = (name: string) => path.join(DIR, name);

/** Frequency from positive-going zero crossings (linearly interpolated) over the middle of `y`. */
function frequency(y: Float32Array, sr: number): number {
  const from = Math.floor(y.length * 0.15);
  const to = Math.floor(y.length * 0.85);
  const crossings: number[] = [];
  for (let i = from; i < to; i++) if (y[i - 1] < 0 && y[i] >= 0) crossings.push(i - 1 + -y[i - 1] / (y[i] - y[i - 1]));
  return (sr * (crossings.length - 1)) / (crossings[crossings.length - 1] - crossings[0]);
}

function rms(y: Float32Array): number {
  let s = 0;
  for (let i = Math.floor(y.length * 0.15); i < Math.floor(y.length * 0.85); i++) s += y[i] * y[i];
  return Math.sqrt(s / Math.floor(y.length * 0.7));
}

const CASES: { file: string; format: string; sr: number; durationTolerance: number }[] = [
  { file: "tone.mp3", format: "mp3", sr: 22050, durationTolerance: 0.01 },
  { file: "tone.flac", format: "flac", sr: 8000, durationTolerance: 0 },
  { file: "tone.ogg", format: "ogg-vorbis", sr: 22050, durationTolerance: 0.01 },
  { file: "tone.opus", format: "ogg-opus", sr: 48000, durationTolerance: 0.01 },
  { file: "tone.webm", format: "webm", sr: 48000, durationTolerance: 0.03 },
  { file: "tone.m4a", format: "mp4", sr: 22050, durationTolerance: 0.03 },
  // FAAD2 decodes a bare ADTS stream at ≤ 24 kHz at twice the rate (it allows for implicit SBR):
  // the same 440 Hz second, at 44100 Hz.
  { file: "tone.aac", format: "aac", sr: 44100, durationTolerance: 0.1 },
];

for (const c of CASES) {
  test(`${c.file}: sniffed as ${c.format}, decoded to 1 s of 440 Hz at amplitude 0.5`, async () => {
    const bytes = fs.readFileSync(fixture(c.file));
    assert.equal(sniffFormat(bytes), c.format);
    const { channels, sr, format } = await decodeAudio(bytes, c.file);
    assert.equal(format, c.format);
    assert.equal(sr, c.sr);
    assert.equal(channels.length, 1, "a mono file decodes to one channel");
    const seconds = channels[0].length / sr;
    assert.ok(Math.abs(seconds - 1) <= c.durationTolerance + 1e-9, `${seconds} s, expected 1 s ± ${c.durationTolerance}`);
    const f = frequency(channels[0], sr);
    assert.ok(Math.abs(f - 440) < 1, `${f} Hz`);
    const level = rms(channels[0]);
    assert.ok(Math.abs(level - 0.5 / Math.SQRT2) < 0.04, `rms ${level}`);
  });
}

test("the format comes from the bytes: an MP3 named .wav still decodes as MP3", async () => {
  const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ser-decode-")), "really-an-mp3.wav");
  fs.copyFileSync(fixture("tone.mp3"), tmp);
  const r = await loadAsync(tmp, { sr: null });
  assert.equal(r.format, "mp3");
  assert.equal(r.sr, 22050);
  fs.rmSync(path.dirname(tmp), { recursive: true });
});

test("loadAsync keeps librosa.load's semantics: the same result as load() on the decoded audio as WAV", async () => {
  const native = await loadAsync(fixture("tone.m4a"), { sr: null });
  assert.equal(native.fileDuration, native.y.length / native.sr);
  const wav = encodeWav(native.y, native.sr, { bitDepth: "32f" });
  for (const options of [{}, { sr: 16000, offset: 0.25, duration: 0.5 }, { sr: null, offset: 0.1 }]) {
    const a = await loadAsync(fixture("tone.m4a"), options);
    const b = loadBytes(wav, options);
    assert.equal(a.sr, b.sr);
    assert.deepEqual(a.y, b.y, JSON.stringify(options));
  }
});

test("stereo FLAC: mono: false keeps both channels (440 Hz left, 660 Hz right); mono averages them", async () => {
  const st = await loadAsync(fixture("stereo.flac"), { sr: null, mono: false });
  assert.equal(st.y.length, 2);
  assert.equal(st.y[0].length, 4000);
  assert.ok(Math.abs(frequency(st.y[0], st.sr) - 440) < 1);
  assert.ok(Math.abs(frequency(st.y[1], st.sr) - 660) < 1);
  const mono = await loadAsync(fixture("stereo.flac"), { sr: null });
  for (const i of [100, 1234, 3999]) assert.ok(Math.abs(mono.y[i] - (st.y[0][i] + st.y[1][i]) / 2) < 1e-7);
});

test("a format we do not decode names the file, the format found, and what to do", async () => {
  const aiff = new Uint8Array(64);
  aiff.set(
    [..."FORM"].map((ch) => ch.charCodeAt(0)),
    0,
  );
  aiff.set(
    [..."AIFF"].map((ch) => ch.charCodeAt(0)),
    8,
  );
  await assert.rejects(loadBytesAsync(aiff, { name: "song.aiff" }), (err: Error) => {
    assert.ok(err instanceof FileError);
    assert.match(
      err.message,
      /^song\.aiff: it is an AIFF file, which cannot be decoded \(readable: WAV, MP3.*\); convert it first, e\.g\. `ffmpeg -i "song\.aiff" out\.wav`/,
    );
    return true;
  });
  await assert.rejects(loadBytesAsync(new TextEncoder().encode("just some notes\n"), { name: "notes.mp3" }), /notes\.mp3: it is text \(not audio\)/);
});

test("a damaged file names the file, the format and the decoder", async () => {
  const bytes = fs.readFileSync(fixture("tone.m4a")).subarray(0, 600);
  await assert.rejects(decodeAudio(bytes, "cut.m4a"), /^FileError: cut\.m4a: .*MP4\/M4A/);
  const ogg = new Uint8Array(fs.readFileSync(fixture("tone.ogg")));
  ogg.fill(0, 200);
  await assert.rejects(decodeAudio(ogg, "zeros.ogg"), /zeros\.ogg: .*Ogg Vorbis/);
});

test("load() (synchronous, WAV only) points a compressed file to loadAsync", () => {
  assert.throws(() => load(fixture("tone.flac")), /tone\.flac: it is a FLAC file: load\(\) reads WAV only .*await loadAsync\(path\)/);
  assert.throws(() => load(fixture("missing.mp3")), /missing\.mp3: no such file/);
});
