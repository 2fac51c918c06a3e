/** Summary statistics of per-frame features over a clip's frames (the "summary" representation). */
import { ParameterError } from "../util/errors";
import type { Matrix } from "../util/matrix";
import type { SummaryStat } from "./feature-config";

/**
 * Column statistics of per-frame features: means over frames (float64 accumulation), then
 * population standard deviations (numpy's default ddof=0) if requested.
 * @param frames Matrix [t, d]
 * @returns Float32Array [d · stats.length]
 * @example summarize(frameFeatures(y, cfg), ["mean", "std"])  // 390 values
 */
export function summarize(frames: Matrix, stats: readonly SummaryStat[] = ["mean"]): Float32Array {
  const { rows: T, cols: D, data } = frames;
  if (T === 0) throw new ParameterError("cannot summarise a clip with 0 frames");
  const mean = new Float64Array(D);
  for (let t = 0; t < T; t++) for (let d = 0; d < D; d++) mean[d] += data[t * D + d];
  for (let d = 0; d < D; d++) mean[d] /= T;
  const out = new Float32Array(D * stats.length);
  stats.forEach((s, i) => {
    if (s === "mean") out.set(mean, i * D);
    else {
      const v = new Float64Array(D);
      for (let t = 0; t < T; t++) {
        for (let d = 0; d < D; d++) {
          const e = data[t * D + d] - mean[d];
          v[d] += e * e;
        }
      }
      for (let d = 0; d < D; d++) out[i * D + d] = Math.sqrt(v[d] / T);
    }
  });
  return out;
}
