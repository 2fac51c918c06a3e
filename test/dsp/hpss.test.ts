import { test } from "node:test";
import assert from "node:assert/strict";
import { medianFilter } from "../../src/dsp/median-filter";
import { softmask } from "../../src/dsp/softmask";
import { hpss, harmonicOf, type HpssOptions } from "../../src/dsp/hpss";
import { harmonic, percussive, hpssAudio } from "../../src/dsp/hpss-audio";
import { stft } from "../../src/dsp/stft";
import { magnitudeToPower } from "../../src/dsp/spectrogram";
import { ParameterError } from "../../src/util/errors";
import { SIGNALS, noise, sine } from "../helpers/signals";
import { expectClose, loadFixture, snrDb } from "../helpers/fixtures";
import { loadRavdessClip } from "../helpers/ravdess";

const fx = loadFixture("cqt/hpss");

function frameRms(y: Float32Array, n = 2048, hop = 512): Float64Array {
  // librosa.feature.rms with center=True (zero padding)
  const half = n / 2;
  const frames = 1 + Math.floor(y.length / hop);
  const out = new Float64Array(frames);
  for (let t = 0; t < frames; t++) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const j = t * hop + i - half;
      if (j >= 0 && j < y.length) s += y[j] * y[j];
    }
    out[t] = Math.sqrt(s / n);
  }
  return out;
}

test("medianFilter equals scipy.ndimage.median_filter(mode='reflect') exactly", () => {
  const x = noise(1000, 3);
  x.fill(0.125, 5 * 25, 6 * 25);
  const M = { data: x, rows: 40, cols: 25 };
  for (const [key, indices] of Object.entries<number[]>(fx.median_filter.cases)) {
    const [a, b] = key.split("x").map(Number);
    const out = medianFilter(M, { size: [a, b] });
    // the fixture stores, for each output, the index of the input element scipy returned
    assert.deepEqual(
      Array.from(out.data),
      indices.map((i) => x[i]),
      `size ${key}`,
    );
  }
});

test("medianFilter rejects two-dimensional kernels and bad sizes, naming them", () => {
  const M = { data: new Float32Array(6), rows: 2, cols: 3 };
  assert.throws(
    () => medianFilter(M, { size: [3, 3] }),
    (e: Error) => e instanceof ParameterError && /size=\[3, 3\]/.test(e.message),
  );
  assert.throws(() => medianFilter(M, { size: [0, 3] }), /size\[0\]=0 must be a positive integer/);
});

test("softmask: X^p / (X^p + Xref^p), zeros split or not", () => {
  const X = { data: Float32Array.of(1, 0, 3, 0), rows: 2, cols: 2 };
  const R = { data: Float32Array.of(1, 2, 1, 0), rows: 2, cols: 2 };
  assert.deepEqual(Array.from(softmask(X, R, { power: 2 }).data), [0.5, 0, Math.fround(0.9), 0]);
  assert.equal(softmask(X, R, { power: 2, splitZeros: true }).data[3], 0.5);
  assert.deepEqual(Array.from(softmask(X, R, { power: Infinity }).data), [0, 0, 1, 0]);
  assert.throws(() => softmask(X, R, { power: 0 }), /power=0/);
});

for (const c of fx.decompose) {
  test(`decompose.hpss matches librosa on ${c.signal} with ${JSON.stringify(c.options)}`, () => {
    const D = stft(SIGNALS[c.signal]());
    assert.deepEqual([D.rows, D.cols], c.shape);
    const opts: Omit<HpssOptions, "mask"> = { kernelSize: c.options.kernel_size, margin: c.options.margin, power: c.options.power };
    const masks = hpss(D, { ...opts, mask: true });
    const parts = hpss(D, opts);
    const pick = (m: Float32Array) => c.bins.flatMap((b: number) => Array.from(m.subarray(b * D.cols, (b + 1) * D.cols)));
    const abs = (re: Float32Array, im: Float32Array) => re.map((v, i) => Math.hypot(v, im[i]));
    // masks depend on ratios of medians of |D|: float32 rounding of the STFT moves them slightly
    expectClose(pick(masks.harmonic.data), c.mask_harm, { atol: 2e-4, label: "harmonic mask" });
    expectClose(pick(masks.percussive.data), c.mask_perc, { atol: 2e-4, label: "percussive mask" });
    const scale = Math.max(...c.harm_abs, ...c.perc_abs);
    expectClose(pick(abs(parts.harmonic.re, parts.harmonic.im)), c.harm_abs, { atol: 2e-5 * scale, label: "|H|" });
    expectClose(pick(abs(parts.percussive.re, parts.percussive.im)), c.perc_abs, { atol: 2e-5 * scale, label: "|P|" });
    // magnitude input gives the same parts as the complex input's magnitudes
    const S = magnitudeToPower(D, 1);
    const realParts = hpss(S, opts);
    expectClose(realParts.harmonic.data, abs(parts.harmonic.re, parts.harmonic.im), { atol: 1e-6 * scale, rtol: 2e-7, label: "real vs complex" });
  });
}

for (const c of fx.effects) {
  test(`effects.harmonic/percussive match librosa on ${c.signal}`, () => {
    const y = SIGNALS[c.signal]();
    const yh = harmonic(y);
    assert.equal(yh.length, y.length);
    const m = Math.floor(yh.length / 2);
    const ref = [...c.harm_head, ...c.harm_mid, ...c.harm_tail];
    const got = [...yh.subarray(0, 200), ...yh.subarray(m, m + 200), ...yh.subarray(yh.length - 200)];
    const snr = snrDb(got, ref);
    assert.ok(snr > 80, `harmonic SNR ${snr.toFixed(1)} dB`);
    expectClose(got, ref, { atol: 1e-5, label: "harmonic samples" });
    expectClose(frameRms(yh), c.harm_rms, { atol: 1e-6, rtol: 1e-4, label: "harmonic frame RMS" });
    expectClose(frameRms(percussive(y)), c.perc_rms, { atol: 1e-6, rtol: 1e-4, label: "percussive frame RMS" });
  });
}

test("hpss of a steady tone plus clicks: the tone is harmonic, the clicks percussive", () => {
  const sr = 22050;
  const tone = sine(440, sr, 2, 0.3);
  const clicks = new Float32Array(tone.length);
  for (let i = 2000; i < clicks.length; i += 5000) clicks[i] = 1;
  const y = tone.map((v, i) => v + clicks[i]);
  const { harmonic: h, percussive: p } = hpssAudio(y);
  assert.equal(h.length, y.length);
  assert.equal(p.length, y.length);
  // the harmonic part is close to the tone, the percussive part to the clicks
  assert.ok(snrDb(h.subarray(4096, -4096), tone.subarray(4096, -4096)) > 15, "tone recovered in harmonic part");
  let clickEnergyP = 0;
  let clickEnergyH = 0;
  for (let i = 2000; i < clicks.length; i += 5000) {
    clickEnergyP += p[i] ** 2;
    clickEnergyH += (h[i] - tone[i]) ** 2;
  }
  assert.ok(clickEnergyP > 10 * clickEnergyH, `clicks in the percussive part (${clickEnergyP} vs ${clickEnergyH})`);
});

test("harmonic + percussive ≈ y (soft masks sum to one)", () => {
  const y = SIGNALS.chirp();
  const { harmonic: h, percussive: p } = hpssAudio(y);
  const sum = h.map((v, i) => v + p[i]);
  assert.ok(snrDb(sum, y) > 100);
});

test("hpss rejects margins below 1 and bad kernels, naming them", () => {
  const D = stft(sine());
  assert.throws(
    () => hpss(D, { margin: 0.5 }),
    (e: Error) => e instanceof ParameterError && /margin=0\.5/.test(e.message),
  );
  assert.throws(() => hpss(D, { kernelSize: 0 }), /kernelSize \(harmonic\)=0 must be a positive integer/);
  assert.throws(() => harmonic(new Float32Array(0)), /y is empty/);
});

const real = loadFixture("cqt/ravdess");
for (const c of real.clips) {
  test(`effects.harmonic matches librosa on RAVDESS ${c.clip} (frame RMS)`, async () => {
    const { y, sr } = await loadRavdessClip(c.clip);
    assert.equal(sr, c.sr);
    assert.equal(y.length, c.n);
    const yh = harmonic(y);
    assert.equal(yh.length, y.length);
    let e = 0;
    for (const v of yh) e += v * v;
    assert.ok(Math.abs(e - c.harm_energy) <= 1e-5 * c.harm_energy, `energy ${e} vs ${c.harm_energy}`);
    expectClose(frameRms(yh), c.harm_rms, { atol: 1e-7, rtol: 1e-4, label: "harmonic frame RMS" });
  });
}

/** scipy.ndimage.median_filter(mode="reflect") of one line, the slow way: sort each window. */
function naiveMedian(line: Float32Array, w: number): Float32Array {
  const n = line.length;
  const before = w >> 1;
  const at = (i: number): number => {
    const period = 2 * n;
    let j = ((i % period) + period) % period;
    if (j >= n) j = period - 1 - j;
    return line[j];
  };
  const out = new Float32Array(n);
  for (let c = 0; c < n; c++) {
    const win = Float32Array.from({ length: w }, (_, k) => at(c - before + k)).sort();
    out[c] = win[before];
  }
  return out;
}

test("medianFilter equals a sort-per-window median for odd and even windows, short lines, ties and negative values", () => {
  for (const [rows, cols] of [
    [40, 25],
    [7, 3],
    [1, 50],
    [33, 1],
  ]) {
    const x = noise(rows * cols, rows + cols);
    for (let i = 0; i < x.length; i += 5) x[i] = 0.25; // ties
    for (let i = 0; i < x.length; i += 11) x[i] = -0; // signed zeros equal +0
    const M = { data: x, rows, cols };
    for (const w of [1, 2, 3, 4, 9, 31, 64]) {
      const alongCols = medianFilter(M, { size: [1, w] }).data;
      const alongRows = medianFilter(M, { size: [w, 1] }).data;
      for (let r = 0; r < rows; r++) {
        const ref = naiveMedian(x.slice(r * cols, (r + 1) * cols), w);
        for (let c = 0; c < cols; c++) assert.ok(alongCols[r * cols + c] === ref[c], `[1, ${w}] on ${rows}×${cols} at (${r}, ${c})`);
      }
      for (let c = 0; c < cols; c++) {
        const ref = naiveMedian(
          Float32Array.from({ length: rows }, (_, r) => x[r * cols + c]),
          w,
        );
        for (let r = 0; r < rows; r++) assert.ok(alongRows[r * cols + c] === ref[r], `[${w}, 1] on ${rows}×${cols} at (${r}, ${c})`);
      }
    }
  }
});

test("harmonicOf(D, |D|) equals hpss(D).harmonic", () => {
  const D = stft(SIGNALS.chirp(), { nFft: 512 });
  const mag = magnitudeToPower(D, 1).data;
  for (const opts of [{}, { kernelSize: [17, 9] as const, margin: 2, power: 1 }]) {
    const a = harmonicOf(D, mag, opts);
    const b = hpss(D, opts).harmonic;
    assert.deepEqual(Array.from(a.re), Array.from(b.re));
    assert.deepEqual(Array.from(a.im), Array.from(b.im));
  }
  assert.throws(() => harmonicOf(D, new Float32Array(3)), /mag has 3 values/);
});

test("results never share the scratch pool's memory: a later call leaves an earlier result as it was", () => {
  const M = { data: noise(60 * 40, 12).map(Math.abs), rows: 60, cols: 40 };
  const N = { data: noise(60 * 40, 13).map(Math.abs), rows: 60, cols: 40 };
  const med = medianFilter(M, { size: [9, 1] });
  const medCopy = med.data.slice();
  const masks = hpss(M, { mask: true, margin: 2 });
  const parts = hpss(M, { kernelSize: 7 });
  const copies = [masks.harmonic.data, masks.percussive.data, parts.harmonic.data, parts.percussive.data].map((a) => a.slice());
  medianFilter(N, { size: [9, 1] });
  hpss(N, { mask: true, margin: 2 });
  hpss(N, { kernelSize: 7 });
  assert.deepEqual(med.data, medCopy);
  [masks.harmonic.data, masks.percussive.data, parts.harmonic.data, parts.percussive.data].forEach((a, i) => assert.deepEqual(a, copies[i], `result ${i}`));
  // and the second call's results are its own, equal to a first call on N
  assert.deepEqual(hpss(N, { kernelSize: 7 }).harmonic.data, hpss(N, { kernelSize: 7 }).harmonic.data);
  assert.notDeepEqual(hpss(N, { kernelSize: 7 }).harmonic.data, parts.harmonic.data);
});
