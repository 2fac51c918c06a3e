/**
 * Picking example clips for notebooks: one clip of each emotion, reproducibly.
 */
import { ParameterError } from "../util/errors";
import { Rng } from "../util/rng";
import { EMOTIONS, type Emotion, type RavdessClip } from "./ravdess";

/** Options of {@link onePerEmotion}. */
export interface OnePerEmotionOptions {
  /** Seed of the choice. Default 7. */
  seed?: number;
  /** Only clips of this intensity ("strong" has no neutral clips: neutral then falls back to "normal"). Default: any. */
  intensity?: "normal" | "strong";
  /** Only clips of this actor. Default: any actor (a different random one per emotion). */
  actor?: number;
}

/**
 * One clip per emotion, in RAVDESS emotion order, drawn with a seeded generator.
 * @throws ParameterError naming an emotion with no clip matching the options
 * @example const clips = onePerEmotion(await scanRavdess(root), { seed: 7, intensity: "strong" });  // 8 clips
 */
export function onePerEmotion(clips: readonly RavdessClip[], options: OnePerEmotionOptions = {}): RavdessClip[] {
  const rng = new Rng(options.seed ?? 7);
  return EMOTIONS.map((emotion: Emotion) => {
    const pool = (intensity?: string) =>
      clips.filter((c) => c.emotion === emotion && (intensity === undefined || c.intensity === intensity) && (options.actor === undefined || c.actor === options.actor));
    let candidates = pool(options.intensity);
    if (candidates.length === 0 && emotion === "neutral" && options.intensity === "strong") candidates = pool("normal");
    if (candidates.length === 0) throw new ParameterError(`no ${emotion} clip matches ${JSON.stringify(options)}`);
    return rng.fork(emotion).choice(candidates);
  });
}
