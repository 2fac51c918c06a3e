import { test } from "node:test";
import assert from "node:assert/strict";
import { fft, rfft, irfft, RealFft } from "../../src/dsp/fft";
import { noise } from "../helpers/signals";
import { expectClose } from "../helpers/fixtures";

function naiveDft(re: ArrayLike<number>, im: ArrayLike<number>, inverse = false): { re: Float64Array; im: Float64Array } {
  const n = re.length;
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  const sgn = inverse ? 1 : -1;
  for (let k = 0; k < n; k++) {
    let sr = 0;
    let si = 0;
    for (let j = 0; j < n; j++) {
      const a = (sgn * 2 * Math.PI * ((k * j) % n)) / n;
      sr += re[j] * Math.cos(a) - im[j] * Math.sin(a);
      si += re[j] * Math.sin(a) + im[j] * Math.cos(a);
    }
    outRe[k] = inverse ? sr / n : sr;
    outIm[k] = inverse ? si / n : si;
  }
  return { re: outRe, im: outIm };
}

for (const n of [1, 2, 4, 8, 64, 1024, 3, 5, 12, 100, 1000]) {
  test(`complex fft of length ${n} equals the naive DFT, and inverts`, () => {
    const re = Float64Array.from(noise(n, 3));
    const im = Float64Array.from(noise(n, 5));
    const ref = naiveDft(re, im);
    const r = re.slice();
    const i = im.slice();
    fft(r, i);
    expectClose(r, ref.re, { atol: 1e-9 * n, label: "re" });
    expectClose(i, ref.im, { atol: 1e-9 * n, label: "im" });
    fft(r, i, { inverse: true });
    expectClose(r, re, { atol: 1e-12 * n, label: "round-trip re" });
    expectClose(i, im, { atol: 1e-12 * n, label: "round-trip im" });
  });
}

for (const n of [2, 4, 16, 2048, 6, 1000, 7, 9]) {
  test(`rfft/irfft of length ${n} match the naive DFT and invert`, () => {
    const x = Float64Array.from(noise(n, 11));
    const ref = naiveDft(x, new Float64Array(n));
    const X = rfft(x);
    assert.equal(X.re.length, Math.floor(n / 2) + 1);
    expectClose(X.re, ref.re.subarray(0, X.re.length), { atol: 1e-9 * n, label: "re" });
    expectClose(X.im, ref.im.subarray(0, X.im.length), { atol: 1e-9 * n, label: "im" });
    expectClose(irfft(X.re, X.im, n), x, { atol: 1e-12 * n, label: "irfft" });
  });
}

test("rfft of an impulse is flat; of a cosine at bin k is n/2 at k", () => {
  const n = 64;
  const impulse = new Float64Array(n);
  impulse[0] = 1;
  const I = rfft(impulse);
  expectClose(I.re, new Float64Array(33).fill(1), { atol: 1e-15 });
  const c = new Float64Array(n).map((_, i) => Math.cos((2 * Math.PI * 5 * i) / n));
  const C = rfft(c);
  assert.ok(Math.abs(C.re[5] - 32) < 1e-12);
  assert.ok(Math.abs(C.re[4]) < 1e-12 && Math.abs(C.re[6]) < 1e-12);
});

test("RealFft zero-pads a short input", () => {
  const plan = new RealFft(8);
  const re = new Float64Array(5);
  const im = new Float64Array(5);
  plan.forward([1, 1], re, im);
  const ref = rfft(Float64Array.of(1, 1, 0, 0, 0, 0, 0, 0));
  expectClose(re, ref.re, { atol: 1e-15 });
  expectClose(im, ref.im, { atol: 1e-15 });
});

test("fft rejects mismatched planes", () => {
  assert.throws(() => fft(new Float64Array(4), new Float64Array(3)), /re has 4 values but im has 3/);
});
