/** Checking a timeline against known answers: which sentence each segment overlaps most, and how many were found and named. */
import type { TruthInterval } from "./demo-recording";

/** Seconds that two intervals share (0 when they do not overlap). */
export function overlapSeconds(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/** What {@link compareWithTruth} returns. */
export interface TruthComparison {
  /** Per segment: the emotion of the true interval it overlaps most (ties: the earlier one), or null when it overlaps none. */
  spokenAs: (string | null)[];
  /** True intervals that some segment overlaps. */
  found: number;
  /** Segments whose predicted emotion is their `spokenAs`. */
  right: number;
}

/**
 * Compares predicted segments with the true intervals of a recording.
 * @example const { spokenAs, found, right } = compareWithTruth(timeline.segments, truth);
 */
export function compareWithTruth(segments: readonly { start: number; end: number; emotion: string }[], truth: readonly TruthInterval[]): TruthComparison {
  const spokenAs = segments.map((s) => {
    let best: TruthInterval | null = null;
    for (const t of truth) if (overlapSeconds(s, t) > (best ? overlapSeconds(s, best) : 0)) best = t;
    return best ? best.emotion : null;
  });
  return {
    spokenAs,
    found: truth.filter((t) => segments.some((s) => overlapSeconds(s, t) > 0)).length,
    right: segments.filter((s, i) => spokenAs[i] !== null && s.emotion === spokenAs[i]).length,
  };
}
