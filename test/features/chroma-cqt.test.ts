import { test } from "node:test";
import assert from "node:assert/strict";
import { chromaCqt, cqToChroma } from "../../src/features/chroma-cqt";
import { cqt, cqtMagnitude } from "../../src/dsp/cqt";
import { ParameterError } from "../../src/util/errors";
import { SIGNALS, sine } from "../helpers/signals";
import { expectClose, loadFixture } from "../helpers/fixtures";

const fx = loadFixture("cqt/chroma_tonnetz");

test("cq_to_chroma matches librosa (default, and 36 bins per octave from A1 with base A)", () => {
  assert.deepEqual(Array.from(cqToChroma(84).data), fx.cq_to_chroma.default);
  const M = cqToChroma(252, { binsPerOctave: 36, nChroma: 12, fmin: 55, baseC: false });
  assert.deepEqual([M.rows, M.cols], fx.cq_to_chroma.shape2);
  assert.deepEqual(Array.from(M.data), fx.cq_to_chroma.bpo36);
});

for (const c of fx.cases) {
  test(`chroma_cqt matches librosa on ${c.signal} (estimated tuning ${c.tuning})`, (t) => {
    const y = SIGNALS[c.signal]();
    const chroma = chromaCqt(y, { sr: 22050 });
    assert.deepEqual([chroma.rows, chroma.cols], [12, c.shape[1]]);
    // measured max abs error 1.8e-4 (chirp; a low-energy frame), ≤ 1e-6 elsewhere
    t.diagnostic(`parity chroma_cqt ${c.signal} ${expectClose(chroma.data, c.chroma, { atol: 5e-4, label: "chroma" }).toExponential(2)}`);
    expectClose(chromaCqt(y, { sr: 22050, tuning: 0, resType: "fft" }).data, c.chroma_tuning0_fft, { atol: 5e-4, label: "chroma (tuning 0, fft resampling)" });
  });
}

test("chroma_cqt of a precomputed |C| equals chroma_cqt of y", () => {
  const y = SIGNALS.am_tone();
  const C = cqtMagnitude(cqt(y, { nBins: 252, binsPerOctave: 36, tuning: 0 }));
  expectClose(chromaCqt(C).data, chromaCqt(y, { tuning: 0 }).data, { atol: 0 });
});

test("a pure A4 puts the chroma energy in pitch class A", () => {
  const chroma = chromaCqt(sine(440, 22050, 1, 0.5), { sr: 22050 });
  const T = chroma.cols;
  for (const t of [5, Math.floor(T / 2), T - 6]) {
    let best = 0;
    for (let c = 1; c < 12; c++) if (chroma.data[c * T + t] > chroma.data[best * T + t]) best = c;
    assert.equal(best, 9, `frame ${t}: pitch class ${best}`); // C=0 … A=9
    assert.equal(chroma.data[9 * T + t], 1); // norm=inf: the maximum is 1
  }
});

test("bad arguments raise ParameterError naming the value", () => {
  const y = sine();
  const isParam = (re: RegExp) => (e: Error) => e instanceof ParameterError && re.test(e.message);
  assert.throws(() => chromaCqt(y, { binsPerOctave: 30, nChroma: 12 }), isParam(/binsPerOctave=30 must be an integer multiple of nChroma=12/));
  assert.throws(() => chromaCqt(y, { cqtMode: "hybrid" }), isParam(/cqtMode="hybrid"/));
  assert.throws(() => chromaCqt(y, { fmin: 0 }), isParam(/fmin=0/));
  assert.throws(() => chromaCqt(y, { nOctaves: 9 }), isParam(/Nyquist/));
  assert.throws(() => cqToChroma(84, { binsPerOctave: 18, nChroma: 12 }), isParam(/Incompatible CQ merge/));
});
