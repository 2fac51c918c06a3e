import { test } from "node:test";
import assert from "node:assert/strict";
// meyda ships no types for its per-extractor CommonJS files
// eslint-disable-next-line @typescript-eslint/no-require-imports
const meydaZcr: (a: { signal: Float32Array }) => number = require("meyda/dist/node/extractors/zcr.js");
import { zeroCrossingRate } from "../../src/features/zero-crossing-rate";
import { pad } from "../../src/dsp/pad";
import { SIGNALS } from "../helpers/signals";

test("an alternating-sign signal of period p has rate 2/p (librosa's test_zcr_synthetic)", () => {
  for (const period of [2, 4, 7, 32]) {
    const y = new Float32Array(22050).fill(1);
    for (let i = 0; i < y.length; i += period) y[i] = -1;
    for (const center of [false, true]) {
      const z = zeroCrossingRate(y, { frameLength: 2048, hopLength: 512, center });
      const inner = center ? z.data.subarray(4, z.cols - 4) : z.data;
      for (const v of inner) assert.ok(Math.abs(v - 2 / period) <= 0.01 * (2 / period), `period ${period}: rate ${v}`);
    }
  }
});

test("zero counts as positive and tiny values (|y| ≤ 1e-10) count as zero", () => {
  const y = Float32Array.of(1, 0, -1, 0, 1e-11, -1e-11, 1, -2e-10);
  // signs: + + − + + + + −  → crossings at 2, 3, 7 → 3 of 8 (librosa: 0.375)
  assert.equal(zeroCrossingRate(y, { frameLength: 8, center: false }).data[0], 3 / 8);
  // zeroPos false: 0 is its own sign: + 0 − 0 0 0 + − → 5 of 8 (librosa: 0.625)
  assert.equal(zeroCrossingRate(y, { frameLength: 8, center: false, zeroPos: false }).data[0], 5 / 8);
  // threshold 0: −1e-11 and −2e-10 are negative (librosa: 0.625)
  assert.equal(zeroCrossingRate(y, { frameLength: 8, center: false, threshold: 0 }).data[0], 5 / 8);
  // pad: the first sample counts as a crossing (librosa: 0.5)
  assert.equal(zeroCrossingRate(y, { frameLength: 8, center: false, pad: true }).data[0], 4 / 8);
});

test("centred frames pad with edge values, not zeros", () => {
  const y = new Float32Array(100).fill(-0.5);
  const z = zeroCrossingRate(y, { frameLength: 32, hopLength: 10 });
  assert.equal(z.cols, 11);
  // zero padding would introduce a crossing (0 is positive) at the edges; edge padding does not
  for (const v of z.data) assert.equal(v, 0);
});

test("agrees with meyda's zcr on librosa-style unwindowed frames (count / frameLength)", () => {
  const y = SIGNALS.noise(22050);
  const L = 2048;
  const z = zeroCrossingRate(y, { frameLength: L, hopLength: 512 });
  const yp = pad(y, L / 2, L / 2, "edge");
  for (let t = 0; t < z.cols; t += 5) {
    const count = meydaZcr({ signal: yp.subarray(t * 512, t * 512 + L) });
    assert.equal(z.data[t], count / L, `frame ${t}`);
  }
});

test("zeroCrossingRate rejects bad arguments and names them", () => {
  const y = SIGNALS.sine(22050);
  assert.throws(() => zeroCrossingRate(y, { frameLength: 0 }), /frameLength=0/);
  assert.throws(() => zeroCrossingRate(y, { hopLength: 1.5 }), /hopLength=1.5/);
  assert.throws(() => zeroCrossingRate(y, { threshold: -1 }), /threshold=-1/);
  assert.throws(() => zeroCrossingRate(y.subarray(0, 10), { center: false }), /too short/);
  assert.throws(() => zeroCrossingRate(Float32Array.of(NaN, 1)), /y\[0\]=NaN/);
});
