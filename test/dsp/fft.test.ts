import { test } from "node:test";
import assert from "node:assert/strict";
import { fft, fftDif, ifftDit } from "../../src/dsp/fft";
import { rfft, irfft, RealFft, realFft } from "../../src/dsp/rfft";
import { Pow2Fft } from "../../src/dsp/pow2-fft";
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

/** n values in [−1, 1), float64, reproducible per seed. */
const lcg = (n: number, seed: number): Float64Array => Float64Array.from(noise(n, seed));

const bitrev = (i: number, bits: number) => {
  let r = 0;
  for (let b = 0; b < bits; b++, i >>= 1) r = (r << 1) | (i & 1);
  return r;
};

test("fftDif gives the DFT in bit-reversed order; ifftDit inverts it (n·x)", () => {
  for (const n of [4, 8, 32, 128, 512]) {
    const re = lcg(n, n);
    const im = lcg(n, n + 1);
    const r = Float64Array.from(re);
    const m = Float64Array.from(im);
    fftDif(r, m);
    const bits = Math.log2(n);
    for (let k = 0; k < n; k++) {
      let sr = 0;
      let si = 0;
      for (let j = 0; j < n; j++) {
        const a = (-2 * Math.PI * j * k) / n;
        sr += re[j] * Math.cos(a) - im[j] * Math.sin(a);
        si += re[j] * Math.sin(a) + im[j] * Math.cos(a);
      }
      const b = bitrev(k, bits);
      assert.ok(Math.abs(r[b] - sr) < 1e-9 && Math.abs(m[b] - si) < 1e-9, `n=${n} k=${k}`);
    }
    ifftDit(r, m);
    for (let j = 0; j < n; j++) assert.ok(Math.abs(r[j] / n - re[j]) < 1e-12 && Math.abs(m[j] / n - im[j]) < 1e-12);
  }
});

for (const n of [2, 4, 8, 16, 32, 64, 128, 512, 2048, 4096]) {
  test(`Pow2Fft(${n}): dif gives bit-reversed output, dit takes bit-reversed input, forward is ordered; swapped planes invert`, () => {
    const re = lcg(n, 3 * n);
    const im = lcg(n, 3 * n + 1);
    const ref = naiveDft(re, im);
    const p = new Pow2Fft(n);
    const tol = { atol: 1e-11 * n };
    // DIF: natural in, bit-reversed out
    const a = re.slice();
    const b = im.slice();
    p.dif(a, b);
    expectClose(
      Array.from(p.rev, (j) => a[j]),
      ref.re,
      { ...tol, label: "dif re" },
    );
    expectClose(
      Array.from(p.rev, (j) => b[j]),
      ref.im,
      { ...tol, label: "dif im" },
    );
    // DIT: bit-reversed in, natural out
    const c = Float64Array.from(p.rev, (j) => re[j]);
    const d = Float64Array.from(p.rev, (j) => im[j]);
    p.dit(c, d);
    expectClose(c, ref.re, { ...tol, label: "dit re" });
    expectClose(d, ref.im, { ...tol, label: "dit im" });
    // ordered forward; the inverse by swapping the planes: n · x back
    const e = re.slice();
    const f = im.slice();
    p.forward(e, f);
    expectClose(e, ref.re, { ...tol, label: "forward re" });
    p.forward(f, e);
    expectClose(
      e,
      re.map((v) => v * n),
      { atol: 1e-11 * n, label: "swapped inverse re" },
    );
    expectClose(
      f,
      im.map((v) => v * n),
      { atol: 1e-11 * n, label: "swapped inverse im" },
    );
  });
}

test("Pow2Fft rejects lengths that are not powers of two", () => {
  assert.throws(() => new Pow2Fft(12), /n=12 must be a power of two/);
});

for (const n of [2048, 1000, 16, 6, 7]) {
  test(`RealFft(${n}).forwardWindowed equals forward() of the windowed frame; inverseAdd equals inverse() windowed and added`, () => {
    const x = Float32Array.from(lcg(n + 40, n), (v) => v);
    const w = Float64Array.from({ length: n }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n));
    const plan = new RealFft(n);
    const off = 17;
    const frame = Float64Array.from({ length: n }, (_, i) => w[i] * x[off + i]);
    const re = new Float64Array(plan.bins);
    const im = new Float64Array(plan.bins);
    plan.forward(frame, re, im);
    const base = 5;
    const bre = new Float64Array(plan.bins + base);
    const bim = new Float64Array(plan.bins + base);
    plan.forwardWindowed(x, off, w, bre, bim, base);
    assert.deepEqual(Array.from(bre.subarray(base)), Array.from(re));
    assert.deepEqual(Array.from(bim.subarray(base)), Array.from(im));
    // synthesis: out[off + i] += w[i] · irfft(X)[i], bins read from base
    const y = new Float64Array(n);
    plan.inverse(bre, bim, y, base);
    expectClose(y, frame, { atol: 1e-12, label: "irfft(rfft)" });
    const acc = Float64Array.from({ length: n + 9 }, (_, i) => i / 7);
    const expected = acc.slice();
    for (let i = 0; i < n; i++) expected[3 + i] += w[i] * y[i];
    plan.inverseAdd(bre, bim, base, w, acc, 3);
    assert.deepEqual(Array.from(acc), Array.from(expected));
  });
}

test("rfft and irfft of one size share the memoised plan, with the results of a fresh plan", () => {
  assert.equal(realFft(1000), realFft(1000), "realFft memoises by size");
  assert.notEqual(realFft(1000), realFft(1024));
  const used: RealFft[] = [];
  const { forward, inverse } = RealFft.prototype;
  RealFft.prototype.forward = function (this: RealFft, ...args: Parameters<RealFft["forward"]>) {
    used.push(this);
    return forward.apply(this, args);
  };
  RealFft.prototype.inverse = function (this: RealFft, ...args: Parameters<RealFft["inverse"]>) {
    used.push(this);
    return inverse.apply(this, args);
  };
  let a, b, y;
  const x = Float64Array.from(noise(1000, 21));
  try {
    a = rfft(x);
    b = rfft(x.map((v) => 2 * v));
    y = irfft(a.re, a.im, 1000);
  } finally {
    RealFft.prototype.forward = forward;
    RealFft.prototype.inverse = inverse;
  }
  assert.equal(used.length, 3);
  assert.equal(used[0], realFft(1000), "rfft uses the memoised plan");
  assert.equal(used[1], used[0], "a second rfft call reuses it");
  assert.equal(used[2], used[0], "irfft of the same size reuses it");
  // the shared plan's buffers carry nothing from one call to the next
  const fresh = new RealFft(1000);
  const re = new Float64Array(fresh.bins);
  const im = new Float64Array(fresh.bins);
  fresh.forward(x, re, im);
  assert.deepEqual(a.re, re);
  assert.deepEqual(a.im, im);
  assert.deepEqual(
    b.re,
    re.map((v) => 2 * v),
  );
  const out = new Float64Array(1000);
  fresh.inverse(re, im, out);
  assert.deepEqual(y, out);
});
