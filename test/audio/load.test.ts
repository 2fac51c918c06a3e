import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadBytes, type LoadOptions } from "../../src/audio/load";
import { load } from "../../src/audio/load-file";
import { decodeWav } from "../../src/audio/wav";
import { FileError, ParameterError } from "../../src/util/errors";
import { buildWav, f32, lcgInt16, projectionSigns, ravdessClip, snrDb } from "./helpers";

const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, "../fixtures/load/load.json"), "utf8"));
const syn = fixture.synthetic;

/** The 48 kHz stereo 16-bit file of make_load.py, rebuilt byte for byte. */
function syntheticWav(): Uint8Array {
  const left = lcgInt16(syn.n, syn.seed_left);
  const right = lcgInt16(syn.n, syn.seed_right).map((v) => Math.floor(v / syn.right_divisor));
  const inter = new Int16Array(2 * syn.n);
  for (let i = 0; i < syn.n; i++) {
    inter[2 * i] = left[i];
    inter[2 * i + 1] = right[i];
  }
  return buildWav({ channels: 2, sr: syn.sr, data: inter });
}

const toOptions = (o: { sr: number | null; offset?: number; duration?: number }): LoadOptions & { mono: true } => ({
  sr: o.sr,
  mono: true,
  offset: o.offset ?? 0,
  duration: o.duration ?? null,
});

test("the synthetic stereo file is rebuilt byte for byte", () => {
  assert.equal(createHash("sha256").update(syntheticWav()).digest("hex"), syn.wav_sha256);
});

for (const c of syn.cases) {
  test(`loadBytes matches librosa.load(${JSON.stringify(c.options)}) on a 48 kHz stereo file`, (t) => {
    const { y, sr } = loadBytes(syntheticWav(), toOptions(c.options));
    assert.equal(sr, c.sr);
    assert.equal(y.length, c.length);
    const head = f32(c.head);
    const mid = f32(c.mid);
    const ours = [...y.subarray(0, head.length), ...y.subarray(c.mid_start, c.mid_start + mid.length)];
    const ref = [...head, ...mid];
    const snr = snrDb(ours, ref);
    t.diagnostic(`SNR ${snr.toFixed(1)} dB over ${ref.length} samples`);
    if (c.options.sr === null) assert.deepEqual(ours, ref, "no resampling: offset, duration and the channel mean are exact");
    else assert.ok(snr >= 120, `SNR ${snr}`);
    let ss = 0;
    for (const v of y) ss += v * v;
    assert.ok(Math.abs(ss / c.sumsq - 1) < 1e-5, `energy ${ss} vs ${c.sumsq}`);
  });
}

for (const clip of fixture.ravdess as { archive_path: string; sr: number; length: number; rms: number; maxabs: number; sum: number; projections: number[] }[]) {
  test(`load matches librosa.load(sr=22050) on RAVDESS ${clip.archive_path}`, async (t) => {
    const got = await ravdessClip(clip.archive_path);
    const { y, sr } = loadBytes(got.bytes, { name: got.source });
    assert.equal(sr, 22050);
    assert.equal(y.length, clip.length);
    let ss = 0;
    let s = 0;
    let mx = 0;
    for (const v of y) {
      ss += v * v;
      s += v;
      mx = Math.max(mx, Math.abs(v));
    }
    const rms = Math.sqrt(ss / y.length);
    // SNR from random projections (no samples of the recording are stored in the fixture).
    let num = 0;
    let den = 0;
    clip.projections.forEach((p, k) => {
      const sg = projectionSigns(k, y.length);
      let q = 0;
      for (let i = 0; i < y.length; i++) q += sg[i] * y[i];
      num += p * p;
      den += (q - p) * (q - p);
    });
    const snr = 10 * Math.log10(num / den);
    t.diagnostic(
      `${clip.archive_path}: ${y.length} samples, RMS ${rms.toPrecision(7)} vs ${clip.rms.toPrecision(7)}, SNR ≈ ${snr.toFixed(1)} dB (from ${clip.projections.length} projections)`,
    );
    assert.ok(Math.abs(rms / clip.rms - 1) < 1e-6, `RMS ${rms} vs ${clip.rms}`);
    assert.ok(Math.abs(mx - clip.maxabs) < 1e-6, `max |y| ${mx} vs ${clip.maxabs}`);
    assert.ok(Math.abs(s - clip.sum) < 1e-4, `sum ${s} vs ${clip.sum}`);
    assert.ok(snr >= 110, `SNR ${snr}`);
  });
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ser-load-test-"));
process.on("exit", () => fs.rmSync(tmp, { recursive: true, force: true }));

test("load(path) equals loadBytes(bytes); mono: false returns [channels][n], each resampled", () => {
  const bytes = syntheticWav();
  const p = path.join(tmp, "stereo.wav");
  fs.writeFileSync(p, bytes);
  const a = load(p, { offset: 0.1, duration: 0.3 });
  const b = loadBytes(bytes, { offset: 0.1, duration: 0.3 });
  assert.deepEqual(a, b);
  const multi = load(p, { mono: false, sr: null, duration: 0.001 });
  assert.equal(multi.sr, 48000);
  assert.equal(multi.y.length, 2);
  const wav = decodeWav(bytes);
  assert.deepEqual(multi.y[0], wav.samples[0].slice(0, 48));
  assert.deepEqual(multi.y[1], wav.samples[1].slice(0, 48));
  const multi22 = load(p, { mono: false });
  assert.equal(multi22.y.length, 2);
  assert.equal(multi22.y[1].length, Math.ceil((syn.n * 22050) / 48000));
});

test("defaults are librosa's: sr 22050, mono, soxr_hq; sr: null keeps the native rate", () => {
  const bytes = syntheticWav();
  assert.equal(loadBytes(bytes).sr, 22050);
  const native = loadBytes(bytes, { sr: null });
  assert.equal(native.sr, 48000);
  assert.equal(native.y.length, syn.n);
  const again = loadBytes(bytes, { sr: 48000 });
  assert.deepEqual(again, native);
});

test("offset at or beyond the end is a FileError naming the file", () => {
  const p = path.join(tmp, "short.wav");
  fs.writeFileSync(p, buildWav({ channels: 1, sr: 8000, data: new Int16Array(8000) }));
  assert.throws(
    () => load(p, { offset: 1 }),
    (e: unknown) =>
      e instanceof FileError && e.path === p && /offset=1 s .* beyond the end of the audio \(8000 samples = 1\.000 s at 8000 Hz\)/.test(e.message),
  );
  assert.equal(load(p, { offset: 0.999, sr: null }).y.length, 8);
});

test("file problems surface as FileErrors from load", () => {
  const missing = path.join(tmp, "missing.wav");
  assert.throws(
    () => load(missing),
    (e: unknown) => e instanceof FileError && e.path === missing && /no such file/.test(e.message),
  );
  assert.throws(
    () => loadBytes(new Uint8Array(0), { name: "clip.wav" }),
    (e: unknown) => e instanceof FileError && e.path === "clip.wav",
  );
});

test("bad options are ParameterErrors naming the option", () => {
  const bytes = syntheticWav();
  assert.throws(
    () => loadBytes(bytes, { sr: 0 }),
    (e: unknown) => e instanceof ParameterError && /sr=0/.test(e.message),
  );
  assert.throws(
    () => loadBytes(bytes, { offset: -1 }),
    (e: unknown) => e instanceof ParameterError && /offset=-1/.test(e.message),
  );
  assert.throws(
    () => loadBytes(bytes, { duration: 0 }),
    (e: unknown) => e instanceof ParameterError && /duration=0/.test(e.message),
  );
  assert.throws(
    () => loadBytes(bytes, { resType: "fft" as never }),
    (e: unknown) => e instanceof ParameterError && /resType="fft"/.test(e.message),
  );
  assert.throws(
    () => load("/does/not/matter.wav", { sr: NaN }),
    (e: unknown) => e instanceof ParameterError && /sr=NaN/.test(e.message),
  );
});

for (const f of fixture.formats as { subtype: string; format: string; channels: number; bytes: string; mono: string }[]) {
  test(`loadBytes(sr: null) of ${f.format} ${f.subtype} × ${f.channels} equals librosa.load(sr=None, mono=True) exactly`, () => {
    const { y } = loadBytes(Buffer.from(f.bytes, "base64"), { sr: null });
    assert.deepEqual(Array.from(y), Array.from(f32(f.mono)));
  });
}
