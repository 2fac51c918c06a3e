/**
 * The normalisation an exported model expects before its standardisation, done in the page as Node
 * does it (the same {@link speakerNormalize}):
 *
 * - "global" bundles: nothing per clip; the standardiser's training-set statistics do it all.
 * - "utterance" bundles: each clip standardised with its own statistics, as in training.
 * - "speaker" bundles: each speaker standardised with statistics of several of their own clips.
 *   One clip of an unknown speaker is standardised with its own statistics instead, the
 *   "single-clip" fallback of `ser predict` (src/experiment/predict.ts, `scoreFeatures`); the
 *   windows of one longer recording are taken as one speaker's clips, as `predictTimeline` does
 *   (src/experiment/timeline.ts), when there are at least {@link MIN_SPEAKER_WINDOWS} of them.
 *
 * Statistics are per feature column over the frames of a sequence [T × F], per position of a
 * summary vector [T × 1] (see speaker-normalize.ts).
 */
import { speakerNormalize } from "../model/speaker-normalize";
import type { WebBundle } from "./web-bundle";

/**
 * How model inputs were normalised before the standardiser, in the words of Node's `ser predict`:
 * "global" (nothing per clip), "single-clip" (each clip with its own statistics), "speaker" (the
 * clips together, as one speaker's).
 */
export type InputNormalization = "global" | "single-clip" | "speaker";

/** Fewest windows of a recording that a speaker-normalised model takes as one speaker's clips (Node's `minSpeakerWindows` default). */
export const MIN_SPEAKER_WINDOWS = 8;

/** [T, F] the statistics are computed over: the standardiser's shape, which is the model's input shape. */
function statShape(bundle: Pick<WebBundle, "inputShape" | "standardizer">): [number, number] {
  const s = bundle.standardizer?.shape ?? bundle.inputShape;
  return [s[0], s[1]];
}

/** How one clip is normalised for `bundle`: "global", or "single-clip" for a speaker- or utterance-normalised bundle. */
export function clipNormalization(bundle: Pick<WebBundle, "normalization">): InputNormalization {
  return bundle.normalization === "global" ? "global" : "single-clip";
}

/**
 * How the `n` windows of one recording are normalised together: "speaker" for a speaker-normalised
 * bundle with at least `minSpeakerWindows` windows, else as single clips ({@link clipNormalization}).
 */
export function windowsNormalization(bundle: Pick<WebBundle, "normalization">, n: number, minSpeakerWindows = MIN_SPEAKER_WINDOWS): InputNormalization {
  return bundle.normalization === "speaker" && n >= minSpeakerWindows ? "speaker" : clipNormalization(bundle);
}

/**
 * Normalises clip features as `how` says, before the standardiser.
 * @param x features of n clips, flat row-major [n × T × F] (not modified)
 * @param bundle the exported bundle (its input shape)
 * @param how "global": returned as is; "single-clip": each clip with its own statistics
 *   (`speakerNormalize(x, shape, [0], { minClips: 1 })` per clip, as `ser predict`); "speaker": all
 *   n clips with their joint statistics, as one speaker
 * @returns [n × T × F], a new array unless `how` is "global"
 * @example const x = normalizeInputs(features, bundle, clipNormalization(bundle));
 */
export function normalizeInputs(x: Float32Array, bundle: Pick<WebBundle, "inputShape" | "standardizer">, how: InputNormalization): Float32Array {
  if (how === "global") return x;
  const shape = statShape(bundle);
  const n = x.length / (shape[0] * shape[1]);
  const speakers = Array.from({ length: Number.isInteger(n) ? n : 0 }, (_, i) => (how === "speaker" ? "recording" : i));
  return speakerNormalize(x, shape, speakers, { minClips: 1 });
}

/**
 * The normalisation of a result, in words for the page.
 * @param bundle the bundle (what it was trained with)
 * @param how what was done ({@link clipNormalization}, {@link windowsNormalization})
 * @param windows for a recording's windows: how many there were
 * @example describeNormalization({ normalization: "speaker" }, "single-clip")
 *   // "Speaker-normalised model, scored as a single clip of an unknown speaker (its own statistics): less accurate than with several clips of the speaker."
 */
export function describeNormalization(
  bundle: Pick<WebBundle, "normalization">,
  how: InputNormalization,
  windows?: number,
  minSpeakerWindows = MIN_SPEAKER_WINDOWS,
): string {
  const what = windows === undefined ? "the clip" : windows === 1 ? "the window" : `each of the ${windows} windows`;
  if (bundle.normalization === "global") return "Globally normalised model: standardised with its training set's statistics, as in training.";
  if (bundle.normalization === "utterance") return `Utterance-normalised model: ${what} standardised with its own statistics, as in training.`;
  if (how === "speaker") {
    return `Speaker-normalised model: the ${windows ?? "several"} windows of the recording taken as clips of one speaker and standardised with their joint statistics.`;
  }
  if (windows === undefined) {
    return "Speaker-normalised model, scored as a single clip of an unknown speaker (its own statistics): less accurate than with several clips of the speaker.";
  }
  return (
    `Speaker-normalised model: ${what} scored as a single clip of an unknown speaker (its own statistics), ` +
    `as the recording has fewer than ${minSpeakerWindows} windows to take as one speaker: less accurate than with several clips of the speaker.`
  );
}
