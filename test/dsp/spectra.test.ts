import { test } from "node:test";
import assert from "node:assert/strict";
import { spectra, spectraInto, spectrogramOf, stftMagnitude, stftMagnitudeBand } from "../../src/dsp/spectra";
import { resolveStftOptions, stft } from "../../src/dsp/stft";
import { cabs32 } from "../../src/dsp/spectrogram";
import { ParameterError } from "../../src/util/errors";
import { noise, sine } from "../helpers/signals";

const SR = 22050;

/** The row of the largest value in column t of a [rows, cols] spectrogram. */
function peakBin(data: Float32Array, rows: number, cols: number, t: number): number {
  let best = 0;
  for (let k = 1; k < rows; k++) if (data[k * cols + t] > data[best * cols + t]) best = k;
  return best;
}

test("spectra: [1 + nFft/2, 1 + ⌊n/hop⌋] planes, centred, for the given and the default options", () => {
  const y = noise(5000, 2);
  const S = spectra(y, { nFft: 512, hopLength: 128 });
  for (const P of [S.magnitude, S.power]) {
    assert.equal(P.rows, 257);
    assert.equal(P.cols, 1 + Math.floor(5000 / 128));
    assert.equal(P.data.length, P.rows * P.cols);
    assert.equal(P.nFft, 512);
  }
  assert.equal(S.magnitude.power, 1);
  assert.equal(S.power.power, 2);
  assert.equal(S.complex, undefined, "no complex STFT unless asked for");
  const D = spectra(y).magnitude; // nFft 2048, hop 512
  assert.equal(D.rows, 1025);
  assert.equal(D.cols, 1 + Math.floor(5000 / 512));
  const U = spectra(y, { nFft: 512, hopLength: 128, center: false }).magnitude;
  assert.equal(U.cols, 1 + Math.floor((5000 - 512) / 128));
});

test("spectra: a pure tone peaks at its bin in every frame, with |X| ≈ amplitude · Σw / 2", () => {
  const nFft = 1024;
  for (const k of [10, 93, 400]) {
    const amp = 0.5;
    const y = sine((k * SR) / nFft, SR, 0.5, amp);
    const { magnitude: M, power: P } = spectra(y, { nFft, hopLength: 256 });
    // frames away from the (zero-padded) edges
    for (let t = 3; t < M.cols - 3; t++) {
      assert.equal(peakBin(M.data, M.rows, M.cols, t), k, `frame ${t}`);
      assert.equal(peakBin(P.data, P.rows, P.cols, t), k);
    }
    // the periodic Hann window sums to nFft/2, so |X[k]| = amp · nFft/4
    const mid = Math.floor(M.cols / 2);
    assert.ok(Math.abs(M.data[k * M.cols + mid] / (amp * (nFft / 4)) - 1) < 1e-3, `peak of bin ${k}`);
    // two bins away the Hann window's spectrum is zero
    assert.ok(M.data[(k + 2) * M.cols + mid] < 1e-3 * M.data[k * M.cols + mid]);
  }
  // between two bins: the peak is the nearer one
  const y = sine((100.3 * SR) / nFft, SR, 0.5);
  const M = spectra(y, { nFft }).magnitude;
  assert.equal(peakBin(M.data, M.rows, M.cols, Math.floor(M.cols / 2)), 100);
});

test("spectra: power is the float32 square of magnitude, magnitude numpy's |X| of the complex STFT, which equals stft()", () => {
  const y = noise(4000, 9);
  const S = spectra(y, { nFft: 256, hopLength: 64, complex: true });
  const D = stft(y, { nFft: 256, hopLength: 64 });
  assert.ok(S.complex);
  assert.deepEqual(S.complex.re, D.re);
  assert.deepEqual(S.complex.im, D.im);
  assert.equal(S.complex.rows, D.rows);
  assert.equal(S.complex.cols, D.cols);
  for (let i = 0; i < D.re.length; i++) {
    const m = cabs32(D.re[i], D.im[i]);
    assert.equal(S.magnitude.data[i], m);
    assert.equal(S.power.data[i], Math.fround(m * m));
  }
});

test("spectrogramOf and stftMagnitude give spectra's planes; stftMagnitudeBand its rows and the frames' maxima", () => {
  const y = noise(6000, 4);
  const o = { nFft: 512, hopLength: 128 };
  const S = spectra(y, o);
  assert.deepEqual(spectrogramOf(y, { ...o, power: 1 }).data, S.magnitude.data);
  assert.deepEqual(spectrogramOf(y, { ...o, power: 2 }).data, S.power.data);
  const out = new Float32Array(S.magnitude.data.length + 10);
  const M = stftMagnitude(y, resolveStftOptions(o), 1, out);
  assert.equal(M.data.buffer, out.buffer, "written into out");
  assert.deepEqual(M.data, S.magnitude.data);
  const { rows, cols } = S.magnitude;
  const [r0, r1] = [20, 90];
  const band = new Float32Array((r1 - r0) * cols);
  const frameMax = new Float32Array(cols);
  assert.equal(stftMagnitudeBand(y, resolveStftOptions(o), r0, r1, band, frameMax), cols);
  assert.deepEqual(band, S.magnitude.data.subarray(r0 * cols, r1 * cols));
  for (let t = 0; t < cols; t++) {
    let m = 0;
    for (let k = 0; k < rows; k++) m = Math.max(m, S.magnitude.data[k * cols + t]);
    assert.equal(frameMax[t], m, `frame ${t}`);
  }
  assert.throws(() => stftMagnitudeBand(y, resolveStftOptions(o), 90, 20, band, frameMax), /rows \[90, 20\) must lie within/);
});

test("spectraInto writes into the caller's planes and refuses one too short", () => {
  const y = noise(3000, 5);
  const o = { nFft: 256, hopLength: 64, complex: true };
  const ref = spectra(y, o);
  const n = ref.magnitude.data.length;
  const planes = { magnitude: new Float32Array(n + 3), power: new Float32Array(n), re: new Float32Array(n), im: new Float32Array(n) };
  const S = spectraInto(y, o, planes);
  assert.equal(S.magnitude.data.buffer, planes.magnitude.buffer);
  assert.equal(S.magnitude.data.length, n);
  assert.equal(S.complex!.re.buffer, planes.re.buffer);
  assert.deepEqual(S.magnitude.data, ref.magnitude.data);
  assert.deepEqual(S.power.data, ref.power.data);
  assert.deepEqual(S.complex!.im, ref.complex!.im);
  assert.throws(
    () => spectraInto(y, o, { ...planes, power: new Float32Array(n - 1) }),
    (e: unknown) => e instanceof ParameterError && /cannot hold 129 × /.test(e.message),
  );
});

test("spectra refuses bad audio and bad options, naming them", () => {
  assert.throws(
    () => spectra(new Float32Array(0)),
    (e: unknown) => e instanceof ParameterError && /y is empty/.test(e.message),
  );
  const y = noise(1000, 1);
  y[417] = NaN;
  assert.throws(() => spectra(y), /y\[417\]=NaN: audio must be finite/);
  y[417] = Infinity;
  assert.throws(() => spectra(y), /y\[417\]=Infinity/);
  assert.throws(() => spectra([0.1, 0.2] as unknown as Float32Array), /y must be a Float32Array or Float64Array of samples, but got Array/);
  const z = noise(1000, 1);
  assert.throws(() => spectra(z, { nFft: 0 }), /nFft=0 must be a positive integer/);
  assert.throws(() => spectra(z, { nFft: 256, hopLength: 1.5 }), /hopLength=1.5 must be a positive integer/);
  assert.throws(() => spectra(z, { nFft: 256, winLength: 512 }), /winLength=512 must be ≤ nFft=256/);
  assert.throws(() => spectrogramOf(z, { nFft: -4, power: 2 }), /nFft=-4/);
});
