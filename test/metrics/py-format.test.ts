import { test } from "node:test";
import assert from "node:assert/strict";
import { formatFixed, padLeft, pyFloatRepr } from "../../src/metrics/py-format";

// Expected strings printed by Python 3.11: format(x, f".{d}f") and repr(x).
test("formatFixed rounds exact ties to even, like Python (JavaScript's toFixed rounds them up)", () => {
  const cases: [number, number, string][] = [
    [0.125, 2, "0.12"],
    [0.375, 2, "0.38"],
    [0.625, 2, "0.62"],
    [0.875, 2, "0.88"],
    [2.5, 0, "2"],
    [0.5, 0, "0"],
    [1.5, 0, "2"],
    [0.03125, 4, "0.0312"],
    [0.6666666666666666, 2, "0.67"],
    [0.015, 2, "0.01"], // not a tie: 0.015 is stored slightly below
    [0.045, 2, "0.04"],
    [1 / 3, 4, "0.3333"],
    [0, 2, "0.00"],
    [-0, 2, "-0.00"],
    [1, 0, "1"],
    [NaN, 2, "nan"],
    [12345.6789, 1, "12345.7"],
    [0.5, 1, "0.5"],
  ];
  for (const [x, d, want] of cases) assert.equal(formatFixed(x, d), want, `format(${x}, ".${d}f")`);
  assert.equal((0.625).toFixed(2), "0.63", "the JavaScript behaviour we correct");
});

test("pyFloatRepr writes floats as Python's repr", () => {
  const cases: [number, string][] = [
    [0, "0.0"],
    [1, "1.0"],
    [0.5, "0.5"],
    [1e-5, "1e-05"],
    [-0.25, "-0.25"],
    [1e16, "1e+16"],
    [123456789012345.6, "123456789012345.6"],
    [NaN, "nan"],
    [0.1, "0.1"],
  ];
  for (const [x, want] of cases) assert.equal(pyFloatRepr(x), want);
});

test("padLeft counts code points, like Python's format(s, '>9')", () => {
  assert.equal(padLeft("ab", 5), "   ab");
  assert.equal(padLeft("😀", 3), "  😀"); // one code point, two UTF-16 units
  assert.equal(padLeft("longer than", 3), "longer than");
});
