import { test } from "node:test";
import assert from "node:assert/strict";
import { basisBinRange, octaveMethod } from "../../src/dsp/cqt-cost";
import type { CqtSparseBasis } from "../../src/dsp/cqt-basis";

/** A CSR basis whose row r uses the given FFT bins (values 1). */
function basisOf(nFft: number, rowsBins: number[][]): CqtSparseBasis {
  const indptr = new Int32Array(rowsBins.length + 1);
  rowsBins.forEach((b, r) => (indptr[r + 1] = indptr[r] + b.length));
  const indices = Int32Array.from(rowsBins.flat());
  return { nFft, rows: rowsBins.length, indptr, indices, re: new Float64Array(indices.length).fill(1), im: new Float64Array(indices.length) };
}

test("basisBinRange: the lowest and highest bin the first `rows` filters use", () => {
  const b = basisOf(64, [
    [30, 31, 33],
    [20, 21],
    [5, 40],
  ]);
  assert.deepEqual(basisBinRange(b, 3), { lo: 5, hi: 40 });
  assert.deepEqual(basisBinRange(b, 2), { lo: 20, hi: 33 });
  assert.deepEqual(basisBinRange(b, 1), { lo: 30, hi: 33 });
  const empty = basisBinRange(b, 0);
  assert.ok(empty.lo > empty.hi, "no bins: an empty range");
});

test("octaveMethod: resonators for a few bins at a small hop, FFTs for many bins at a large hop", () => {
  // a low octave: 16384-point frames every 16 samples, 41 bins → resonators are ~40× cheaper
  assert.equal(octaveMethod(16384, 16, 130, 40, 80), "resonator");
  // a top octave: 1024-point frames every 512 samples, 301 bins → FFTs
  assert.equal(octaveMethod(1024, 512, 130, 100, 400), "fft");
  // the crossing point follows the model: resonators iff bins · samples < frames · N log2 N
  const N = 4096;
  const hop = 64;
  const cols = 100;
  const samples = (cols - 1) * hop + N;
  const even = Math.floor((cols * N * Math.log2(N)) / samples); // bins at which the costs are equal
  assert.equal(octaveMethod(N, hop, cols, 0, even - 2), "resonator");
  assert.equal(octaveMethod(N, hop, cols, 0, even + 1), "fft");
});

test("octaveMethod: FFTs whenever the resonators cannot be used", () => {
  assert.equal(octaveMethod(12288, 16, 130, 40, 41), "fft", "nFft not a power of two");
  assert.equal(octaveMethod(16384, 24, 130, 40, 41), "fft", "hop does not divide nFft");
  assert.equal(octaveMethod(16384, 16, 130, 41, 40), "fft", "no bins used");
});
