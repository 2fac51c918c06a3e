import { test } from "node:test";
import assert from "node:assert/strict";
import {
  assertFinite,
  assertInOpenRange,
  assertInRange,
  assertNonNegativeInt,
  assertOneOf,
  assertPlainObject,
  assertPositive,
  assertPositiveInt,
  repr,
  validAudio,
} from "../../src/util/validate";
import { ParameterError } from "../../src/util/errors";

/** `fn` throws a ParameterError whose message is exactly `message`. */
function refuses(fn: () => void, message: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof ParameterError, `a ParameterError, got ${String(e)}`);
    assert.equal(e.message, message);
    return true;
  });
}

test("repr quotes strings and writes other values as they are", () => {
  assert.equal(repr("hann"), '"hann"');
  assert.equal(repr(3), "3");
  assert.equal(repr(NaN), "NaN");
  assert.equal(repr(null), "null");
  assert.equal(repr(undefined), "undefined");
});

test("assertPositiveInt and assertNonNegativeInt accept integers in range only", () => {
  for (const v of [1, 2, 2048, 2 ** 40]) assert.doesNotThrow(() => assertPositiveInt("n", v));
  refuses(() => assertPositiveInt("hopLength", 0), "hopLength=0 must be a positive integer");
  for (const v of [-1, 1.5, NaN, Infinity]) refuses(() => assertPositiveInt("n", v), `n=${v} must be a positive integer`);
  refuses(() => assertPositiveInt("n", "3" as unknown as number), 'n="3" must be a positive integer');
  for (const v of [0, 1, 99]) assert.doesNotThrow(() => assertNonNegativeInt("k", v));
  for (const v of [-1, 0.5, NaN, -Infinity]) refuses(() => assertNonNegativeInt("k", v), `k=${v} must be a non-negative integer`);
});

test("assertPositive and assertFinite refuse NaN and infinities", () => {
  for (const v of [1e-300, 0.5, 22050]) assert.doesNotThrow(() => assertPositive("sr", v));
  for (const v of [0, -1, NaN, Infinity]) refuses(() => assertPositive("sr", v), `sr=${v} must be a finite number > 0`);
  refuses(() => assertPositive("sr", "22050" as unknown as number), 'sr="22050" must be a finite number > 0');
  for (const v of [0, -5, 1e300]) assert.doesNotThrow(() => assertFinite("x", v));
  for (const v of [NaN, Infinity, -Infinity]) refuses(() => assertFinite("tuning", v), `tuning=${v} must be a finite number`);
});

test("ranges: open excludes the ends, closed includes them; NaN is in neither", () => {
  assert.doesNotThrow(() => assertInOpenRange("q", 0.5, 0, 1));
  for (const v of [0, 1, NaN, 2]) refuses(() => assertInOpenRange("q", v, 0, 1), `q=${v} must lie in the range (0, 1)`);
  for (const v of [0, 0.5, 1]) assert.doesNotThrow(() => assertInRange("p", v, 0, 1));
  for (const v of [-0.1, 1.1, NaN]) refuses(() => assertInRange("p", v, 0, 1), `p=${v} must lie in the range [0, 1]`);
});

test("assertOneOf and assertPlainObject", () => {
  assert.doesNotThrow(() => assertOneOf("mode", "edge", ["constant", "edge"]));
  refuses(() => assertOneOf("mode", "wrap", ["constant", "edge"]), 'mode="wrap" must be one of "constant", "edge"');
  refuses(() => assertOneOf("k", 3, [1, 2]), "k=3 must be one of 1, 2");
  assert.doesNotThrow(() => assertPlainObject("options", { a: 1 }));
  refuses(() => assertPlainObject("options", null), "options must be an object ({...}), but got null");
  refuses(() => assertPlainObject("options", [1]), "options must be an object ({...}), but got an array");
  refuses(() => assertPlainObject("options", 3), "options must be an object ({...}), but got number");
});

test("validAudio accepts finite float arrays and names what is wrong otherwise", () => {
  assert.doesNotThrow(() => validAudio(Float32Array.of(0, 0.5, -1)));
  assert.doesNotThrow(() => validAudio(Float64Array.of(1e10)));
  refuses(() => validAudio([0.1, 0.2]), "y must be a Float32Array or Float64Array of samples, but got Array");
  refuses(() => validAudio(new Int16Array(4)), "y must be a Float32Array or Float64Array of samples, but got Int16Array");
  refuses(() => validAudio(null, "noise"), "noise must be a Float32Array or Float64Array of samples, but got null");
  refuses(() => validAudio("x"), "y must be a Float32Array or Float64Array of samples, but got string");
  refuses(() => validAudio(new Float32Array(0)), "y is empty: audio must have at least one sample");
  refuses(() => validAudio(Float32Array.of(0, 1, NaN)), "y[2]=NaN: audio must be finite everywhere");
  refuses(() => validAudio(Float64Array.of(-Infinity), "clip"), "clip[0]=-Infinity: audio must be finite everywhere");
});
