import { test } from "node:test";
import assert from "node:assert/strict";
import { mel, applyMel } from "../../src/dsp/mel";
import { fftFrequencies, hzToMel, melFrequencies } from "../../src/dsp/convert";
import { expectClose, loadFixture } from "../helpers/fixtures";

function camel(opts: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(opts).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), v === "inf" ? Infinity : v]));
}

for (const c of loadFixture("features/mel_filters").cases) {
  test(`mel basis matches ${c.call}`, () => {
    const M = mel(camel(c.options));
    assert.deepEqual([M.rows, M.cols], c.shape);
    for (let m = 0; m < M.rows; m++) {
      const w: number[] = c.weights[m];
      const s = c.starts[m];
      if (w.length === 0) {
        assert.equal(M.ends[m] - M.starts[m], 0, `filter ${m} should be empty`);
        continue;
      }
      assert.equal(M.starts[m], s, `filter ${m}: first non-zero bin`);
      assert.equal(M.ends[m], s + w.length, `filter ${m}: last non-zero bin`);
      const row = M.data.subarray(m * M.cols, (m + 1) * M.cols);
      const scale = Math.max(...w.map(Math.abs));
      expectClose(row.subarray(s, s + w.length), w, { atol: 1e-6 * scale, label: `filter ${m}` });
      for (let k = 0; k < M.cols; k++) if (k < s || k >= s + w.length) assert.equal(row[k], 0, `filter ${m} bin ${k} must be 0`);
    }
  });
}

test("Slaney-normalised filters have area 1 in mel-agnostic units: Σ w·Δf ≈ 1 for wide filters", () => {
  // With norm "slaney" each triangle is scaled by 2 / (f[i+2] − f[i]), so its area in Hz is 1;
  // summing weights × bin spacing approximates that area when the triangle spans many bins.
  const sr = 22050;
  const nFft = 8192;
  const M = mel({ sr, nFft, nMels: 40 });
  const df = sr / nFft;
  for (let m = 10; m < 40; m++) {
    let area = 0;
    for (let k = 0; k < M.cols; k++) area += M.data[m * M.cols + k] * df;
    assert.ok(Math.abs(area - 1) < 0.01, `filter ${m}: area ${area}`);
  }
});

test("unnormalised (norm: null) filters peak at ≤ 1 and neighbouring triangles sum to 1 between centres", () => {
  const M = mel({ sr: 16000, nFft: 2048, nMels: 20, norm: null });
  const freqs = fftFrequencies(16000, 2048);
  const centres = melFrequencies(22, 0, 8000);
  for (let m = 0; m < 20; m++) assert.ok(Math.max(...M.data.subarray(m * M.cols, (m + 1) * M.cols)) <= 1);
  for (let k = 0; k < M.cols; k++) {
    if (freqs[k] < centres[1] || freqs[k] > centres[20]) continue;
    let s = 0;
    for (let m = 0; m < 20; m++) s += M.data[m * M.cols + k];
    assert.ok(Math.abs(s - 1) < 1e-6, `bin ${k} (${freqs[k]} Hz): filters sum to ${s}`);
  }
});

test("HTK and Slaney scales differ, and each filter peaks at its mel centre", () => {
  const a = mel({ nMels: 32, htk: true, norm: null });
  const b = mel({ nMels: 32, norm: null });
  assert.notDeepEqual(Array.from(a.data.subarray(0, 200)), Array.from(b.data.subarray(0, 200)));
  assert.ok(Math.abs(hzToMel(1000, true) - 999.99) < 0.1);
});

test("applyMel skips zero weights but equals the dense product", () => {
  const M = mel({ sr: 8000, nFft: 64, nMels: 6 });
  const T = 3;
  const S = { data: new Float32Array(M.cols * T).map((_, i) => ((i * 37) % 11) / 7), rows: M.cols, cols: T };
  const out = applyMel(M, S);
  for (let m = 0; m < M.rows; m++) {
    for (let t = 0; t < T; t++) {
      let s = 0;
      for (let k = 0; k < M.cols; k++) s += M.data[m * M.cols + k] * S.data[k * T + t];
      assert.ok(Math.abs(out.data[m * T + t] - s) <= 1e-6 * Math.max(1, Math.abs(s)));
    }
  }
  assert.throws(() => applyMel(M, { data: new Float32Array(4), rows: 2, cols: 2 }), /S has 2 rows/);
});

test("mel bases are memoised by their options", () => {
  assert.equal(mel({ sr: 22050, nFft: 2048 }), mel({}));
  assert.notEqual(mel({ nMels: 64 }), mel({}));
});

test("mel rejects bad arguments and names them", () => {
  assert.throws(() => mel({ sr: 0 }), /sr=0/);
  assert.throws(() => mel({ nFft: 0 }), /nFft=0/);
  assert.throws(() => mel({ nMels: 2.5 }), /nMels=2.5/);
  assert.throws(() => mel({ fmin: -1 }), /fmin=-1/);
  assert.throws(() => mel({ fmin: 5000, fmax: 4000 }), /fmax=4000/);
  assert.throws(() => mel({ norm: "area" as never }), /norm="area"/);
  assert.throws(() => mel({ norm: -2 }), /norm=-2/);
});
