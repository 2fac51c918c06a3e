import { test } from "node:test";
import assert from "node:assert/strict";
import { stft, istft, stftFrames, stftBlocks, resolveStftOptions, OverlapAdd, type StftOptions } from "../../src/dsp/stft";
import { realFft } from "../../src/dsp/rfft";
import { pad } from "../../src/dsp/pad";
import { getWindow } from "../../src/dsp/window";
import { spectrogram, asSpectrogram } from "../../src/dsp/spectrogram";
import { spectra } from "../../src/dsp/spectra";
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
    for (const b of c.bins)
      for (let t = 0; t < D.cols; t++) {
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

/** The STFT the slow way: pad the whole signal, window each frame, rfft, round to float32. */
function naiveStft(y: Float32Array, opts: StftOptions): { re: Float32Array; im: Float32Array; rows: number; cols: number } {
  const o = resolveStftOptions(opts);
  const half = Math.floor(o.nFft / 2);
  const yp = o.center ? pad(y, half, half, o.padMode) : y;
  const cols = 1 + Math.floor((yp.length - o.nFft) / o.hopLength);
  const rows = half + 1;
  const w = getWindow(o.window, o.nFft);
  const re = new Float32Array(rows * cols);
  const im = new Float32Array(rows * cols);
  const fr = new Float64Array(rows);
  const fi = new Float64Array(rows);
  for (let t = 0; t < cols; t++) {
    const frame = Float64Array.from({ length: o.nFft }, (_, i) => w[i] * yp[t * o.hopLength + i]);
    realFft(o.nFft).forward(frame, fr, fi);
    for (let k = 0; k < rows; k++) {
      re[k * cols + t] = fr[k];
      im[k * cols + t] = fi[k];
    }
  }
  return { re, im, rows, cols };
}

for (const opts of [
  { nFft: 512, hopLength: 128 },
  { nFft: 512, hopLength: 100, padMode: "reflect" as const },
  { nFft: 256, hopLength: 64, padMode: "edge" as const },
  { nFft: 256, hopLength: 80, padMode: "symmetric" as const },
  { nFft: 512, hopLength: 128, center: false },
  { nFft: 2048, hopLength: 512, padMode: "reflect" as const },
  { nFft: 100, hopLength: 30 },
]) {
  test(`stft and stftBlocks equal the frame-by-frame STFT (padded edges read from short copies): ${JSON.stringify(opts)}`, () => {
    for (const n of [3000, 700]) {
      if (opts.center === false && n < opts.nFft) continue;
      const y = noise(n, n + opts.nFft);
      const ref = naiveStft(y, opts);
      const D = stft(y, opts);
      assert.deepEqual([D.rows, D.cols], [ref.rows, ref.cols]);
      assert.deepEqual(Array.from(D.re), Array.from(ref.re), `re, n=${n}`);
      assert.deepEqual(Array.from(D.im), Array.from(ref.im), `im, n=${n}`);
      // blocks: frame-major with the advertised stride; maxFrames stops early
      const F = stftBlocks(y, resolveStftOptions(opts), 19);
      assert.equal(F.cols, Math.min(19, ref.cols));
      assert.ok(F.stride >= F.rows);
      let seen = 0;
      F.forEachBlock((re, im, t0, count) => {
        assert.equal(t0, seen);
        for (let b = 0; b < count; b++) {
          for (let k = 0; k < F.rows; k += 7) {
            assert.equal(re[b * F.stride + k], ref.re[k * ref.cols + t0 + b]);
            assert.equal(im[b * F.stride + k], ref.im[k * ref.cols + t0 + b]);
          }
        }
        seen += count;
      });
      assert.equal(seen, F.cols);
    }
  });
}

test("OverlapAdd: frames added in any order give istft's signal", () => {
  const y = SIGNALS.chirp();
  const opts = { nFft: 1024, hopLength: 256 };
  const D = stft(y, opts);
  const ref = istft(D, { ...opts, length: y.length });
  const ola = new OverlapAdd(resolveStftOptions(opts), D.cols);
  const fr = new Float32Array(D.rows);
  const fi = new Float32Array(D.rows);
  for (let t = D.cols - 1; t >= 0; t--) {
    for (let k = 0; k < D.rows; k++) {
      fr[k] = D.re[k * D.cols + t];
      fi[k] = D.im[k * D.cols + t];
    }
    ola.add(t, fr, fi);
  }
  const got = ola.finish(y.length);
  // float64 sums in a different order: equal to float32 rounding
  expectClose(got, ref, { atol: 1e-7 });
});

test("magnitudeToPower takes numpy's complex64 |z| (cabs32): spectrogram() equals spectra() bit for bit", () => {
  const y = noise(5000, 9);
  const S1 = spectrogram(y, { nFft: 512, power: 1 });
  const S2 = spectrogram(y, { nFft: 512, power: 2 });
  const s = spectra(y, { nFft: 512 });
  assert.deepEqual(Array.from(S1.data), Array.from(s.magnitude.data));
  assert.deepEqual(Array.from(S2.data), Array.from(s.power.data));
});
