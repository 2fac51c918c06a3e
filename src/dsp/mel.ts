/**
 * Mel filter banks as librosa.filters.mel (0.11): triangular filters on the Slaney mel scale with
 * Slaney area normalisation by default, or the HTK scale and ℓp normalisation on request; float32
 * weights, computed in float64 exactly as librosa does. Bases are memoised and carry their sparse
 * support (each filter's first and last non-zero bin) so products with a spectrogram skip zeros.
 */
import { memoize } from "../util/memo";
import { ParameterError } from "../util/errors";
import type { Matrix } from "../util/matrix";
import { assertFinite, assertPositive, assertPositiveInt, repr } from "../util/validate";
import { fftFrequencies, melFrequencies } from "./convert";
import { FLOAT32_TINY } from "../util/numeric";
import { isNormOrder, normalizeInto } from "./normalize";
import { accumulateRowProduct } from "./row-product";
import { warnSoft } from "../util/warn";

/** Options of {@link mel} (librosa.filters.mel keywords). */
export interface MelOptions {
  /** Sample rate in Hz, > 0. Default 22050. */
  sr?: number;
  /** FFT length, integer ≥ 1. Default 2048. */
  nFft?: number;
  /** Number of mel bands, integer ≥ 1. Default 128. */
  nMels?: number;
  /** Lowest frequency in Hz, ≥ 0. Default 0. */
  fmin?: number;
  /** Highest frequency in Hz. Default sr / 2. */
  fmax?: number;
  /** Use the HTK mel formula instead of Slaney's. Default false. */
  htk?: boolean;
  /** "slaney" (divide each triangle by its width in Hz/2: constant area), a number p (unit ℓp norm per filter, as librosa.util.normalize), or null (peak 1). Default "slaney". */
  norm?: "slaney" | number | null;
}

/** A mel basis: Matrix [nMels, 1 + nFft/2] of float32 weights plus each row's non-zero range [start, end). */
export interface MelBasis extends Matrix {
  /** First non-zero bin of each filter (start = end for an empty filter). Int32 [nMels]. */
  readonly starts: Int32Array;
  /** One past the last non-zero bin of each filter. Int32 [nMels]. */
  readonly ends: Int32Array;
}

interface Resolved {
  sr: number;
  nFft: number;
  nMels: number;
  fmin: number;
  fmax: number;
  htk: boolean;
  norm: "slaney" | number | null;
}

function resolve(options: MelOptions): Resolved {
  const sr = options.sr ?? 22050;
  assertPositive("sr", sr);
  const nFft = options.nFft ?? 2048;
  assertPositiveInt("nFft", nFft);
  const nMels = options.nMels ?? 128;
  assertPositiveInt("nMels", nMels);
  const fmin = options.fmin ?? 0;
  assertFinite("fmin", fmin);
  if (fmin < 0) throw new ParameterError(`fmin=${repr(fmin)} must be ≥ 0`);
  const fmax = options.fmax ?? sr / 2;
  assertFinite("fmax", fmax);
  if (!(fmax > fmin)) throw new ParameterError(`fmax=${repr(fmax)} must be greater than fmin=${repr(fmin)}`);
  const norm = options.norm === undefined ? "slaney" : options.norm;
  if (typeof norm === "string" && norm !== "slaney") throw new ParameterError(`norm=${repr(norm)} is not supported: use "slaney", a number or null`);
  if (typeof norm === "number" && !isNormOrder(norm))
    throw new ParameterError(`norm=${repr(norm)} is not supported: use "slaney", a number ≥ 0, ±Infinity or null`);
  return { sr, nFft, nMels, fmin, fmax, htk: options.htk ?? false, norm };
}

const warned = new Set<string>();

function build(o: Resolved): MelBasis {
  const { sr, nFft, nMels, fmin, fmax, htk, norm } = o;
  const nBins = Math.floor(nFft / 2) + 1;
  const fftfreqs = fftFrequencies(sr, nFft);
  const melF = melFrequencies(nMels + 2, fmin, fmax, htk);
  const data = new Float32Array(nMels * nBins);
  for (let i = 0; i < nMels; i++) {
    const fd0 = melF[i + 1] - melF[i];
    const fd1 = melF[i + 2] - melF[i + 1];
    const enorm = norm === "slaney" ? 2 / (melF[i + 2] - melF[i]) : 1;
    for (let k = 0; k < nBins; k++) {
      // lower = -(mel_f[i] - f) / fdiff[i], upper = (mel_f[i+2] - f) / fdiff[i+1]
      const lower = -(melF[i] - fftfreqs[k]) / fd0;
      const upper = (melF[i + 2] - fftfreqs[k]) / fd1;
      const w = Math.fround(Math.max(0, Math.min(lower, upper))); // stored in the float32 weights array
      // weights *= enorm: float32 array times float64 vector, cast back to float32
      data[i * nBins + k] = norm === "slaney" ? w * enorm : w;
    }
  }
  if (typeof norm === "number") normalizeInto(data, nMels, nBins, data, { norm, axis: 1, threshold: FLOAT32_TINY });
  const starts = new Int32Array(nMels);
  const ends = new Int32Array(nMels);
  let empty = false;
  for (let i = 0; i < nMels; i++) {
    let s = 0;
    while (s < nBins && data[i * nBins + s] === 0) s++;
    let e = nBins;
    while (e > s && data[i * nBins + e - 1] === 0) e--;
    starts[i] = s;
    ends[i] = e;
    if (e === s && melF[i] !== 0) empty = true;
  }
  if (empty) {
    const key = JSON.stringify(o);
    if (!warned.has(key)) {
      warned.add(key);
      warnSoft(
        `Empty filters detected in mel frequency basis (sr=${sr}, nFft=${nFft}, nMels=${nMels}). Some channels will produce empty responses. Try increasing your sampling rate (and fmax) or reducing nMels.`,
        "SER_EMPTY_MEL_FILTERS",
      );
    }
  }
  return { data, rows: nMels, cols: nBins, starts, ends };
}

const cached = memoize(build, (o) => `${o.sr}|${o.nFft}|${o.nMels}|${o.fmin}|${o.fmax}|${o.htk}|${o.norm}`, 32);

/**
 * A mel filter bank (librosa.filters.mel): nMels triangular filters over the 1 + nFft/2 FFT bins.
 * Memoised by its options: the result is shared, treat it as read-only.
 * @returns MelBasis [nMels, 1 + ⌊nFft/2⌋] (float32 weights, with each filter's non-zero range)
 * @example const M = mel({ sr: 22050, nFft: 2048 });  // M.rows === 128, M.cols === 1025
 */
export function mel(options: MelOptions = {}): MelBasis {
  return cached(resolve(options));
}

/**
 * out = M · S for a mel basis M [nMels, bins] and a spectrogram S [bins, t], skipping the zero
 * weights; accumulates in float64 and stores float32.
 * @returns Matrix [nMels, t]
 * @example const M = applyMel(mel({ sr: 22050 }), spectra(y).power);  // = melspectrogram(y)
 */
export function applyMel(M: MelBasis, S: Matrix): Matrix {
  if (S.rows !== M.cols) throw new ParameterError(`S has ${S.rows} rows, but the mel basis expects ${M.cols} frequency bins`);
  const T = S.cols;
  const out = new Float32Array(M.rows * T);
  const acc = new Float64Array(T);
  const sd = S.data;
  const wd = M.data;
  for (let m = 0; m < M.rows; m++) {
    acc.fill(0);
    accumulateRowProduct(acc, wd, m * M.cols, M.starts[m], M.ends[m], sd, T);
    out.set(acc, m * T);
  }
  return { data: out, rows: M.rows, cols: T };
}
