/**
 * Long recordings as an emotion timeline: split into voiced segments ({@link voicedIntervals}),
 * score each segment with the model's window (a segment longer than the window is scored window by
 * window, hopping over it, and its probabilities averaged), one row per segment.
 */
import { FileError, ParameterError } from "../util/errors";
import { loadAsync } from "../audio/load-async";
import { voicedIntervals, type Interval, type VoicedIntervalsOptions } from "../effects/voiced-intervals";
import { clipFeatures, featureConfig, type FeatureConfig } from "../features/clip-features";
import { predictProba, type ModelBundle } from "../model/bundle";
import { speakerNormalize } from "../model/speaker-normalize";
import { bundleNormalization } from "./predict";

/** One voiced segment's scores. Times in seconds from the start of the recording. */
export interface SegmentPrediction {
  start: number;
  end: number;
  /** The most probable emotion (of the averaged probabilities). */
  emotion: string;
  confidence: number;
  /** Mean over the segment's windows, one per label. */
  probabilities: Record<string, number>;
  /** How many model windows the segment was scored with. */
  windows: number;
  /**
   * How the windows were standardised for a speaker- or utterance-normalised model: "speaker" (the
   * recording's windows as one speaker, when it has at least `minSpeakerWindows`), "single-clip"
   * (each window with its own statistics), or "global" (the model's own statistics only).
   */
  normalization: "global" | "speaker" | "single-clip";
}

/** A recording's timeline. */
export interface RecordingTimeline {
  path: string;
  /** The whole recording's length (s). */
  duration: number;
  segments: SegmentPrediction[];
}

/** Options of {@link predictSegments} and {@link predictTimeline}. */
export interface TimelineOptions {
  /** Hop between windows in a long segment (s). Default: the window length (no overlap; the last window ends at the segment's end). */
  hop?: number;
  /** Voice-activity options (sr is filled in). */
  vad?: Omit<VoicedIntervalsOptions, "sr">;
  /** Fewest windows for a speaker-normalised model to take the recording as one speaker; with fewer, each window is scored alone. Default 8. */
  minSpeakerWindows?: number;
}

/** The model's window (s): its clip duration, 3 s for a summary model without one. */
export function modelWindowSeconds(config: FeatureConfig): number {
  return config.duration ?? 3;
}

/**
 * The windows that cover a segment: one for a segment no longer than `window`, else windows every
 * `hop` samples plus a last one ending at the segment's end.
 * @returns windows in samples, each `window` long (the first shorter only if the segment is)
 * @example segmentWindows({ start: 0, end: 100 }, 40, 40)  // [0,40) [40,80) [60,100)
 */
export function segmentWindows(segment: Interval, window: number, hop: number): Interval[] {
  if (!(window > 0 && hop > 0)) throw new ParameterError(`window (${window}) and hop (${hop}) must be > 0 samples`);
  const length = segment.end - segment.start;
  if (length <= window) return [{ ...segment }];
  const out: Interval[] = [];
  for (let s = segment.start; s + window < segment.end; s += hop) out.push({ start: s, end: s + window });
  out.push({ start: segment.end - window, end: segment.end });
  return out;
}

/**
 * Scores the voiced segments of mono audio at the bundle's feature rate.
 * @param y mono audio [n] at `featureConfig(bundle.featureConfig).sr`
 * @returns one row per voiced segment (empty when nothing is voiced)
 * @example const rows = predictSegments(bundle, y);  // [{ start: 0.42, end: 3.1, emotion: "calm", ... }]
 */
export function predictSegments(bundle: ModelBundle, y: Float32Array, options: TimelineOptions = {}): SegmentPrediction[] {
  const cfg = featureConfig(bundle.featureConfig as Partial<FeatureConfig>);
  const sr = cfg.sr;
  const window = Math.round(modelWindowSeconds(cfg) * sr);
  const hop = Math.round((options.hop ?? modelWindowSeconds(cfg)) * sr);
  const segments = voicedIntervals(y, { ...options.vad, sr });
  const windows = segments.map((s) => segmentWindows(s, window, hop));
  const all = windows.flat();
  if (all.length === 0) return [];
  const rows = all.map((w) => clipFeatures(y.subarray(w.start, w.end), cfg).data);
  const per = rows[0].length;
  let x = new Float32Array(all.length * per);
  rows.forEach((r, i) => x.set(r, i * per));
  const mode = bundleNormalization(bundle);
  const shape = (bundle.standardizer?.shape ?? [per, 1]) as [number, number];
  let normalization: SegmentPrediction["normalization"] = "global";
  if (mode === "speaker" && all.length >= (options.minSpeakerWindows ?? 8)) {
    // the recording is one speaker: its windows give the statistics
    x = speakerNormalize(
      x,
      shape,
      all.map(() => "recording"),
    );
    normalization = "speaker";
  } else if (mode === "speaker" || mode === "utterance") {
    // too few windows for speaker statistics (or an utterance-normalised model): each window alone, as ser predict does
    x = speakerNormalize(
      x,
      shape,
      all.map((_, i) => i),
      { minClips: 1 },
    );
    normalization = "single-clip";
  }
  const p = predictProba(bundle, x);
  const C = p.cols;
  let k = 0;
  return segments.map((s, i) => {
    const mean = new Float64Array(C);
    for (let w = 0; w < windows[i].length; w++, k++) for (let c = 0; c < C; c++) mean[c] += p.data[k * C + c] / windows[i].length;
    let best = 0;
    const probabilities: Record<string, number> = {};
    bundle.labels.forEach((label, c) => {
      probabilities[label] = mean[c];
      if (mean[c] > mean[best]) best = c;
    });
    return {
      start: s.start / sr,
      end: s.end / sr,
      emotion: bundle.labels[best],
      confidence: mean[best],
      probabilities,
      windows: windows[i].length,
      normalization,
    };
  });
}

/**
 * Loads a recording of any supported format (see `loadAsync`) and scores its voiced segments.
 * @example const t = await predictTimeline(bundle, "interview.mp3"); console.table(t.segments);
 */
export async function predictTimeline(bundle: ModelBundle, path: string, options: TimelineOptions = {}): Promise<RecordingTimeline> {
  const cfg = featureConfig(bundle.featureConfig as Partial<FeatureConfig>);
  const audio = await loadAsync(path, { sr: cfg.sr });
  try {
    return { path, duration: audio.fileDuration, segments: predictSegments(bundle, audio.y, options) };
  } catch (err) {
    if (err instanceof ParameterError) throw new FileError(path, err.message);
    throw err;
  }
}
