/**
 * Canonical JSON for cache keys and hashes: equal values give equal strings whatever the order in
 * which their object keys were written.
 */
import { ParameterError } from "./errors";

/**
 * JSON with object keys sorted at every level (arrays keep their order), otherwise as
 * `JSON.stringify`: −0 is written "0", object fields whose value is `undefined` are left out and
 * `undefined` array entries become `null`. Non-finite numbers are refused instead of becoming
 * `null` (NaN and Infinity would otherwise share a key).
 * @param value a JSON-like value (plain objects, arrays, strings, finite numbers, booleans, null)
 * @returns a JSON string; `JSON.parse` gives the value back
 * @throws ParameterError naming the path of a NaN or infinite number
 * @example stableJson({ b: [2, -0], a: 1 })  // '{"a":1,"b":[2,0]}'
 */
export function stableJson(value: unknown): string {
  return encode(value, "value");
}

function encode(value: unknown, at: string): string {
  if (Array.isArray(value)) return `[${value.map((v, i) => (v === undefined ? "null" : encode(v, `${at}[${i}]`))).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${encode(o[k], `${at}.${k}`)}`)
      .join(",")}}`;
  }
  if (typeof value === "number" && !Number.isFinite(value)) throw new ParameterError(`${at}=${value} cannot be written as JSON: numbers must be finite`);
  // JSON.stringify(-0) is "0", as wanted
  return JSON.stringify(value);
}
