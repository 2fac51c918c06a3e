import { test } from "node:test";
import assert from "node:assert/strict";
import { consoleWarning } from "../../src/metrics";
import { emitWarning } from "../../src/metrics/warnings";

test("emitWarning: console by default, a custom handler, or nothing for null", () => {
  const original = console.warn;
  const printed: string[] = [];
  console.warn = (...a: unknown[]) => void printed.push(a.join(" "));
  try {
    emitWarning({}, "m1", "UserWarning");
    emitWarning({ onWarning: consoleWarning }, "m2", "UndefinedMetricWarning");
    emitWarning({ onWarning: null }, "m3", "UserWarning");
    const mine: string[] = [];
    emitWarning({ onWarning: (m, c) => mine.push(`${c}/${m}`) }, "m4", "UserWarning");
    assert.deepEqual(printed, ["UserWarning: m1", "UndefinedMetricWarning: m2"]);
    assert.deepEqual(mine, ["UserWarning/m4"]);
  } finally {
    console.warn = original;
  }
});
