/**
 * Pitch shifting without changing duration, as librosa.effects.pitch_shift (0.11): time-stretch by
 * rate = 2^(−steps/binsPerOctave), resample from sr/rate to sr (soxr_hq by default), fix the length
 * to n.
 */
import { ParameterError } from "../util/errors";
import { assertPlainObject, assertPositive, assertPositiveInt, validAudio } from "../util/validate";
import { resampleValidated, type ResType } from "../dsp/resample";
import { fixLength } from "../dsp/fix-length";
import { stretchedLength, timeStretchValidated } from "./time-stretch";
import type { StftOptions } from "../dsp/stft";
import { borrow, giveBack } from "../dsp/scratch";

/** Largest |semitones| accepted by {@link pitchShift}: two octaves. */
export const MAX_SEMITONES = 24;

/** Checks a pitch shift in semitones: finite, |semitones| ≤ {@link MAX_SEMITONES}. */
export function assertSemitones(semitones: number, name = "semitones"): void {
  if (!(typeof semitones === "number" && Number.isFinite(semitones) && Math.abs(semitones) <= MAX_SEMITONES)) {
    throw new ParameterError(`${name}=${semitones} must be a finite number in [-${MAX_SEMITONES}, ${MAX_SEMITONES}]`);
  }
}

/** Options of {@link pitchShift}: librosa's pitch_shift keywords plus the time stretch's STFT options. */
export interface PitchShiftOptions extends StftOptions {
  /** Sample rate of `y` in Hz, > 0. */
  sr: number;
  /** Shift in steps (semitones by default, librosa's `n_steps`); |steps| ≤ 24 when binsPerOctave = 12. */
  nSteps: number;
  /** Steps per octave, integer ≥ 1. Default 12 (steps are semitones). */
  binsPerOctave?: number;
  /** Resampler (librosa's `res_type`). Default "soxr_hq". */
  resType?: ResType;
  /** Scale the resampled signal by 1/√ratio (librosa's `scale`). Default false. */
  scale?: boolean;
}

/**
 * Shifts the pitch by `nSteps` keeping the duration (librosa.effects.pitch_shift(y, sr=, n_steps=)).
 * @param y mono audio [n], non-empty and finite
 * @param options `sr` (Hz, > 0) and `nSteps` (|nSteps / binsPerOctave| ≤ 2 octaves), then
 *   binsPerOctave, resType, scale and the time stretch's STFT options
 * @returns Float32Array [n]
 * @example const up = pitchShift(y, { sr: 22050, nSteps: 2 });  // a 440 Hz tone becomes ≈ 493.9 Hz
 */
export function pitchShift(y: Float32Array, options: PitchShiftOptions): Float32Array {
  validAudio(y);
  assertPlainObject("pitchShift options", options);
  const { sr, nSteps: semitones, binsPerOctave = 12, resType, scale, ...stftOptions } = options;
  assertPositive("sr", sr);
  assertPositiveInt("binsPerOctave", binsPerOctave);
  if (!(typeof semitones === "number" && Number.isFinite(semitones) && Math.abs((semitones * 12) / binsPerOctave) <= MAX_SEMITONES)) {
    throw new ParameterError(
      `nSteps=${semitones} must be a finite number of steps within ±2 octaves (±${(MAX_SEMITONES * binsPerOctave) / 12} at binsPerOctave=${binsPerOctave})`,
    );
  }
  const rate = Math.pow(2, -semitones / binsPerOctave);
  // y is validated once here; the stretched signal is our own finite output, in scratch memory
  const buf = borrow("pitchShift.stretched", Float32Array, stretchedLength(y.length, rate));
  try {
    const stretched = timeStretchValidated(y, rate, stftOptions, buf);
    if (stretched.length === 0) return new Float32Array(y.length);
    const shifted = resampleValidated(stretched, sr / rate, sr, { resType, scale });
    const out = fixLength(shifted, { size: y.length });
    // with equal rates resample returns its input, and fixLength may too: never return scratch memory
    return out.buffer === buf.buffer ? Float32Array.from(out) : out;
  } finally {
    giveBack("pitchShift.stretched", buf);
  }
}
