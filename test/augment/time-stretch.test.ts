import { test } from "node:test";
import assert from "node:assert/strict";
import { stretchedLength, timeStretch } from "../../src/augment/time-stretch";
import { loadFixture, maxAbsDiff, snrDb } from "../helpers/fixtures";
import { SIGNALS, noise, sine } from "../helpers/signals";
import { decodeF32, peakFrequency, zeroCrossingFrequency } from "./measure";

const sr = 22050;

test("time-stretch by rate r yields round(n / r) samples (Python rounding, ties to even)", () => {
  for (const n of [22050, 22051, 5000, 3, 1]) {
    for (const rate of [0.5, 0.8, 1, 1.25, 2, 3]) {
      const out = timeStretch(noise(n, 7), { rate });
      assert.equal(out.length, stretchedLength(n, rate), `n=${n} rate=${rate}`);
    }
  }
  assert.equal(stretchedLength(5, 2), 2); // round(2.5) = 2 in Python
  assert.equal(stretchedLength(7, 2), 4); // round(3.5) = 4
  assert.equal(stretchedLength(22050, 0.8), 27562); // round(27562.5) = 27562
});

test("time-stretch keeps a 440 Hz tone at 440 Hz (± 1 Hz) for rates 0.8 and 1.25", () => {
  const y = sine(440, sr, 3);
  for (const rate of [0.8, 1.25]) {
    const out = timeStretch(y, { rate });
    const mid = Math.floor(out.length / 2) - 8192;
    const f = peakFrequency(out, sr, mid, 16384);
    const fz = zeroCrossingFrequency(out, sr, mid, 16384);
    assert.ok(Math.abs(f - 440) < 1, `rate ${rate}: FFT peak ${f.toFixed(3)} Hz`);
    assert.ok(Math.abs(fz - 440) < 1, `rate ${rate}: zero crossings ${fz.toFixed(3)} Hz`);
  }
});

test("time-stretch keeps a steady tone's level as librosa does (0.9086 of it at rate 0.8, 1.0000 at 1.25)", () => {
  // librosa 0.11 on sine(440, 22050, 2, 0.5), samples 4096..n−4096: rms ratio 0.90864 at rate 0.8
  // (linear magnitude interpolation between frames), 1.00003 at 1.25.
  const y = sine(440, sr, 2, 0.5);
  for (const [rate, expected] of [
    [0.8, 0.90864],
    [1.25, 1.00003],
  ]) {
    const out = timeStretch(y, { rate });
    let s = 0;
    const a = 4096;
    const b = out.length - 4096;
    for (let i = a; i < b; i++) s += out[i] * out[i];
    const ratio = Math.sqrt(s / (b - a)) / (0.5 / Math.SQRT2);
    assert.ok(Math.abs(ratio - expected) < 1e-3, `rate ${rate}: rms ratio ${ratio.toFixed(5)}, librosa ${expected}`);
  }
});

interface StretchCase {
  signal: string;
  call: string;
  rate: number;
  options: Record<string, number>;
  length: number;
  energy: number;
  blocks: { start: number; length: number; f32: string }[];
}

test("matches librosa 0.11 effects.time_stretch (fixture: 9 cases, start/middle/end blocks)", () => {
  const fx = loadFixture<{ cases: StretchCase[] }>("augment/time_stretch");
  assert.equal(fx.cases.length, 9);
  let worstAbs = 0;
  let worstSnr = Infinity;
  for (const c of fx.cases) {
    const out = timeStretch(SIGNALS[c.signal](sr), { rate: c.rate, ...c.options });
    assert.equal(out.length, c.length, c.call);
    let e = 0;
    for (const v of out) e += v * v;
    assert.ok(Math.abs(e / c.energy - 1) < 1e-4, `${c.call}: energy ratio ${e / c.energy}`);
    for (const b of c.blocks) {
      const ref = decodeF32(b.f32);
      const ours = out.subarray(b.start, b.start + b.length);
      const { max, index } = maxAbsDiff(ours, ref);
      const snr = snrDb(ours, ref);
      worstAbs = Math.max(worstAbs, max);
      worstSnr = Math.min(worstSnr, snr);
      // Same STFT and algorithm; what remains is float32 rounding (numpy's FFT runs in float32,
      // ours in float64) amplified by the float32 phase accumulator of high bins.
      assert.ok(max < 2e-4, `${c.call} block @${b.start}: max |Δ| ${max} at ${b.start + index}`);
      assert.ok(snr > 70, `${c.call} block @${b.start}: SNR ${snr.toFixed(1)} dB`);
    }
  }
  console.log(`# time_stretch vs librosa: worst max|Δ| ${worstAbs.toExponential(2)}, worst block SNR ${worstSnr.toFixed(1)} dB`);
});

test("rejects rate ≤ 0, NaN, Infinity, rates outside [1/16, 16], empty audio", () => {
  const y = sine(440, sr, 0.2);
  for (const rate of [0, -1, NaN, Infinity, 0.01, 17]) assert.throws(() => timeStretch(y, { rate }), new RegExp(`rate=${rate}`));
  assert.throws(() => timeStretch(new Float32Array(0), { rate: 1 }), /empty/);
  assert.throws(() => timeStretch(y, { rate: 1, hopLength: 0 }), /hopLength=0/);
});
