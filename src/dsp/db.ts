/**
 * Decibel conversions as librosa 0.11 (`power_to_db`, `amplitude_to_db`, `db_to_power`,
 * `db_to_amplitude`).
 *
 * Float32 input (a Matrix or Float32Array) follows numpy's float32 arithmetic step by step (amin
 * and ref cast to float32, log10 rounded to float32, the top-dB floor computed in float32), so the
 * output matches librosa's float32 output; Float64Array input is computed in float64, as numpy does
 * for float64 arrays.
 */
import { ParameterError } from "../util/errors";
import type { Matrix } from "../util/matrix";
import { repr } from "../util/validate";

const f32 = Math.fround;

/** A reference value: a number (librosa `ref=1.0`), `"max"` (`ref=np.max`) or a function of the magnitudes. */
export type DbRef = number | "max" | ((magnitudes: Float32Array | Float64Array) => number);

/** Options of {@link powerToDb}. */
export interface PowerToDbOptions {
  /** Reference power: values are scaled as 10·log10(S / ref). A number, "max" or a function. Default 1. */
  ref?: DbRef;
  /** Floor on S and ref before the logarithm, > 0. Default 1e-10. */
  amin?: number;
  /** Threshold the output at max − topDb (≥ 0); null for no threshold. Default 80. */
  topDb?: number | null;
}

/** Options of {@link amplitudeToDb}: as {@link PowerToDbOptions}, but amin is an amplitude (default 1e-5). */
export interface AmplitudeToDbOptions extends PowerToDbOptions {}

type DbInput = Matrix | Float32Array | Float64Array;

function dataOf(S: DbInput): Float32Array | Float64Array {
  if (S instanceof Float32Array || S instanceof Float64Array) return S;
  if (S && S.data instanceof Float32Array) return S.data;
  throw new ParameterError("S must be a Matrix, Float32Array or Float64Array");
}

function wrap<T extends DbInput>(S: T, out: Float32Array | Float64Array): T {
  if (S instanceof Float32Array || S instanceof Float64Array) return out as T;
  const m = S as Matrix;
  return { data: out as Float32Array, rows: m.rows, cols: m.cols } as T;
}

function maxOf(x: Float32Array | Float64Array): number {
  let m = -Infinity;
  for (let i = 0; i < x.length; i++) if (x[i] > m) m = x[i];
  return m;
}

function resolveRef(ref: DbRef, mag: Float32Array | Float64Array): number {
  if (ref === "max") return maxOf(mag);
  if (typeof ref === "function") return ref(mag);
  if (typeof ref !== "number" || Number.isNaN(ref)) throw new ParameterError(`ref=${repr(ref)} must be a number, "max" or a function`);
  return Math.abs(ref);
}

/** The core of power_to_db on the (already non-negative) values `mag`; `refFromArray` says ref was taken from the array (a float32 scalar in numpy). */
function powerToDbCore(
  mag: Float32Array | Float64Array,
  refValue: number,
  refFromArray: boolean,
  amin: number,
  topDb: number | null,
): Float32Array | Float64Array {
  if (!(amin > 0)) throw new ParameterError(`amin=${repr(amin)} must be strictly positive`);
  if (topDb !== null && !(topDb >= 0)) throw new ParameterError(`topDb=${repr(topDb)} must be non-negative`);
  const n = mag.length;
  if (mag instanceof Float64Array) {
    const out = new Float64Array(n);
    const refDb = 10 * Math.log10(Math.max(amin, refValue));
    let mx = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = 10 * Math.log10(Math.max(amin, mag[i])) - refDb;
      out[i] = v;
      if (v > mx) mx = v;
    }
    if (topDb !== null) {
      const floor = mx - topDb;
      for (let i = 0; i < n; i++) if (out[i] < floor) out[i] = floor;
    }
    return out;
  }
  // float32: np.maximum(amin, S) casts amin to float32; log10 and 10·x are float32 operations.
  const amin32 = f32(amin);
  // ref = python float → float64 arithmetic; ref taken from the float32 array → float32 arithmetic.
  const refDb = refFromArray ? f32(10 * f32(Math.log10(Math.max(amin32, refValue)))) : 10 * Math.log10(Math.max(amin, refValue));
  const out = new Float32Array(n);
  let mx = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = mag[i];
    // log10 through Math.log (≈2× faster in V8; identical after rounding to float32 in tests on
    // 16k values). numpy's own float32 log10 is a SIMD approximation within a few float32 ulps.
    let v = f32(10 * f32(Math.log(x > amin32 ? x : amin32) * Math.LOG10E));
    if (refDb !== 0) v = f32(v - refDb);
    out[i] = v;
    if (v > mx) mx = v;
  }
  if (topDb !== null) {
    const floor = f32(mx - topDb);
    for (let i = 0; i < n; i++) if (out[i] < floor) out[i] = floor;
  }
  return out;
}

/**
 * Converts a power spectrogram to decibels: 10·log10(max(amin, S)) − 10·log10(max(amin, ref)),
 * floored at (max − topDb) over the whole input (librosa.power_to_db).
 * @param S power values: a Matrix [d, t], Float32Array or Float64Array (non-negative)
 * @returns the same kind and shape as `S`, in dB (float32 for float32 input)
 * @example const SDb = powerToDb(melspectrogram(y), { ref: "max" });
 */
export function powerToDb<T extends DbInput>(S: T, options: PowerToDbOptions = {}): T {
  const { ref = 1, amin = 1e-10, topDb = 80 } = options;
  // Negative values are floored at amin like any value below it (np.maximum(amin, S)).
  const x = dataOf(S);
  const refValue = resolveRef(ref, x);
  return wrap(S, powerToDbCore(x, refValue, typeof ref !== "number", amin, topDb));
}

/**
 * Converts an amplitude spectrogram to decibels: powerToDb(S², ref², amin²) (librosa.amplitude_to_db).
 * @param S magnitudes (absolute values are taken): Matrix [d, t], Float32Array or Float64Array
 * @returns the same kind and shape as `S`, in dB
 * @example const SDb = amplitudeToDb(spectrogram(y), { ref: "max" });
 */
export function amplitudeToDb<T extends DbInput>(S: T, options: AmplitudeToDbOptions = {}): T {
  const { ref = 1, amin = 1e-5, topDb = 80 } = options;
  const x = dataOf(S);
  const is32 = x instanceof Float32Array;
  const mag = is32 ? new Float32Array(x.length) : new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) mag[i] = Math.abs(x[i]);
  const refValue = resolveRef(ref, mag);
  const power = is32 ? new Float32Array(x.length) : new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) power[i] = mag[i] * mag[i];
  const fromArray = typeof ref !== "number";
  const ref2 = fromArray && is32 ? f32(refValue * refValue) : refValue * refValue;
  return wrap(S, powerToDbCore(power, ref2, fromArray, amin * amin, topDb));
}

/**
 * Converts decibels back to power: ref · 10^(S_dB / 10) (librosa.db_to_power).
 * @param SDb dB values: Matrix, Float32Array or Float64Array
 * @returns the same kind and shape, in power units
 * @example dbToPower(Float32Array.of(0, 10))  // [1, 10]
 */
export function dbToPower<T extends DbInput>(SDb: T, options: { ref?: number } = {}): T {
  const { ref = 1 } = options;
  if (typeof ref !== "number" || !Number.isFinite(ref)) throw new ParameterError(`ref=${repr(ref)} must be a finite number`);
  const x = dataOf(SDb);
  if (x instanceof Float64Array) {
    const out = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) out[i] = ref * 10 ** (x[i] * 0.1);
    return wrap(SDb, out);
  }
  const out = new Float32Array(x.length);
  const tenth = f32(0.1);
  const ref32 = f32(ref);
  for (let i = 0; i < x.length; i++) out[i] = ref32 * f32(10 ** f32(x[i] * tenth));
  return wrap(SDb, out);
}

/**
 * Converts decibels back to amplitude: sqrt(dbToPower(S_dB, ref²)) (librosa.db_to_amplitude).
 * @returns the same kind and shape, in amplitude units
 * @example dbToAmplitude(Float32Array.of(0, 20))  // [1, 10]
 */
export function dbToAmplitude<T extends DbInput>(SDb: T, options: { ref?: number } = {}): T {
  const { ref = 1 } = options;
  const p = dataOf(dbToPower(SDb, { ref: ref * ref }));
  for (let i = 0; i < p.length; i++) p[i] = Math.sqrt(p[i]);
  return wrap(SDb, p);
}
