/** Loading a clip from a WAV file as a {@link FeatureConfig} says (Node). */
import { load } from "../audio/load-file";
import { prepareClip, type FeatureConfig } from "./clip-features";

/**
 * Loads a clip as the config says (librosa.load at `sr` from `offset` for `duration` seconds) and
 * fixes its length.
 * @returns mono audio [round(duration · sr)]
 * @example const y = loadClip("data/ravdess/Actor_01/03-01-05-01-01-01-01.wav", featureConfig());
 */
export function loadClip(path: string, config: FeatureConfig): Float32Array {
  const { y } = load(path, { sr: config.sr, offset: config.offset, duration: config.duration });
  return prepareClip(y, config);
}
