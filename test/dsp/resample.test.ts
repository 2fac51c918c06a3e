import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { resample, soxrResample, type ResType } from "../../src/dsp/resample";
import { soxrPlan } from "../../src/dsp/soxr-plan";
import { ParameterError } from "../../src/util/errors";
import { snrDb } from "../audio/helpers";

interface InputSpec {
  signal: "sine" | "chirp" | "noise";
  sr: number;
  n: number;
  amp: number;
  freq?: number;
  f0?: number;
  f1?: number;
  seed?: number;
}
interface Case {
  name: string;
  input: InputSpec;
  orig_sr: number;
  target_sr: number;
  res_type: ResType;
  scale: boolean;
  input_check: { sum: number; first: number[]; last: number };
  length: number;
  soxr_length: number;
  stats: { sum: number; sumsq: number; maxabs: number };
  head: string;
  mid_start: number;
  mid: string;
  stride: number;
  strided: string;
}
const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, "../fixtures/resample/resample.json"), "utf8")) as {
  versions: Record<string, string>;
  cases: Case[];
};

function f32(b64: string): Float32Array {
  const buf = Buffer.from(b64, "base64");
  return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
}

/** Regenerates a fixture input exactly as make_resample.py does. */
function gen(s: InputSpec): Float32Array {
  const x = new Float32Array(s.n);
  if (s.signal === "noise") {
    let state = (s.seed as number) >>> 0;
    for (let i = 0; i < s.n; i++) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      x[i] = s.amp * ((2 * state) / 4294967296 - 1);
    }
    return x;
  }
  const T = s.n / s.sr;
  for (let i = 0; i < s.n; i++) {
    const t = i / s.sr;
    x[i] =
      s.signal === "sine"
        ? s.amp * Math.sin(2 * Math.PI * (s.freq as number) * t)
        : s.amp * Math.sin(2 * Math.PI * ((s.f0 as number) * t + (((s.f1 as number) - (s.f0 as number)) / (2 * T)) * t * t));
  }
  return x;
}

/** Our samples at the fixture's stored positions (head, middle, every stride-th), and the reference ones. */
function compared(y: Float32Array, c: Case): { ours: number[]; ref: number[] } {
  const head = f32(c.head);
  const mid = f32(c.mid);
  const strided = f32(c.strided);
  const ours: number[] = [];
  const ref: number[] = [];
  head.forEach((v, i) => (ours.push(y[i]), ref.push(v)));
  mid.forEach((v, i) => (ours.push(y[c.mid_start + i]), ref.push(v)));
  strided.forEach((v, i) => (ours.push(y[i * c.stride]), ref.push(v)));
  return { ours, ref };
}

/** SNR floors we assert (measured values are reported as diagnostics; see the report). */
const FLOOR: Record<ResType, number> = { soxr_hq: 120, soxr_vhq: 140, soxr_mq: 105, soxr_lq: 100, soxr_qq: 130 };

for (const c of fixture.cases) {
  test(`matches librosa ${fixture.versions.librosa} / soxr ${fixture.versions.soxr}: ${c.name} (${c.res_type})`, (t) => {
    const x = gen(c.input);
    assert.deepEqual(Array.from(x.subarray(0, 4)), c.input_check.first, "regenerated input differs from the fixture's");
    assert.equal(x[x.length - 1], c.input_check.last);
    let sum = 0;
    for (const v of x) sum += v;
    assert.ok(Math.abs(sum - c.input_check.sum) <= 1e-9 * x.length, `input sum ${sum} vs ${c.input_check.sum}`);

    const y = resample(x, { origSr: c.orig_sr, targetSr: c.target_sr, resType: c.res_type, scale: c.scale });
    assert.equal(y.length, c.length, "length = ceil(n · target/orig), as librosa");
    assert.equal(soxrResample(x, c.orig_sr, c.target_sr, c.res_type).length, c.soxr_length, "soxr's own output length");

    const { ours, ref } = compared(y, c);
    const snr = snrDb(ours, ref);
    let s = 0;
    let ss = 0;
    let maxabs = 0;
    for (const v of y) {
      s += v;
      ss += v * v;
      maxabs = Math.max(maxabs, Math.abs(v));
    }
    t.diagnostic(`${c.name}: SNR ${snr.toFixed(1)} dB over ${ref.length} samples; energy ratio − 1 = ${(ss / c.stats.sumsq - 1).toExponential(2)}`);
    assert.ok(snr >= FLOOR[c.res_type], `SNR ${snr.toFixed(1)} dB < ${FLOOR[c.res_type]} dB`);
    assert.ok(Math.abs(ss / c.stats.sumsq - 1) < 1e-5, `energy ${ss} vs ${c.stats.sumsq}`);
    assert.ok(Math.abs(maxabs - c.stats.maxabs) < 1e-5, `max |y| ${maxabs} vs ${c.stats.maxabs}`);
    assert.ok(Math.abs(s - c.stats.sum) < 1e-4 * Math.sqrt(y.length), `sum ${s} vs ${c.stats.sum}`);
  });
}

/** Amplitude of the `freq` Hz component of y[from, to) by least squares on sin/cos, and the residual RMS. */
function toneFit(y: Float32Array, sr: number, freq: number, from: number, to: number): { amp: number; residual: number } {
  let ss = 0;
  let cc = 0;
  let sc = 0;
  let ys = 0;
  let yc = 0;
  for (let i = from; i < to; i++) {
    const w = (2 * Math.PI * freq * i) / sr;
    const s = Math.sin(w);
    const c = Math.cos(w);
    ss += s * s;
    cc += c * c;
    sc += s * c;
    ys += y[i] * s;
    yc += y[i] * c;
  }
  const det = ss * cc - sc * sc;
  const a = (ys * cc - yc * sc) / det;
  const b = (yc * ss - ys * sc) / det;
  let r = 0;
  for (let i = from; i < to; i++) {
    const w = (2 * Math.PI * freq * i) / sr;
    const e = y[i] - a * Math.sin(w) - b * Math.cos(w);
    r += e * e;
  }
  return { amp: Math.hypot(a, b), residual: Math.sqrt(r / (to - from)) };
}

function tone(freq: number, sr: number, n: number, amp = 0.5): Float32Array {
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = amp * Math.sin((2 * Math.PI * freq * i) / sr);
  return x;
}

test("a tone in the pass-band keeps its frequency and amplitude within soxr_hq's 0.01 dB roll-off (48 kHz → 22.05 kHz)", (t) => {
  // soxr_hq's pass-band ends at 0.9137 of the output Nyquist (10074 Hz here), where it is 0.01 dB down.
  for (const f of [100, 1000, 5000, 9000, 10000]) {
    const y = resample(tone(f, 48000, 48000), { origSr: 48000, targetSr: 22050 });
    const { amp, residual } = toneFit(y, 22050, f, 2000, 20000);
    t.diagnostic(`${f} Hz: gain ${(20 * Math.log10(amp / 0.5)).toFixed(6)} dB, residual ${residual.toExponential(2)}`);
    assert.ok(Math.abs(20 * Math.log10(amp / 0.5)) <= 0.01, `${f} Hz: gain ${amp / 0.5}`);
    if (f <= 5000) assert.ok(Math.abs(amp / 0.5 - 1) < 1e-5, `${f} Hz: gain ${amp / 0.5}`);
    assert.ok(residual < 1e-5, `${f} Hz: residual ${residual} — energy at other frequencies`);
  }
});

test("a tone above the new Nyquist is removed by at least the designed 120 dB (soxr_hq: 20-bit)", (t) => {
  const plan = soxrPlan(48000 / 22050, "soxr_hq");
  assert.ok(plan.att > 126, `designed attenuation ${plan.att}`);
  for (const f of [11500, 12000, 15000, 20000, 23000]) {
    const y = resample(tone(f, 48000, 48000), { origSr: 48000, targetSr: 22050 });
    let e = 0;
    for (let i = 2000; i < 20000; i++) e += y[i] * y[i];
    const rms = Math.sqrt(e / 18000);
    const attDb = 20 * Math.log10(0.5 / Math.SQRT2 / rms);
    t.diagnostic(`${f} Hz: attenuated by ${attDb.toFixed(1)} dB`);
    assert.ok(attDb >= 120, `${f} Hz only attenuated by ${attDb} dB`);
  }
});

test("an irrational ratio (pitch shift by 2 semitones) keeps a tone's frequency in Hz", () => {
  const sr = 22050;
  const orig = sr / 2 ** (-2 / 12);
  const y = resample(tone(440, orig, 30000), { origSr: orig, targetSr: sr });
  assert.equal(y.length, Math.ceil(30000 * (sr / orig)));
  const { amp, residual } = toneFit(y, sr, 440, 1000, y.length - 1000);
  assert.ok(Math.abs(amp / 0.5 - 1) < 1e-4, `gain ${amp / 0.5}`);
  assert.ok(residual < 1e-5, `residual ${residual}`);
});

test("down then up by 2 restores a low-frequency signal (round trip)", () => {
  const x = tone(1234, 22050, 22050, 0.4);
  const back = resample(resample(x, { origSr: 22050, targetSr: 11025 }), { origSr: 11025, targetSr: 22050 });
  assert.equal(back.length, x.length);
  const mid = (a: Float32Array) => Array.from(a.subarray(1000, 21000));
  assert.ok(snrDb(mid(back), mid(x)) > 100, `round-trip SNR ${snrDb(mid(back), mid(x))}`);
});

test("scale divides by sqrt(target/orig); fix=false gives soxr's round(n · target/orig) samples", () => {
  const x = tone(700, 22050, 1001);
  const plain = resample(x, { origSr: 22050, targetSr: 11025 });
  const scaled = resample(x, { origSr: 22050, targetSr: 11025, scale: true });
  for (let i = 0; i < plain.length; i++) assert.equal(scaled[i], Math.fround(plain[i] / Math.sqrt(0.5)));
  assert.equal(plain.length, 501); // ceil(1001 / 2)
  assert.equal(resample(x, { origSr: 22050, targetSr: 11025, fix: false }).length, 501); // floor(500.5 + 0.5)
  assert.equal(resample(tone(700, 48000, 1000), { origSr: 48000, targetSr: 22050, fix: false }).length, Math.floor((1000 * 22050) / 48000 + 0.5));
});

test("identity when origSr === targetSr (the same array, as librosa)", () => {
  const x = tone(440, 22050, 100);
  assert.equal(resample(x, { origSr: 22050, targetSr: 22050 }), x);
});

test("is linear: resample(a·x + b·z) = a·resample(x) + b·resample(z) to float32 rounding", () => {
  const x = tone(300, 48000, 4800);
  const z = tone(7000, 48000, 4800, 0.2);
  const xz = x.map((v, i) => 0.5 * v - 2 * z[i]);
  const rx = resample(x, { origSr: 48000, targetSr: 22050 });
  const rz = resample(z, { origSr: 48000, targetSr: 22050 });
  const rxz = resample(xz, { origSr: 48000, targetSr: 22050 });
  const expected = Array.from(rx, (v, i) => 0.5 * v - 2 * rz[i]);
  assert.ok(snrDb(Array.from(rxz), expected) > 120);
});

test("rejects bad arguments with a ParameterError naming them", () => {
  const x = tone(440, 22050, 100);
  for (const sr of [0, -22050, NaN, Infinity]) {
    assert.throws(
      () => resample(x, { origSr: sr, targetSr: 22050 }),
      (e: unknown) => e instanceof ParameterError && /origSr=/.test(e.message),
    );
    assert.throws(
      () => resample(x, { origSr: 22050, targetSr: sr }),
      (e: unknown) => e instanceof ParameterError && /targetSr=/.test(e.message),
    );
  }
  assert.throws(
    () => resample(new Float32Array(0), { origSr: 22050, targetSr: 16000 }),
    (e: unknown) => e instanceof ParameterError && /empty/.test(e.message),
  );
  assert.throws(
    () => resample(Float32Array.from([0, NaN]), { origSr: 22050, targetSr: 16000 }),
    (e: unknown) => e instanceof ParameterError && /y\[1\]/.test(e.message),
  );
  assert.throws(() => resample(x, { origSr: 22050, targetSr: 16000, resType: "kaiser_best" as ResType }), /resType="kaiser_best"/);
  assert.throws(() => resample([0.1, 0.2] as unknown as Float32Array, { origSr: 22050, targetSr: 16000 }), ParameterError);
});

test("pitch-shift ratios: the last samples are right whatever the output count (the poly stages' last pass)", () => {
  // The poly stages compute 2 or 4 outputs per pass and, when the count is not a multiple, repeat
  // the last output. The input is zero past its end, so padding it with zeros must leave every
  // sample unchanged (up to rounding: the FFT stage's blocks see different data) — in particular
  // the last ones, which the longer run computes in the middle of a pass.
  for (const steps of [0.7, -2, 3, -0.3]) {
    const orig = 22050 / 2 ** (-steps / 12);
    for (let n = 3001; n <= 3008; n++) {
      const x = new Float32Array(n + 1000);
      for (let i = 0; i < n; i++) x[i] = Math.sin(0.031 * i) + 0.3 * Math.sin(0.47 * i + 1);
      const short = soxrResample(x.subarray(0, n), orig, 22050);
      const long = soxrResample(x, orig, 22050);
      let worst = 0;
      for (let i = 0; i < short.length; i++) worst = Math.max(worst, Math.abs(short[i] - long[i]));
      assert.ok(worst < 1e-6, `steps ${steps}, n ${n}: max difference ${worst}`);
    }
  }
});

test("very short inputs give librosa's lengths", () => {
  for (const n of [1, 2, 3, 7]) {
    const y = resample(tone(440, 48000, n), { origSr: 48000, targetSr: 22050 });
    assert.equal(y.length, Math.ceil((n * 22050) / 48000));
  }
});
