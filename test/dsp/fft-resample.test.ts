import { test } from "node:test";
import assert from "node:assert/strict";
import { fftResample } from "../../src/dsp/fft-resample";
import { expectClose } from "../helpers/fixtures";
import { noise } from "../helpers/signals";

/** cos(2π·k·i/n) + 0.5·sin(2π·j·i/n), i < n: a periodic band-limited signal. */
const tones = (n: number, k: number, j: number) =>
  Float32Array.from({ length: n }, (_, i) => Math.cos((2 * Math.PI * k * i) / n) + 0.5 * Math.sin((2 * Math.PI * j * i) / n));

test("fftResample samples a periodic band-limited signal at the new rate (down and up, even and odd lengths)", () => {
  for (const [n, num] of [
    [64, 32],
    [64, 48],
    [30, 45],
    [45, 30],
    [101, 202],
    [128, 37],
  ]) {
    const y = fftResample(tones(n, 3, 5), num);
    assert.equal(y.length, num);
    expectClose(y, tones(num, 3, 5), { atol: 2e-6, label: `${n} → ${num}` });
  }
});

test("fftResample keeps a tone at the new Nyquist frequency (scipy doubles the unpaired bin)", () => {
  // cos(π·i/2) at 8 samples is (1, 0, −1, 0, …); halved to 4 samples it is cos(π·j) = (1, −1, 1, −1)
  const x = Float32Array.from({ length: 8 }, (_, i) => Math.cos((Math.PI * i) / 2));
  expectClose(fftResample(x, 4), Float32Array.of(1, -1, 1, -1), { atol: 1e-6 });
});

test("fftResample to the same length returns the signal, and downsampling drops what lies above the new Nyquist", () => {
  const x = noise(50, 8);
  expectClose(fftResample(x, 50), x, { atol: 1e-6 });
  // bin 20 of 50 samples lies above the Nyquist bin (10) of 20 samples: only bin 2 remains
  const y = fftResample(tones(50, 2, 20), 20);
  expectClose(
    y,
    Float32Array.from({ length: 20 }, (_, i) => Math.cos((2 * Math.PI * 2 * i) / 20)),
    { atol: 2e-6 },
  );
});
