/**
 * The browser entry of ser-toolkit (an ES module built by scripts/build-web.mjs): the path from
 * samples to features and the scoring of exported bundles, with no Node-only dependency.
 * Node code (files, workers, caches, the native backend) stays behind `src/index.ts`.
 */
export { decodeWav, type WavData } from "../audio/wav";
export { loadBytes, type LoadOptions, type LoadResult } from "../audio/load";
export { resample } from "../dsp/resample";
export { fixLength } from "../dsp/fix-length";
export {
  featureConfig,
  featureColumns,
  clipFeatures,
  frameFeatures,
  prepareClip,
  summarize,
  DEFAULT_FEATURE_CONFIG,
  FEATURE_NAMES,
  type FeatureConfig,
} from "../features/clip-features";
export { applyStandardizer, type Standardizer } from "../model/standardize";
export { parseWebBundle, modelFiles, WEB_BUNDLE_FORMAT, WEB_BUNDLE_FORMAT_VERSION, type WebBundle } from "./web-bundle";
export { wavInput, samplesInput, segmentInputs, clipInput, predictInput, toPrediction, type Prediction, type Segment, type SegmentOptions } from "./classify";
export { clipNormalization, windowsNormalization, normalizeInputs, describeNormalization, MIN_SPEAKER_WINDOWS, type InputNormalization } from "./normalization";
export { speakerNormalize, speakerStats, type SpeakerStats, type SpeakerNormalizeOptions } from "../model/speaker-normalize";
export { PortableAttentionPooling, PortableReverseTime, PORTABLE_LAYERS, type PortableAttentionPoolingArgs } from "./portable-layers";
