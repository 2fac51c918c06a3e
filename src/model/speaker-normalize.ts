/**
 * Speaker normalisation: each speaker's features are standardised with that speaker's own mean and
 * standard deviation, removing much of what distinguishes voices (pitch range, loudness, timbre)
 * before the emotion classifier sees them — a standard step of speaker-independent emotion
 * recognition. It needs several clips of a speaker but no labels: at test time the statistics come
 * from the test speaker's own unlabelled clips.
 *
 * Statistics are per feature: over clip positions for summary vectors laid out T × 1 (one mean per
 * position), over all frames for sequences T × F (one mean per feature column).
 */
import { ParameterError } from "../util/errors";
import { assertPositiveInt } from "../util/validate";

/** Per-speaker statistics. */
export interface SpeakerStats {
  mean: Float64Array;
  std: Float64Array;
  /** Clips the statistics came from. */
  nClips: number;
}

function statWidth(shape: [number, number]): number {
  return shape[1] === 1 ? shape[0] : shape[1];
}

/**
 * Mean and standard deviation (ddof 0; zeros replaced by 1) of the given clips.
 * @param x clips, flat row-major [n × T × F]
 * @param shape [T, F] of one clip
 * @param clips indices of the clips to use
 */
export function speakerStats(x: Float32Array, shape: [number, number], clips: readonly number[]): SpeakerStats {
  assertPositiveInt("shape[0]", shape[0]);
  assertPositiveInt("shape[1]", shape[1]);
  if (clips.length === 0) throw new ParameterError("speaker statistics need at least one clip");
  const per = shape[0] * shape[1];
  const w = statWidth(shape);
  const sum = new Float64Array(w);
  const sq = new Float64Array(w);
  let count = 0;
  for (const c of clips) {
    const base = c * per;
    if (base + per > x.length) throw new ParameterError(`clip ${c} is out of range (${x.length / per} clips)`);
    if (shape[1] === 1) {
      for (let i = 0; i < w; i++) sum[i] += x[base + i];
      count++;
    } else {
      for (let t = 0; t < shape[0]; t++) for (let f = 0; f < w; f++) sum[f] += x[base + t * w + f];
      count += shape[0];
    }
  }
  const mean = sum.map((s) => s / count);
  for (const c of clips) {
    const base = c * per;
    if (shape[1] === 1) for (let i = 0; i < w; i++) sq[i] += (x[base + i] - mean[i]) ** 2;
    else for (let t = 0; t < shape[0]; t++) for (let f = 0; f < w; f++) sq[f] += (x[base + t * w + f] - mean[f]) ** 2;
  }
  const std = sq.map((s) => {
    const v = Math.sqrt(s / count);
    return v > 0 ? v : 1;
  });
  return { mean, std, nClips: clips.length };
}

/** Options of {@link speakerNormalize}. */
export interface SpeakerNormalizeOptions {
  /**
   * Which clips the statistics of each speaker come from (e.g. originals only, not augmented
   * copies); every clip is normalised with its speaker's statistics. Default: all clips.
   */
  useForStats?: (clipIndex: number) => boolean;
  /** Fewest clips a speaker needs for reliable statistics, integer ≥ 1. Default 2. */
  minClips?: number;
}

/**
 * Standardises every clip with its speaker's own statistics.
 * @param x clips [n × T × F] (not modified)
 * @param shape [T, F]
 * @param speakers speaker key of each clip [n] (e.g. the RAVDESS actor)
 * @returns the normalised clips, a new array [n × T × F]
 * @example const xs = speakerNormalize(ds.test.x, ds.shape, ds.test.items.map((it) => it.actor));
 */
export function speakerNormalize(
  x: Float32Array,
  shape: [number, number],
  speakers: readonly (string | number)[],
  options: SpeakerNormalizeOptions = {},
): Float32Array {
  const per = shape[0] * shape[1];
  const n = x.length / per;
  if (!Number.isInteger(n)) throw new ParameterError(`x has ${x.length} values, not a whole number of [${shape}] clips`);
  if (speakers.length !== n) throw new ParameterError(`speakers has ${speakers.length} entries but x holds ${n} clips`);
  const minClips = options.minClips ?? 2;
  const groups = new Map<string | number, number[]>();
  const statClips = new Map<string | number, number[]>();
  speakers.forEach((s, i) => {
    groups.set(s, [...(groups.get(s) ?? []), i]);
    if (!options.useForStats || options.useForStats(i)) statClips.set(s, [...(statClips.get(s) ?? []), i]);
  });
  const out = new Float32Array(x.length);
  const w = statWidth(shape);
  for (const [s, clips] of groups) {
    const use = statClips.get(s) ?? [];
    if (use.length < minClips) {
      throw new ParameterError(`speaker ${JSON.stringify(s)} has ${use.length} clip(s) for statistics; speaker normalisation needs at least ${minClips}`);
    }
    const st = speakerStats(x, shape, use);
    for (const c of clips) {
      const base = c * per;
      if (shape[1] === 1) for (let i = 0; i < w; i++) out[base + i] = (x[base + i] - st.mean[i]) / st.std[i];
      else for (let t = 0; t < shape[0]; t++) for (let f = 0; f < w; f++) out[base + t * w + f] = (x[base + t * w + f] - st.mean[f]) / st.std[f];
    }
  }
  return out;
}
