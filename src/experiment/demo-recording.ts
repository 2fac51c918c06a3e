/** A recording with known answers: clips joined with pauses, and where each one is (to check a timeline against). */
import { ParameterError } from "../util/errors";
import { assertPositive, repr } from "../util/validate";
import { load } from "../audio/load-file";

/** A stretch of a recording and what was said there. */
export interface TruthInterval {
  emotion: string;
  /** Seconds from the start. */
  start: number;
  end: number;
}

/** Options of {@link demoRecording}. */
export interface DemoRecordingOptions {
  /** Sample rate of the recording, Hz. Default 48000 (RAVDESS's). */
  sr?: number;
  /** Silence before, between and after the clips, seconds ≥ 0. Default 1. */
  pause?: number;
}

/**
 * The clips one after the other with `pause` seconds of silence around each one.
 * @param clips WAV files and their emotions (e.g. `onePerEmotion` of one test actor)
 * @returns the mono samples at `sr`, and each clip's interval in seconds
 * @throws ParameterError for no clips or a bad option; FileError for a file that cannot be read
 * @example const { y, sr, truth } = demoRecording(onePerEmotion(clipsOfActors(clips, "20")));
 */
export function demoRecording(
  clips: readonly { path: string; emotion: string }[],
  options: DemoRecordingOptions = {},
): { y: Float32Array; sr: number; truth: TruthInterval[] } {
  const { sr = 48000, pause = 1 } = options;
  assertPositive("sr", sr);
  if (!(Number.isFinite(pause) && pause >= 0)) throw new ParameterError(`pause=${repr(pause)} must be a finite number of seconds ≥ 0`);
  if (clips.length === 0) throw new ParameterError("clips is empty: a demo recording needs at least one clip");
  const gap = Math.round(pause * sr);
  const parts = clips.map((c) => load(c.path, { sr }).y);
  const y = new Float32Array(parts.reduce((n, p) => n + p.length + gap, gap));
  const truth: TruthInterval[] = [];
  let at = gap;
  parts.forEach((p, i) => {
    y.set(p, at);
    truth.push({ emotion: clips[i].emotion, start: at / sr, end: (at + p.length) / sr });
    at += p.length + gap;
  });
  return { y, sr, truth };
}
