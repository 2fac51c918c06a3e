import { test } from "node:test";
import assert from "node:assert/strict";
import { chromaFilters } from "../../src/dsp/chroma-filters";
import { expectClose, loadFixture } from "../helpers/fixtures";

function camel(opts: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(opts).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), v]));
}

for (const c of loadFixture("features/chroma_filters").cases) {
  test(`chroma basis matches ${c.call}`, () => {
    const C = chromaFilters(camel(c.options));
    assert.deepEqual([C.rows, C.cols], c.shape);
    const picked: number[] = [];
    for (let r = 0; r < C.rows; r++) for (const k of c.cols) picked.push(C.data[r * C.cols + k]);
    expectClose(picked, c.values, { atol: 1e-7, label: c.call });
  });
}

test("without the dominance window each FFT bin's column has unit ℓ2 norm", () => {
  const C = chromaFilters({ sr: 22050, nFft: 1024, octwidth: null });
  for (let k = 1; k < C.cols; k++) {
    let s = 0;
    for (let r = 0; r < 12; r++) s += C.data[r * C.cols + k] ** 2;
    assert.ok(Math.abs(Math.sqrt(s) - 1) < 1e-6, `bin ${k}: norm ${Math.sqrt(s)}`);
  }
});

test("a bin at A4 (440 Hz) weighs most on row A (index 9 from C)", () => {
  const sr = 44000;
  const nFft = 1000; // 44 Hz bins: bin 10 is exactly 440 Hz
  const C = chromaFilters({ sr, nFft });
  let best = 0;
  for (let r = 1; r < 12; r++) if (C.data[r * C.cols + 10] > C.data[best * C.cols + 10]) best = r;
  assert.equal(best, 9);
  // baseC: false starts at A
  const A = chromaFilters({ sr, nFft, baseC: false });
  let bestA = 0;
  for (let r = 1; r < 12; r++) if (A.data[r * A.cols + 10] > A.data[bestA * A.cols + 10]) bestA = r;
  assert.equal(bestA, 0);
});

test("chromaFilters rejects bad arguments and names them", () => {
  assert.throws(() => chromaFilters({ sr: -1 }), /sr=-1/);
  assert.throws(() => chromaFilters({ nFft: 1.5 }), /nFft=1.5/);
  assert.throws(() => chromaFilters({ nChroma: 0 }), /nChroma=0/);
  assert.throws(() => chromaFilters({ tuning: NaN }), /tuning=NaN/);
  assert.throws(() => chromaFilters({ octwidth: 0 }), /octwidth=0/);
  assert.throws(() => chromaFilters({ norm: -3 }), /norm=-3/);
});
