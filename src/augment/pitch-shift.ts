/**
 * Pitch shifting without changing duration, as librosa.effects.pitch_shift (0.11): time-stretch by
 * rate = 2^(−steps/binsPerOctave), resample from sr/rate to sr (soxr_hq by default), fix the length
 * to n.
 */
import { ParameterError } from "../util/errors";
import { assertPositive, assertPositiveInt, validAudio } from "../util/validate";
import { resampleValidated, type ResType } from "../dsp/resample";
import { fixLength } from "../dsp/fix-length";
import { stretchedLength, timeStretchValidated, type TimeStretchOptions } from "./time-stretch";
import { borrow, giveBack } from "../dsp/scratch";

/** Largest |semitones| accepted by {@link pitchShift}: two octaves. */
export const MAX_SEMITONES = 24;

/** Checks a pitch shift in semitones: finite, |semitones| ≤ {@link MAX_SEMITONES}. */
export function assertSemitones(semitones: number, name = "semitones"): void {
  if (!(typeof semitones === "number" && Number.isFinite(semitones) && Math.abs(semitones) <= MAX_SEMITONES)) {
    throw new ParameterError(`${name}=${semitones} must be a finite number in [-${MAX_SEMITONES}, ${MAX_SEMITONES}]`);
  }
}

/** Options of {@link pitchShift}: the time stretch's STFT options plus librosa's pitch_shift keywords. */
export interface PitchShiftOptions extends TimeStretchOptions {
  /** Steps per octave, integer ≥ 1. Default 12 (steps are semitones). */
  binsPerOctave?: number;
  /** Resampler (librosa's `res_type`). Default "soxr_hq". */
  resType?: ResType;
  /** Scale the resampled signal by 1/√ratio (librosa's `scale`). Default false. */
  scale?: boolean;
}

/**
 * Shifts the pitch by `semitones` keeping the duration (librosa.effects.pitch_shift).
 * @param y mono audio [n], non-empty and finite
 * @param sr sample rate in Hz, > 0
 * @param semitones shift in steps (semitones by default); |steps| ≤ 24 when binsPerOctave = 12
 *   (in general |steps / binsPerOctave| ≤ 2 octaves)
 * @param options STFT options of the time stretch, binsPerOctave, resType, scale
 * @returns Float32Array [n]
 * @example const up = pitchShift(y, 22050, 2);  // a 440 Hz tone becomes ≈ 493.9 Hz
 */
export function pitchShift(y: Float32Array, sr: number, semitones: number, options: PitchShiftOptions = {}): Float32Array {
  validAudio(y);
  assertPositive("sr", sr);
  const { binsPerOctave = 12, resType, scale, ...stftOptions } = options;
  assertPositiveInt("binsPerOctave", binsPerOctave);
  if (!(typeof semitones === "number" && Number.isFinite(semitones) && Math.abs((semitones * 12) / binsPerOctave) <= MAX_SEMITONES)) {
    throw new ParameterError(`semitones=${semitones} must be a finite number of steps within ±2 octaves (±${(MAX_SEMITONES * binsPerOctave) / 12} at binsPerOctave=${binsPerOctave})`);
  }
  const rate = Math.pow(2, -semitones / binsPerOctave);
  // y is validated once here; the stretched signal is our own finite output, in scratch memory
  const buf = borrow("pitchShift.stretched", Float32Array, stretchedLength(y.length, rate));
  try {
    const stretched = timeStretchValidated(y, rate, stftOptions, buf);
    if (stretched.length === 0) return new Float32Array(y.length);
    const shifted = resampleValidated(stretched, sr / rate, sr, { resType, scale });
    const out = fixLength(shifted, y.length);
    // with equal rates resample returns its input, and fixLength may too: never return scratch memory
    return out.buffer === buf.buffer ? Float32Array.from(out) : out;
  } finally {
    giveBack("pitchShift.stretched", buf);
  }
}
