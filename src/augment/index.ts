export {
  applyAugmentation,
  augmentationKey,
  validateAugmentationSpec,
  AUGMENTATION_KINDS,
  AUGMENTATION_VERSION,
  type AugmentationSpec,
  type AugmentationKind,
} from "./spec";
export { addNoise, noiseStd, assertNoiseOptions, SNR_DB_RANGE, NOISE_AMP_RANGE, type NoiseOptions } from "./add-noise";
export { shift, randomShift, shiftSamples, MAX_SHIFT_MS, type ShiftMode, type ShiftOptions, type RandomShiftOptions } from "./shift";
export { gain, MAX_GAIN_DB, type GainOptions } from "./gain";
export { phaseVocoder, phaseVocoderFrames, type PhaseVocoderOptions } from "./phase-vocoder";
export { timeStretch, stretchedLength, STRETCH_RATE_RANGE, type TimeStretchOptions } from "./time-stretch";
export { pitchShift, MAX_SEMITONES, type PitchShiftOptions } from "./pitch-shift";
export { speed, SPEED_FACTOR_RANGE, type SpeedOptions } from "./speed";
export {
  planAugmentations,
  augmentTrainingSet,
  validatePolicy,
  copiesPerClip,
  NO_AUGMENTATION,
  SEED_AUGMENTATION,
  VARIED_AUGMENTATION,
  AUGMENTATION_PRESETS,
  DEFAULT_AUGMENTATION_PRESET,
  type AugmentationPolicy,
  type CopyRecipe,
  type ChainStep,
  type ParamRange,
  type PlannedClip,
  type AugmentedItem,
  type AugmentedSplit,
  type AugmentTrainingSetOptions,
  type AugmentedSplitName,
} from "./policy";
