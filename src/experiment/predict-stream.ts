/**
 * Predicting many files of any supported format, one result at a time: each file is read, decoded
 * (`loadAsync`), featurised and scored, and its prediction yielded before the next is read, so
 * results can be printed as they come and memory stays flat however many files there are.
 *
 * A speaker-normalised model needs every clip of a speaker before it can score any of them: for
 * such a bundle the features of all files are computed first (kept: one feature vector per file),
 * then the predictions are yielded.
 */
import { loadAsync } from "../audio/load-async";
import { clipFeatures, featureConfig, type FeatureConfig } from "../features/clip-features";
import type { ModelBundle } from "../model/bundle";
import { bundleNormalization, predictionError, scoreFeatures, type FileFeatures, type FilePrediction, type PredictFilesOptions } from "./predict";

/**
 * The features of one file as the bundle's config says (its `offset`/`duration` window), and which
 * part of the recording that was.
 * @throws FileError naming the file (missing, undecodable, shorter than the offset)
 */
export async function fileFeatures(file: string, config: FeatureConfig): Promise<FileFeatures> {
  const t0 = performance.now();
  const audio = await loadAsync(file, { sr: config.sr, offset: config.offset, duration: config.duration });
  const x = clipFeatures(audio.y, config).data;
  const end = config.duration === null ? audio.fileDuration : Math.min(audio.fileDuration, config.offset + config.duration);
  return { x, ms: performance.now() - t0, scored: { start: config.offset, end, duration: audio.fileDuration } };
}

/**
 * Predictions of `files`, yielded in order as each is scored (see the file comment).
 * @example for await (const p of predictFilesStream(bundle, files)) console.log(p.path, "emotion" in p ? p.emotion : p.error);
 */
export async function* predictFilesStream(bundle: ModelBundle, files: readonly string[], options: PredictFilesOptions = {}): AsyncGenerator<FilePrediction> {
  const cfg = featureConfig(bundle.featureConfig as Partial<FeatureConfig>);
  const featuresOf = async (file: string): Promise<FileFeatures | { path: string; error: string }> => {
    try {
      return await fileFeatures(file, cfg);
    } catch (err) {
      return predictionError(file, err);
    }
  };
  if (bundleNormalization(bundle) === "speaker") {
    const feats = [];
    for (const f of files) feats.push(await featuresOf(f));
    for (const p of scoreFeatures(bundle, files, feats, options)) yield p;
    return;
  }
  for (const f of files) yield scoreFeatures(bundle, [f], [await featuresOf(f)], options)[0];
}
