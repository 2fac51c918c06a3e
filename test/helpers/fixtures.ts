/** Reading reference fixtures (test/fixtures/<topic>/<name>.json) and comparing arrays. */
import fs from "node:fs";
import path from "node:path";
import assert from "node:assert/strict";

const FIXTURES = path.join(__dirname, "..", "fixtures");

/** Parses test/fixtures/<name>.json (name without extension, e.g. "dsp/stft"). */
export function loadFixture<T = any>(name: string): T {
  const file = path.join(FIXTURES, `${name}.json`);
  if (!fs.existsSync(file)) throw new Error(`fixture ${file} is missing: run the matching test/fixtures/make_*.py`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}

export interface CloseOptions {
  /** Absolute tolerance. Default 1e-6. */
  atol?: number;
  /** Relative tolerance (of |expected|). Default 0. */
  rtol?: number;
  /** What is compared, for the message. */
  label?: string;
}

/** Largest |a − b| and where it is. */
export function maxAbsDiff(actual: ArrayLike<number>, expected: ArrayLike<number>): { max: number; index: number } {
  let max = 0;
  let index = -1;
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i] - expected[i]);
    if (d > max || Number.isNaN(d)) {
      max = Number.isNaN(d) ? Infinity : d;
      index = i;
    }
  }
  return { max, index };
}

/**
 * Asserts |actual − expected| ≤ atol + rtol·|expected| everywhere (lengths equal); the message
 * names the worst index and both values.
 */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, options: CloseOptions = {}): number {
  const { atol = 1e-6, rtol = 0, label = "values" } = options;
  assert.equal(actual.length, expected.length, `${label}: length ${actual.length} ≠ expected ${expected.length}`);
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i] - expected[i]);
    const excess = Number.isNaN(d) ? Infinity : d - (atol + rtol * Math.abs(expected[i]));
    if (excess > worstExcess) {
      worstExcess = excess;
      worst = i;
    }
  }
  const { max } = maxAbsDiff(actual, expected);
  if (worst >= 0) {
    assert.fail(
      `${label}: |actual − expected| exceeds atol=${atol} rtol=${rtol} at index ${worst}: actual ${actual[worst]}, expected ${expected[worst]} (max abs diff ${max})`,
    );
  }
  return max;
}

/** Signal-to-noise ratio of `actual` against `reference`, in dB. */
export function snrDb(actual: ArrayLike<number>, reference: ArrayLike<number>): number {
  let s = 0;
  let e = 0;
  for (let i = 0; i < reference.length; i++) {
    s += reference[i] * reference[i];
    const d = actual[i] - reference[i];
    e += d * d;
  }
  return 10 * Math.log10(s / e);
}
