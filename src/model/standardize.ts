/**
 * Standardisation of model inputs, fitted on training clips only (scikit-learn's
 * `StandardScaler`: mean, population standard deviation, zero deviations replaced by 1).
 *
 * Clips are flat row-major `[timesteps, features]` blocks laid one after another. Two groupings:
 * - `"feature"`: one mean/std per feature (last axis), pooled over all time steps of all clips —
 *   for sequences of frames × features.
 * - `"position"`: one mean/std per (time step, feature) position — StandardScaler on the flattened
 *   clip, what the seed project does to its summary vector (195 values with the default
 *   `featureConfig()`).
 */
import { ParameterError } from "../util/errors";
import { assertPositiveInt, repr } from "../util/validate";

/** Current format of {@link Standardizer} JSON; only grows. */
export const STANDARDIZER_VERSION = 1;

/** Fitted statistics; plain JSON-serialisable data. */
export interface Standardizer {
  readonly version: number;
  /** How statistics are grouped (see the module comment). */
  readonly per: "feature" | "position";
  /** [timesteps, features] of one clip. */
  readonly shape: [number, number];
  /** Means: `features` values (per "feature") or `timesteps × features` (per "position"). */
  readonly mean: number[];
  /** Standard deviations (ddof 0), same length as `mean`; zeros replaced by 1. */
  readonly std: number[];
  /** Number of training clips the statistics came from. */
  readonly nClips: number;
}

/** Options of {@link fitStandardizer}. */
export interface FitStandardizerOptions {
  /**
   * Grouping of the statistics. Default: "position" when `features` is 1 (a summary vector laid
   * out as T × 1), else "feature".
   */
  per?: "feature" | "position";
}

function checkClips(name: string, x: Float32Array, shape: [number, number]): number {
  if (!Array.isArray(shape) || shape.length !== 2) throw new ParameterError(`shape=${JSON.stringify(shape)} must be [timesteps, features]`);
  assertPositiveInt("shape[0]", shape[0]);
  assertPositiveInt("shape[1]", shape[1]);
  const clip = shape[0] * shape[1];
  if (x.length % clip !== 0) {
    throw new ParameterError(`${name} has ${x.length} values, not a whole number of [${shape[0]}, ${shape[1]}] clips (${clip} values each)`);
  }
  return x.length / clip;
}

/**
 * Fits means and standard deviations on training clips (never on validation or test clips).
 * Sums are accumulated in float64; non-finite values are rejected.
 * @param x training clips, flat row-major [nClips × timesteps × features]
 * @param shape [timesteps, features] of one clip
 * @param options grouping
 * @returns the fitted {@link Standardizer}
 * @example const s = fitStandardizer(xTrain, [195, 1]); const xs = applyStandardizer(xVal, s);
 */
export function fitStandardizer(x: Float32Array, shape: [number, number], options: FitStandardizerOptions = {}): Standardizer {
  const n = checkClips("x", x, shape);
  if (n === 0) throw new ParameterError("fitStandardizer needs at least one clip, got x with 0 values");
  const [T, F] = shape;
  const per = options.per ?? (F === 1 ? "position" : "feature");
  if (per !== "feature" && per !== "position") throw new ParameterError(`per=${JSON.stringify(per)} must be one of "feature", "position"`);
  const width = per === "feature" ? F : T * F;
  const sum = new Float64Array(width);
  const count = per === "feature" ? n * T : n;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (!Number.isFinite(v)) throw new ParameterError(`x[${i}]=${v} is not finite`);
    sum[i % width] += v;
  }
  const mean = Array.from(sum, (s) => s / count);
  const sq = new Float64Array(width);
  for (let i = 0; i < x.length; i++) {
    const d = x[i] - mean[i % width];
    sq[i % width] += d * d;
  }
  // sklearn's _handle_zeros_in_scale: a constant column is scaled by 1, not divided by ~0.
  const std = Array.from(sq, (s) => {
    const sd = Math.sqrt(s / count);
    return sd < 10 * Number.EPSILON ? 1 : sd;
  });
  return { version: STANDARDIZER_VERSION, per, shape: [T, F], mean, std, nClips: n };
}

/**
 * Standardises clips with statistics from {@link fitStandardizer}: `(x − mean) / std`.
 * @param x clips, flat row-major [nClips × timesteps × features]
 * @param s the fitted standardizer
 * @returns a new Float32Array of the same length
 * @example const xVal01 = applyStandardizer(xVal, fitStandardizer(xTrain, [130, 175]));
 */
export function applyStandardizer(x: Float32Array, s: Standardizer): Float32Array {
  checkClips("x", x, s.shape);
  const width = s.mean.length;
  const mean = Float64Array.from(s.mean);
  const inv = Float64Array.from(s.std, (v) => 1 / v);
  const out = new Float32Array(x.length);
  for (let i = 0, j = 0; i < x.length; i++, j = j + 1 === width ? 0 : j + 1) out[i] = (x[i] - mean[j]) * inv[j];
  return out;
}

/**
 * Checks that a parsed JSON object is a usable {@link Standardizer} (for bundles).
 * @param value parsed JSON
 * @returns the same object, typed
 * @example const s = standardizerFromJson(JSON.parse(text));
 */
export function standardizerFromJson(value: unknown): Standardizer {
  const s = value as Standardizer;
  const ok =
    s != null &&
    typeof s === "object" &&
    Number.isInteger(s.version) &&
    (s.per === "feature" || s.per === "position") &&
    Array.isArray(s.shape) &&
    s.shape.length === 2 &&
    Array.isArray(s.mean) &&
    Array.isArray(s.std) &&
    s.mean.length === s.std.length &&
    s.mean.length === (s.per === "feature" ? s.shape[1] : s.shape[0] * s.shape[1]);
  if (!ok) throw new ParameterError("standardizer JSON is malformed: expected { version, per, shape, mean, std } with matching lengths");
  if (s.version > STANDARDIZER_VERSION) {
    throw new ParameterError(`standardizer version ${s.version} is newer than this toolkit reads (${STANDARDIZER_VERSION})`);
  }
  for (const [name, values] of [
    ["mean", s.mean],
    ["std", s.std],
  ] as const) {
    const i = values.findIndex((v) => typeof v !== "number" || !Number.isFinite(v) || (name === "std" && !(v > 0)));
    if (i >= 0)
      throw new ParameterError(`${name}[${i}]=${repr(values[i])} must be a finite number${name === "std" ? " > 0 (a constant feature is stored as 1)" : ""}`);
  }
  return s;
}
