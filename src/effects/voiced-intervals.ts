/**
 * Voice-activity detection of our own: where in a recording someone speaks, from short-time energy
 * and zero-crossing rate — the intervals `ser predict --segments` scores. In the spirit of
 * `librosa.effects.split` (non-silent intervals in samples), but adaptive to the recording's own
 * noise floor, with hysteresis, gap merging and padding, so one utterance is one interval.
 *
 * Method, per 25 ms frame (10 ms hop): level in dB (mean square) and the fraction of sign changes.
 * The noise floor is the 10th percentile of the levels and the speech level their 99th; a frame
 * opens a segment when it is above `floor + open · (peak − floor)` and its zero-crossing rate is at
 * most `maxZcr` (voiced speech is periodic and low-ZCR; hiss and broadband noise cross zero
 * often); the segment extends over neighbouring frames above `floor + extend · (peak − floor)`
 * (unvoiced consonants, decays). Frames below `silenceDb` (dBFS) never count. Then gaps shorter than
 * `minSilence` are bridged, segments shorter than `minDuration` dropped, and each is padded by `pad`.
 *
 * Pure: typed arrays in, intervals out.
 */
import { ParameterError } from "../util/errors";
import { assertPositive, repr } from "../util/validate";

/** A voiced interval of a recording, in samples: `y.subarray(start, end)`. */
export interface Interval {
  /** First sample (inclusive). */
  start: number;
  /** Last sample + 1 (exclusive). */
  end: number;
}

/** Options of {@link voicedIntervals}; times in seconds. */
export interface VoicedIntervalsOptions {
  /** Sampling rate of `y` (Hz). Required. */
  sr: number;
  /** Frame length (s). Default 0.025. */
  frameLength?: number;
  /** Frame hop (s). Default 0.010. */
  hopLength?: number;
  /** Opening threshold, as a fraction of the way from the noise floor to the speech level. Default 0.5. */
  open?: number;
  /** Extending threshold, same scale (≤ open). Default 0.25. */
  extend?: number;
  /** Highest zero-crossing rate (crossings per sample) of a frame that opens a segment. Default 0.25. */
  maxZcr?: number;
  /** Frames quieter than this (dB re full scale) are silence whatever the floor. Default −60. */
  silenceDb?: number;
  /** Least level difference between floor and speech (dB) for anything to count as voiced. Default 6. */
  minRangeDb?: number;
  /** Gaps shorter than this are bridged (s). Default 0.3. */
  minSilence?: number;
  /** Segments shorter than this (before padding) are dropped (s). Default 0.25. */
  minDuration?: number;
  /** Padding added on each side (s), clipped to the recording and to the neighbours. Default 0.1. */
  pad?: number;
}

function percentile(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}

/** Per-frame level (dB re full scale, mean square) and zero-crossing rate of `y`. */
export function frameLevels(y: Float32Array, frame: number, hop: number): { db: Float64Array; zcr: Float64Array } {
  const n = y.length < frame ? 1 : 1 + Math.floor((y.length - frame) / hop);
  const db = new Float64Array(n);
  const zcr = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const a = t * hop;
    const b = Math.min(y.length, a + frame);
    let e = 0;
    let z = 0;
    for (let i = a; i < b; i++) {
      e += y[i] * y[i];
      if (i > a && y[i] >= 0 !== y[i - 1] >= 0) z++;
    }
    db[t] = 10 * Math.log10(e / Math.max(1, b - a) + 1e-12);
    zcr[t] = z / Math.max(1, b - a - 1);
  }
  return { db, zcr };
}

/**
 * The voiced intervals of a recording (see the file comment for the method).
 * @param y mono audio [n]
 * @returns intervals in samples, sorted, non-overlapping; empty for silence or noise alone
 * @example for (const { start, end } of voicedIntervals(y, { sr })) console.log(start / sr, end / sr);
 */
export function voicedIntervals(y: Float32Array, options: VoicedIntervalsOptions): Interval[] {
  const {
    sr,
    frameLength = 0.025,
    hopLength = 0.01,
    open = 0.5,
    extend = 0.25,
    maxZcr = 0.25,
    silenceDb = -60,
    minRangeDb = 6,
    minSilence = 0.3,
    minDuration = 0.25,
    pad = 0.1,
  } = options;
  if (!(y instanceof Float32Array)) throw new ParameterError("y must be a Float32Array (mono audio)");
  assertPositive("sr", sr);
  assertPositive("frameLength", frameLength);
  assertPositive("hopLength", hopLength);
  if (!(extend >= 0 && extend <= open && open <= 1)) throw new ParameterError(`need 0 ≤ extend (${repr(extend)}) ≤ open (${repr(open)}) ≤ 1`);
  for (const [k, v] of Object.entries({ minSilence, minDuration, pad })) {
    if (!(Number.isFinite(v) && v >= 0)) throw new ParameterError(`${k}=${repr(v)} must be a finite number ≥ 0 (seconds)`);
  }
  if (y.length === 0) return [];
  for (let i = 0; i < y.length; i++) if (!Number.isFinite(y[i])) throw new ParameterError(`y[${i}]=${y[i]}: audio must be finite`);
  const frame = Math.max(2, Math.round(frameLength * sr));
  const hop = Math.max(1, Math.round(hopLength * sr));
  const { db, zcr } = frameLevels(y, frame, hop);
  const sorted = Float64Array.from(db).sort();
  const floor = percentile(sorted, 0.1);
  const peak = percentile(sorted, 0.99);
  if (peak < silenceDb || peak - floor < minRangeDb) {
    // One level throughout: voiced only if loud enough and mostly low-ZCR (a steady voice, not hiss).
    const zs = Float64Array.from(zcr).sort();
    return peak >= silenceDb && percentile(zs, 0.5) <= maxZcr ? [{ start: 0, end: y.length }] : [];
  }
  const openDb = Math.max(silenceDb, floor + open * (peak - floor));
  const extendDb = Math.max(silenceDb, floor + extend * (peak - floor));
  const T = db.length;
  // Frame runs above the extending threshold that contain at least one opening frame.
  const runs: [number, number][] = [];
  for (let t = 0; t < T;) {
    if (db[t] < extendDb) {
      t++;
      continue;
    }
    let u = t;
    let opens = false;
    while (u < T && db[u] >= extendDb) {
      if (db[u] >= openDb && zcr[u] <= maxZcr) opens = true;
      u++;
    }
    if (opens) runs.push([t, u]);
    t = u;
  }
  // Frames → samples; bridge short gaps; drop short segments; pad.
  const toSamples = ([a, b]: [number, number]): Interval => ({ start: a * hop, end: Math.min(y.length, (b - 1) * hop + frame) });
  const merged: Interval[] = [];
  for (const r of runs.map(toSamples)) {
    const last = merged[merged.length - 1];
    if (last && r.start - last.end < minSilence * sr) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  const kept = merged.filter((s) => s.end - s.start >= minDuration * sr);
  const p = Math.round(pad * sr);
  const mid = (i: number) => Math.floor((kept[i].end + kept[i + 1].start) / 2);
  return kept.map((s, i) => ({
    start: Math.max(0, s.start - p, i > 0 ? mid(i - 1) : 0),
    end: Math.min(y.length, s.end + p, i + 1 < kept.length ? mid(i) : y.length),
  }));
}
