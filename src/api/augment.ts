/**
 * `ser.augment`: augmentation of a training set — serialisable augmentation specs, the policies
 * (presets of the Python original and a varied one) and their application to training clips only.
 * The effects themselves are `ser.effects`.
 */
export {
  applyAugmentation,
  augmentationKey,
  validateAugmentationSpec,
  augmentTrainingSet,
  planAugmentations,
  validatePolicy,
  copiesPerClip,
  NO_AUGMENTATION,
  SEED_AUGMENTATION,
  VARIED_AUGMENTATION,
  AUGMENTATION_PRESETS,
  DEFAULT_AUGMENTATION_PRESET,
  AUGMENTATION_KINDS,
  type AugmentationKind,
  type AugmentationPolicy,
  type AugmentationSpec,
  type AugmentedItem,
  type AugmentedSplit,
  type AugmentTrainingSetOptions,
  type ChainStep,
  type CopyRecipe,
  type ParamRange,
  type PlannedClip,
} from "../augment";
