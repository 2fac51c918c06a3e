import { test } from "node:test";
import assert from "node:assert/strict";
import { atan2WithModulus, fastAtan2, phaseVocoder, phaseVocoderFrames, rint } from "../../src/augment/phase-vocoder";
import { timeStretch, stretchedLength } from "../../src/augment/time-stretch";
import { istft, stft } from "../../src/dsp/stft";
import { Rng } from "../../src/util/rng";
import { chirp, amTone, noise } from "../helpers/signals";

test("rate 1 keeps every magnitude and, modulo 2π, every phase of a centred STFT", () => {
  const D = stft(chirp(100, 8000, 22050, 0.5));
  const P = phaseVocoder(D, { rate: 1 });
  assert.equal(P.cols, D.cols);
  let worstMag = 0;
  let worstPhase = 0;
  for (let i = 0; i < D.re.length; i++) {
    const m0 = Math.hypot(D.re[i], D.im[i]);
    const m1 = Math.hypot(P.re[i], P.im[i]);
    worstMag = Math.max(worstMag, Math.abs(m1 - m0) / Math.max(m0, 1e-3));
    if (m0 > 1e-2) {
      let d = Math.atan2(P.im[i], P.re[i]) - Math.atan2(D.im[i], D.re[i]);
      d -= 2 * Math.PI * Math.round(d / (2 * Math.PI));
      worstPhase = Math.max(worstPhase, Math.abs(d));
    }
  }
  assert.ok(worstMag < 1e-5, `magnitude error ${worstMag}`);
  assert.ok(worstPhase < 0.05, `phase error ${worstPhase} rad (float32 accumulator)`);
});

test("output has len(np.arange(0, t, rate)) = ⌈t / rate⌉ frames and the same bins", () => {
  const D = stft(noise(5000, 2), { nFft: 512, hopLength: 128 });
  for (const rate of [0.5, 0.8, 1, 1.25, 2, 3.3]) {
    const P = phaseVocoder(D, { rate });
    assert.equal(P.cols, Math.ceil(D.cols / rate), `rate ${rate}`);
    assert.equal(P.cols, phaseVocoderFrames(D.cols, rate));
    assert.equal(P.rows, D.rows);
  }
});

test("fused timeStretch equals istft(phaseVocoder(stft(y))) sample for sample", () => {
  type Opts = { nFft?: number; hopLength?: number; winLength?: number };
  const cases: [Float32Array, number, Opts][] = [
    [chirp(100, 8000, 22050, 1), 0.8, {}],
    [amTone(1000, 4, 0.8, 22050, 1), 1.25, {}],
    [noise(7000, 5), 1.5, { nFft: 1024, hopLength: 256 }],
    [noise(3001, 6), 0.7, { nFft: 512, hopLength: 100, winLength: 400 }],
  ];
  for (const [y, rate, opts] of cases) {
    const D = stft(y, opts);
    const hop = opts.hopLength ?? Math.floor((opts.winLength ?? opts.nFft ?? 2048) / 4);
    const composed = istft(phaseVocoder(D, { rate, hopLength: hop, nFft: opts.nFft ?? 2048 }), { ...opts, length: stretchedLength(y.length, rate) });
    const fused = timeStretch(y, { rate, ...opts });
    assert.equal(fused.length, composed.length);
    let worst = 0;
    for (let i = 0; i < fused.length; i++) worst = Math.max(worst, Math.abs(fused[i] - composed[i]));
    assert.equal(worst, 0, `rate ${rate}: max |fused − composed| = ${worst}`);
  }
});

test("fastAtan2 agrees with Math.atan2 to 1e-15 and keeps its quadrant and signed-zero conventions", () => {
  const rng = new Rng(3);
  let worst = 0;
  for (let i = 0; i < 200000; i++) {
    const y = rng.normal() * 10 ** rng.uniform(-6, 6);
    const x = rng.normal() * 10 ** rng.uniform(-6, 6);
    worst = Math.max(worst, Math.abs(fastAtan2(y, x) - Math.atan2(y, x)));
  }
  assert.ok(worst < 1e-15, `worst ${worst}`);
  for (const [y, x] of [
    [0, 0],
    [-0, 0],
    [0, -1],
    [-0, -1],
    [1, 0],
    [-1, 0],
    [1, 1],
    [-1, -1],
    [2, -2],
    [Infinity, 1],
    [NaN, 1],
  ]) {
    assert.ok(Object.is(fastAtan2(y, x), Math.atan2(y, x)) || Math.abs(fastAtan2(y, x) - Math.atan2(y, x)) < 1e-15, `atan2(${y}, ${x})`);
  }
});

test("atan2WithModulus agrees with Math.atan2 to 2e-15 in every quadrant and rounds to the same float32 phases away from 0", () => {
  const rng = new Rng(5);
  let worst = 0;
  let f32Diffs = 0;
  for (let i = 0; i < 200000; i++) {
    // float32 inputs, as STFT bins
    const y = Math.fround(rng.normal() * 10 ** rng.uniform(-6, 6));
    const x = Math.fround(rng.normal() * 10 ** rng.uniform(-6, 6));
    if (x === 0 || y === 0) continue;
    const got = atan2WithModulus(y, x, Math.sqrt(x * x + y * y));
    worst = Math.max(worst, Math.abs(got - Math.atan2(y, x)));
    // absolute accuracy: tiny angles (|y| ≪ |x|) come out of a cancellation near π/4 − π/4, so
    // their float32 roundings may differ; real STFT phases are compared in the fused-vs-composed test
    if (Math.abs(Math.atan2(y, x)) > 1e-3 && Math.fround(got) !== Math.fround(Math.atan2(y, x))) f32Diffs++;
  }
  // the axes' neighbourhoods and the diagonals, where the rotated half-angle reduction is at its edges
  for (const [y, x] of [
    [1, 1],
    [-1, 1],
    [1, -1],
    [-1, -1],
    [1e-30, 1],
    [1, 1e-30],
    [-1e-30, -1],
    [-1, 1e-30],
    [1e-30, -1],
  ]) {
    worst = Math.max(worst, Math.abs(atan2WithModulus(y, x, Math.hypot(x, y)) - Math.atan2(y, x)));
  }
  assert.ok(worst < 2e-15, `worst ${worst}`);
  assert.ok(f32Diffs <= 2, `${f32Diffs} float32 phases differ from Math.atan2's`);
});

test("rint rounds half to even, as numpy.round", () => {
  assert.deepEqual([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4999, -3.6].map(rint), [0, 2, 2, 0, -2, -2, 2, -4]);
});

test("rejects rate ≤ 0, NaN and an empty STFT", () => {
  const D = stft(noise(2048, 1));
  assert.throws(() => phaseVocoder(D, { rate: 0 }), /rate=0/);
  assert.throws(() => phaseVocoder(D, { rate: -1 }), /rate=-1/);
  assert.throws(() => phaseVocoder(D, { rate: NaN }), /rate=NaN/);
  assert.throws(() => phaseVocoder({ re: new Float32Array(0), im: new Float32Array(0), rows: 1025, cols: 0 }, { rate: 1 }), /at least one frame/);
});
