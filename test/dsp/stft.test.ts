import { test } from "node:test";
import assert from "node:assert/strict";
import { stft, istft, stftFrames } from "../../src/dsp/stft";
import { spectrogram, asSpectrogram } from "../../src/dsp/spectrogram";
import { fftFrequencies, melFrequencies, cqtFrequencies, hzToMel, melToHz } from "../../src/dsp/convert";
import { SIGNALS, noise, sine } from "../helpers/signals";
import { expectClose, loadFixture } from "../helpers/fixtures";

function camel(opts: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(opts).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), v]));
}

function signal(name: string): Float32Array {
  return name === "noise3000" ? noise(3000, 7) : SIGNALS[name]();
}

const stftCases = loadFixture("dsp/stft").cases;
for (const c of stftCases) {
  test(`stft matches librosa: ${c.call} on ${c.signal}`, () => {
    const D = stft(signal(c.signal), camel(c.options));
    assert.deepEqual([D.rows, D.cols], c.shape);
    const re: number[] = [];
    const im: number[] = [];
    for (const b of c.bins) for (let t = 0; t < D.cols; t++) {
      re.push(D.re[b * D.cols + t]);
      im.push(D.im[b * D.cols + t]);
    }
    // float32 storage: errors relative to the spectrum's scale
    const scale = Math.max(...c.re.map(Math.abs), ...c.im.map(Math.abs));
    expectClose(re, c.re, { atol: 2e-6 * scale, label: "re" });
    expectClose(im, c.im, { atol: 2e-6 * scale, label: "im" });
  });
}

for (const c of loadFixture("dsp/istft").cases) {
  test(`istft matches librosa on a modified ${c.signal} spectrum (length ${c.length})`, () => {
    const opts = camel(c.options);
    const D = stft(SIGNALS[c.signal](), opts);
    const re = new Float32Array(D.re.length);
    const im = new Float32Array(D.im.length);
    const cr = Math.cos(0.3);
    const ci = Math.sin(0.3);
    for (let k = 0; k < D.rows; k++) {
      const g = k % 3 === 0 ? 0.5 : 1;
      for (let t = 0; t < D.cols; t++) {
        const i = k * D.cols + t;
        re[i] = Math.fround(g * (D.re[i] * cr - D.im[i] * ci));
        im[i] = Math.fround(g * (D.re[i] * ci + D.im[i] * cr));
      }
    }
    const y = istft({ re, im, rows: D.rows, cols: D.cols }, { ...opts, length: c.length ?? undefined });
    assert.equal(y.length, c.n);
    expectClose(y.subarray(0, 300), c.head, { atol: 1e-5, label: "head" });
    const m = Math.floor(y.length / 2);
    expectClose(y.subarray(m, m + 300), c.mid, { atol: 1e-5, label: "mid" });
    expectClose(y.subarray(y.length - 300), c.tail, { atol: 1e-5, label: "tail" });
  });
}

test("istft(stft(y)) reconstructs y", () => {
  const y = SIGNALS.chirp();
  const y2 = istft(stft(y, { nFft: 1024, hopLength: 256 }), { hopLength: 256, length: y.length });
  expectClose(y2, y, { atol: 1e-5 });
});

test("stft frame count is 1 + floor(n / hop) when centred", () => {
  assert.equal(stftFrames(22050, { hopLength: 512 }), 1 + Math.floor(22050 / 512));
  assert.equal(stft(sine(440, 22050, 0.5), { hopLength: 512 }).cols, 1 + Math.floor(11025 / 512));
});

test("a power spectrogram peaks at the tone's bin and carries power and nFft", () => {
  const S = spectrogram(sine(1000, 22050, 1), { power: 2, nFft: 2048, hopLength: 512 });
  assert.equal(S.power, 2);
  assert.equal(S.nFft, 2048);
  const t = 10;
  let best = 0;
  for (let k = 1; k < S.rows; k++) if (S.data[k * S.cols + t] > S.data[best * S.cols + t]) best = k;
  assert.equal(best, Math.round((1000 * 2048) / 22050));
  assert.throws(() => asSpectrogram(S, { power: 1 }), /S has power=2, but this feature needs power=1/);
});

test("stft rejects bad input with named errors", () => {
  assert.throws(() => stft(new Float32Array(0)), /y is empty/);
  assert.throws(() => stft(Float32Array.of(1, NaN, 0)), /y\[1\]=NaN/);
  assert.throws(() => stft(new Float32Array(100), { hopLength: 0 }), /hopLength=0 must be a positive integer/);
  assert.throws(() => stft(new Float32Array(100), { nFft: 256, center: false }), /nFft=256 is too large/);
  assert.throws(() => stft(new Float32Array(100), { nFft: 256, winLength: 512 }), /winLength=512 must be ≤ nFft=256/);
});

const freqs = loadFixture("dsp/frequencies");
test("fftFrequencies, melFrequencies (Slaney and HTK), cqtFrequencies equal librosa", () => {
  expectClose(fftFrequencies(22050, 2048), freqs.fft_frequencies.values, { atol: 1e-9 });
  expectClose(melFrequencies(128, 0, 11025), freqs.mel_frequencies.values, { rtol: 1e-12, atol: 1e-9 });
  expectClose(melFrequencies(40, 20, 8000, true), freqs.mel_frequencies_htk.values, { rtol: 1e-12, atol: 1e-9 });
  expectClose(cqtFrequencies(84, 32.70319566257483, 12), freqs.cqt_frequencies.values, { rtol: 1e-12 });
  for (const f of [0, 440, 1000, 5000]) {
    assert.ok(Math.abs(melToHz(hzToMel(f)) - f) < 1e-9);
    assert.ok(Math.abs(melToHz(hzToMel(f, true), true) - f) < 1e-9);
  }
});
