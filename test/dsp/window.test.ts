import { test } from "node:test";
import assert from "node:assert/strict";
import { getWindow } from "../../src/dsp/window";
import { pad, padCenter } from "../../src/dsp/pad";
import { frame, numFrames } from "../../src/dsp/frame";
import { expectClose, loadFixture } from "../helpers/fixtures";

const windows = loadFixture("dsp/windows");
for (const [key, expected] of Object.entries<number[]>(windows.windows)) {
  test(`window ${key} equals scipy.signal.get_window`, () => {
    const [name, n, fftbins] = key.split(":");
    expectClose(getWindow(name as "hann", Number(n), { fftbins: fftbins === "True" }), expected, { atol: 1e-15, label: key });
  });
}

test("periodic hann of length 4 is [0, 0.5, 1, 0.5]", () => {
  expectClose(getWindow("hann", 4), [0, 0.5, 1, 0.5], { atol: 1e-16 });
});

test("getWindow rejects unknown names and wrong explicit lengths", () => {
  assert.throws(() => getWindow("kaiser" as "hann", 8), /window="kaiser" is not supported/);
  assert.throws(() => getWindow([1, 2, 3], 4), /window has 3 samples, but winLength=4/);
  assert.throws(() => getWindow("hann", 0), /winLength=0 must be a positive integer/);
});

const pads = loadFixture("dsp/pad");
for (const [key, expected] of Object.entries<number[]>(pads.pads)) {
  test(`pad ${key} equals numpy.pad`, () => {
    const [mode, before, after] = key.split(":");
    expectClose(pad(Float32Array.from(pads.x), Number(before), Number(after), mode as "reflect"), expected, { atol: 0, label: key });
  });
}

test("padCenter puts the extra sample at the end", () => {
  assert.deepEqual(Array.from(padCenter(Float64Array.of(1, 1), 5)), [0, 1, 1, 0, 0]);
  assert.throws(() => padCenter(Float64Array.of(1, 2, 3), 2), /target size \(2\) must be at least input size \(3\)/);
});

test("frame slices columns like librosa.util.frame", () => {
  const y = Float32Array.of(0, 1, 2, 3, 4, 5, 6);
  const f = frame(y, 3, 2);
  assert.equal(f.rows, 3);
  assert.equal(f.cols, numFrames(7, 3, 2));
  assert.equal(f.cols, 3);
  // column t = y[2t .. 2t+2]
  assert.deepEqual(
    Array.from({ length: 3 }, (_, i) => f.data[i * f.cols + 2]),
    [4, 5, 6],
  );
  assert.throws(() => frame(y, 8, 1), /Input is too short \(n=7\) for frameLength=8/);
  assert.throws(() => frame(y, 3, 0), /hopLength=0 must be a positive integer/);
});
