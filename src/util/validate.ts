/**
 * Early, specific argument checks (librosa's `valid_audio`, tfjs's `util.assert`).
 * Every message quotes the argument's name and the value that was given.
 */
import { ParameterError } from "./errors";

/** Renders a value for an error message: numbers as written, strings quoted. */
export function repr(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/** `name` must be an integer ≥ 1: "hopLength=0 must be a positive integer". */
export function assertPositiveInt(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new ParameterError(`${name}=${repr(value)} must be a positive integer`);
}

/** `name` must be an integer ≥ 0. */
export function assertNonNegativeInt(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new ParameterError(`${name}=${repr(value)} must be a non-negative integer`);
}

/** `name` must be a finite number > 0. */
export function assertPositive(name: string, value: number): void {
  if (!(typeof value === "number" && Number.isFinite(value) && value > 0)) {
    throw new ParameterError(`${name}=${repr(value)} must be a finite number > 0`);
  }
}

/** `name` must be a finite number. */
export function assertFinite(name: string, value: number): void {
  if (!(typeof value === "number" && Number.isFinite(value))) throw new ParameterError(`${name}=${repr(value)} must be a finite number`);
}

/** `name` must be a plain object (`{...}`), not null, an array or a scalar. */
export function assertPlainObject(name: string, value: unknown): asserts value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ParameterError(`${name} must be an object ({...}), but got ${value === null ? "null" : Array.isArray(value) ? "an array" : typeof value}`);
  }
}

/** `name` must lie in the open interval (lo, hi). */
export function assertInOpenRange(name: string, value: number, lo: number, hi: number): void {
  if (!(value > lo && value < hi)) throw new ParameterError(`${name}=${repr(value)} must lie in the range (${lo}, ${hi})`);
}

/** `name` must lie in the closed interval [lo, hi]. */
export function assertInRange(name: string, value: number, lo: number, hi: number): void {
  if (!(value >= lo && value <= hi)) throw new ParameterError(`${name}=${repr(value)} must lie in the range [${lo}, ${hi}]`);
}

/** `name` must be one of `allowed`. */
export function assertOneOf<T extends string | number | boolean>(name: string, value: T, allowed: readonly T[]): void {
  if (!allowed.includes(value)) {
    throw new ParameterError(`${name}=${repr(value)} must be one of ${allowed.map(repr).join(", ")}`);
  }
}

/**
 * Checks audio as librosa.util.valid_audio does: a Float32Array or Float64Array, non-empty,
 * every sample finite. `name` defaults to "y".
 */
export function validAudio(y: unknown, name = "y"): asserts y is Float32Array | Float64Array {
  if (!(y instanceof Float32Array || y instanceof Float64Array)) {
    const got = y === null ? "null" : Array.isArray(y) ? "Array" : typeof y === "object" ? (y as object).constructor?.name : typeof y;
    throw new ParameterError(`${name} must be a Float32Array or Float64Array of samples, but got ${got}`);
  }
  if (y.length === 0) throw new ParameterError(`${name} is empty: audio must have at least one sample`);
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i])) throw new ParameterError(`${name}[${i}]=${y[i]}: audio must be finite everywhere`);
  }
}
