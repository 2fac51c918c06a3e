/**
 * Which part of a recording a model scores. A model sees a fixed window of each file (its feature
 * config's `offset` and `duration`, e.g. 0.5–3.5 s); when most of a recording falls outside that
 * window, the output says so instead of silently scoring a few seconds of a long file.
 */
import type { FeatureConfig } from "../features/clip-features";

/** The scored window of a file of `seconds` length: [from, to] seconds. */
export function scoredPart(seconds: number, config: Pick<FeatureConfig, "offset" | "duration">): { from: number; to: number } {
  const from = Math.min(config.offset, seconds);
  const to = config.duration === null ? seconds : Math.min(seconds, config.offset + config.duration);
  return { from, to };
}

/**
 * A note for the output when more of the recording is left out than scored, e.g.
 * "60.0 s long; only 0.5–3.5 s was scored (the model's clip window), the rest was ignored";
 * null when the window covers most of it (a RAVDESS clip of 3–5 s).
 * @param seconds the file's duration
 * @param config the model's feature config (offset, duration)
 * @example scoredPartNote(60, { offset: 0.5, duration: 3 })
 */
export function scoredPartNote(seconds: number, config: Pick<FeatureConfig, "offset" | "duration">): string | null {
  const { from, to } = scoredPart(seconds, config);
  if (to - from >= seconds - (to - from)) return null;
  return `${seconds.toFixed(1)} s long; only ${from.toFixed(1)}–${to.toFixed(1)} s was scored (the model's clip window), the rest was ignored`;
}
