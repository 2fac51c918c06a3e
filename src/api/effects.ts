/**
 * `ser.effects`: transformations of audio, as librosa.effects — time stretch, pitch shift,
 * harmonic/percussive separation — plus the augmentation effects of the Python original (noise,
 * shift, gain, speed) and voice-activity detection (`voicedIntervals`, as librosa.effects.split).
 * Every function takes the audio first and an options object with librosa's names.
 */
export {
  timeStretch,
  pitchShift,
  addNoise,
  shift,
  randomShift,
  gain,
  speed,
  noiseStd,
  stretchedLength,
  MAX_SEMITONES,
  MAX_SHIFT_MS,
  MAX_GAIN_DB,
  SNR_DB_RANGE,
  NOISE_AMP_RANGE,
  SPEED_FACTOR_RANGE,
  STRETCH_RATE_RANGE,
  type GainOptions,
  type NoiseOptions,
  type PitchShiftOptions,
  type RandomShiftOptions,
  type ShiftMode,
  type ShiftOptions,
  type SpeedOptions,
  type TimeStretchOptions,
} from "../augment";
export { hpssAudio as hpss, harmonic, percussive, type HarmonicOptions } from "../dsp";
export { voicedIntervals, snrDb, type Interval, type VoicedIntervalsOptions } from "../effects";
