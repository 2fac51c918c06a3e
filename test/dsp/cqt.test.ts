import { test } from "node:test";
import assert from "node:assert/strict";
import { cqt, vqt, cqtMagnitude } from "../../src/dsp/cqt";
import { relativeBandwidth, waveletLengths, wavelet } from "../../src/dsp/cqt-filters";
import { cqtOctaveBasis } from "../../src/dsp/cqt-basis";
import { cqtOctaveResponse } from "../../src/dsp/cqt-cost";
import { cqtFrequencies, C1_HZ } from "../../src/dsp/convert";
import { ParameterError } from "../../src/util/errors";
import { SIGNALS, sine } from "../helpers/signals";
import { expectClose, loadFixture } from "../helpers/fixtures";
import { loadRavdessClip } from "../helpers/ravdess";

const fx = loadFixture("cqt/cqt");

function camel(opts: Record<string, unknown>): Record<string, any> {
  return Object.fromEntries(Object.entries(opts).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), v]));
}

function signal(name: string): Float32Array {
  return name === "chirp48k" ? SIGNALS.chirp(48000) : SIGNALS[name]();
}

/** The fixture's sub-grid (rows × cols) of a magnitude matrix. */
function pick(M: { data: Float32Array; cols: number }, rows: number[], cols: number[]): number[] {
  return rows.flatMap((r) => cols.map((t) => M.data[r * M.cols + t]));
}

for (const b of fx.basis) {
  test(`wavelet lengths, bandwidths and the sparse octave basis match librosa (bins_per_octave=${b.bins_per_octave})`, () => {
    const freqs = cqtFrequencies(b.n_bins, C1_HZ, b.bins_per_octave);
    expectClose(freqs, b.freqs, { atol: 0, rtol: 1e-14, label: "freqs" });
    const alpha = relativeBandwidth(freqs);
    expectClose(alpha, b.alpha, { atol: 0, rtol: 1e-12, label: "alpha" });
    const { lengths, cutoff } = waveletLengths(freqs, { sr: b.sr, alpha });
    expectClose(lengths, b.lengths, { atol: 0, rtol: 1e-12, label: "lengths" });
    assert.ok(Math.abs(cutoff - b.cutoff) < 1e-9 * b.cutoff);
    const bpo = b.bins_per_octave;
    const B = cqtOctaveBasis(b.sr, Float64Array.from(b.freqs.slice(-bpo)), Float64Array.from(b.alpha.slice(-bpo)));
    assert.equal(B.nFft, b.n_fft);
    assert.deepEqual(Array.from(B.indptr), b.indptr);
    assert.deepEqual(Array.from(B.indices), b.indices);
    // librosa's FFT of the basis runs in float32 (numpy 2); ours in float64, then rounded
    expectClose(B.re, b.re, { atol: 5e-7, label: "basis re" });
    expectClose(B.im, b.im, { atol: 5e-7, label: "basis im" });
  });
}

test("wavelet: unit-ℓ1 filters centred in a power-of-two length", () => {
  const { basis, lengths } = wavelet(cqtFrequencies(12, 2093), { sr: 22050 });
  assert.equal(basis.cols, 2 ** Math.ceil(Math.log2(Math.max(...lengths))));
  for (let k = 0; k < 12; k++) {
    let s = 0;
    for (let j = 0; j < basis.cols; j++) s += Math.hypot(basis.re[k * basis.cols + j], basis.im[k * basis.cols + j]);
    assert.ok(Math.abs(s - 1) < 1e-5, `filter ${k} ℓ1 = ${s}`);
  }
});

for (const c of fx.cqt) {
  test(`|cqt| matches librosa: ${c.signal} at ${c.sr} Hz, ${JSON.stringify(c.options)}`, () => {
    const C = cqtMagnitude(cqt(signal(c.signal), { sr: c.sr, ...camel(c.options) }));
    assert.deepEqual([C.rows, C.cols], c.shape);
    const scale = Math.max(...c.C);
    // measured ≈ 1e-6 of the largest magnitude (the fixture keeps 6 digits)
    expectClose(pick(C, c.rows, c.cols), c.C, { atol: 1e-5 * scale, label: "|C|" });
  });
}

for (const v of fx.vqt) {
  test(`|vqt| matches librosa with gamma=${v.gamma}`, () => {
    const V = cqtMagnitude(vqt(SIGNALS[v.signal](), { sr: 22050, gamma: v.gamma, resType: "fft" }));
    assert.deepEqual([V.rows, V.cols], v.shape);
    const rows = Array.from({ length: Math.ceil(V.rows / 3) }, (_, i) => 3 * i);
    const cols = Array.from({ length: Math.ceil(V.cols / 2) }, (_, i) => 2 * i);
    expectClose(pick(V, rows, cols), v.V, { atol: 1e-5 * Math.max(...v.V), label: "|V|" });
  });
}

test("the resonator path and the FFT path give the same octave response", () => {
  const freqs = cqtFrequencies(252, C1_HZ, 36);
  const alpha = relativeBandwidth(freqs);
  const basis = cqtOctaveBasis(22050, freqs.slice(-36), alpha.slice(-36));
  const n = SIGNALS.noise();
  const y = SIGNALS.chirp().map((v, i) => v + 0.1 * n[i]);
  for (const hop of [8, 64, 512]) {
    const cols = 1 + Math.floor(y.length / hop);
    const A = cqtMagnitude(cqtOctaveResponse(y, hop, basis, cols, "fft"));
    const B = cqtMagnitude(cqtOctaveResponse(y, hop, basis, cols, "resonator"));
    const scale = Math.max(...A.data);
    expectClose(B.data, A.data, { atol: 1e-6 * scale, label: `hop ${hop}` });
  }
});

test("a tone at the k-th bin frequency peaks at bin k", () => {
  const freqs = cqtFrequencies(84, C1_HZ);
  for (const k of [30, 45, 57, 69, 80]) {
    const C = cqtMagnitude(cqt(sine(freqs[k], 22050, 1, 0.5), { sr: 22050 }));
    const t = Math.floor(C.cols / 2);
    let best = 0;
    for (let b = 1; b < C.rows; b++) if (C.data[b * C.cols + t] > C.data[best * C.cols + t]) best = b;
    assert.equal(best, k, `tone at ${freqs[k].toFixed(2)} Hz`);
  }
});

test("frames: 1 + ⌊n / hopLength⌋; scale=false multiplies each bin by √(filter length)", () => {
  const y = SIGNALS.chirp();
  const C = cqt(y, { hopLength: 256 });
  assert.equal(C.cols, 1 + Math.floor(y.length / 256));
  const A = cqtMagnitude(cqt(y));
  const B = cqtMagnitude(cqt(y, { scale: false }));
  const freqs = cqtFrequencies(84, C1_HZ);
  const { lengths } = waveletLengths(freqs, { sr: 22050 });
  for (const k of [0, 20, 50, 83]) {
    const t = 20;
    assert.ok(Math.abs(B.data[k * B.cols + t] / A.data[k * A.cols + t] - Math.sqrt(lengths[k])) < 1e-4 * Math.sqrt(lengths[k]));
  }
});

test("bad arguments raise ParameterError naming the value", () => {
  const y = sine();
  const isParam = (re: RegExp) => (e: Error) => e instanceof ParameterError && re.test(e.message);
  assert.throws(() => cqt(y, { fmin: 0 }), isParam(/fmin=0 must be a finite number > 0/));
  assert.throws(() => cqt(y, { fmin: -5 }), isParam(/fmin=-5/));
  assert.throws(() => cqt(y, { nBins: 0 }), isParam(/nBins=0 must be a positive integer/));
  assert.throws(() => cqt(y, { hopLength: 0 }), isParam(/hopLength=0/));
  assert.throws(() => cqt(y, { binsPerOctave: 1.5 }), isParam(/binsPerOctave=1.5/));
  assert.throws(() => cqt(y, { sparsity: 1 }), isParam(/sparsity=1 must lie in the range \[0, 1\)/));
  assert.throws(() => cqt(y, { filterScale: 0 }), isParam(/filterScale=0/));
  assert.throws(() => cqt(y, { resType: "kaiser_best" as never }), isParam(/resType="kaiser_best"/));
  // librosa: "Wavelet basis with max frequency=... would exceed the Nyquist frequency=..."
  assert.throws(() => cqt(y, { nBins: 120 }), isParam(/would exceed the Nyquist frequency=11025/));
  assert.throws(() => cqt(y, { sr: 8000, fmin: 2000, nBins: 24 }), isParam(/Nyquist frequency=4000/));
  assert.throws(() => cqt(new Float32Array(0)), /y is empty/);
});

const real = loadFixture("cqt/ravdess");
for (const c of real.clips) {
  test(`|cqt| (252 bins, 36 per octave, 48 kHz with early downsampling) matches librosa on RAVDESS ${c.clip}`, async () => {
    const { y, sr } = await loadRavdessClip(c.clip);
    const C = cqtMagnitude(cqt(y, { sr, nBins: 252, binsPerOctave: 36, tuning: 0 }));
    assert.deepEqual([C.rows, C.cols], c.cqt_shape);
    const scale = Math.max(...c.cqt);
    expectClose(pick(C, c.cqt_rows, c.cqt_cols), c.cqt, { atol: 1e-5 * scale, label: "|C|" });
  });
}
