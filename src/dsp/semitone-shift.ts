/**
 * How many semitones one recording is transposed relative to another: the lag that best aligns
 * their time-averaged log-magnitude constant-Q spectra. Robust on voices (it uses every harmonic,
 * not one pitch track), so a notebook or test can check a pitch shift on real speech.
 */
import { ParameterError } from "../util/errors";
import { assertPositive, assertPositiveInt } from "../util/validate";
import { cqt, cqtMagnitude } from "./cqt";

/** Options of {@link semitoneShift}. */
export interface SemitoneShiftOptions {
  /** Sample rate of both signals, Hz. Default 22050. */
  sr?: number;
  /** CQT resolution, bins per octave (a multiple of 12). Default 36 (a third of a semitone). */
  binsPerOctave?: number;
  /** Largest shift considered, semitones. Default 12. */
  maxSemitones?: number;
  /** Lowest analysed frequency, Hz. Default 65.4 (C2). */
  fmin?: number;
  /** Octaves analysed. Default 6. */
  nOctaves?: number;
}

function meanLogSpectrum(y: Float32Array, sr: number, fmin: number, bpo: number, nBins: number): Float64Array {
  const M = cqtMagnitude(cqt(y, { sr, fmin, binsPerOctave: bpo, nBins, tuning: 0 }));
  const out = new Float64Array(M.rows);
  for (let k = 0; k < M.rows; k++) {
    let s = 0;
    for (let t = 0; t < M.cols; t++) s += M.data[k * M.cols + t] ** 2;
    out[k] = 10 * Math.log10(s / M.cols + 1e-12);
  }
  const mean = out.reduce((a, b) => a + b, 0) / out.length;
  return out.map((v) => v - mean);
}

/**
 * The transposition of `shifted` relative to `reference`, in semitones (positive: higher), with
 * sub-bin precision by parabolic interpolation of the correlation peak.
 * @example semitoneShift(y, pitchShift(y, { sr: 22050, nSteps: 2 }))  // ≈ 2
 */
export function semitoneShift(reference: Float32Array, shifted: Float32Array, options: SemitoneShiftOptions = {}): number {
  const { sr = 22050, binsPerOctave = 36, maxSemitones = 12, fmin = 65.40639132514966, nOctaves = 6 } = options;
  assertPositive("sr", sr);
  assertPositiveInt("binsPerOctave", binsPerOctave);
  if (binsPerOctave % 12 !== 0) throw new ParameterError(`binsPerOctave=${binsPerOctave} must be a multiple of 12`);
  assertPositive("maxSemitones", maxSemitones);
  const nBins = binsPerOctave * nOctaves;
  const a = meanLogSpectrum(reference, sr, fmin, binsPerOctave, nBins);
  const b = meanLogSpectrum(shifted, sr, fmin, binsPerOctave, nBins);
  const perSemitone = binsPerOctave / 12;
  const maxLag = Math.round(maxSemitones * perSemitone);
  const corr = (lag: number) => {
    let s = 0;
    let n = 0;
    for (let k = Math.max(0, -lag); k < nBins && k + lag < nBins; k++) {
      s += a[k] * b[k + lag];
      n++;
    }
    return s / n;
  };
  let best = -maxLag;
  const c = new Map<number, number>();
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    c.set(lag, corr(lag));
    if (c.get(lag)! > c.get(best)!) best = lag;
  }
  const l = c.get(best - 1);
  const r = c.get(best + 1);
  const m = c.get(best)!;
  const frac = l !== undefined && r !== undefined && l - 2 * m + r !== 0 ? (0.5 * (l - r)) / (l - 2 * m + r) : 0;
  return (best + frac) / perSemitone;
}
