/**
 * Features of one dataset item (a file, optionally augmented), through the feature cache: the unit
 * of work of {@link extractDataset}, run inside each worker (or in-process with `workers: 0`).
 */
import fs from "node:fs";
import { FileError, SerError } from "../util/errors";
import type { Matrix } from "../util/matrix";
import { loadBytes } from "../audio/load";
import { applyAugmentation, augmentationKey, AUGMENTATION_VERSION, type AugmentationSpec } from "../augment/spec";
import { clipFeatures, type FeatureConfig } from "../features/clip-features";
import { featureConfigHash } from "../features/config-hash";
import { FeatureCache, hashBytes, type FeatureCacheKey } from "../features/cache";

/** One item of a dataset: an audio file, and the augmentation to apply to it (none: the original). */
export interface ExtractItem {
  /** Path of the audio file (WAV). */
  path: string;
  /** Augmentation applied after loading, before the features. */
  augmentation?: AugmentationSpec;
}

/** The outcome of one item: its features, or why it failed. */
export type ClipOutcome = { ok: true; value: Matrix; cached: boolean } | { ok: false; message: string };

/**
 * Loads `item` (librosa.load at config.sr from config.offset for config.duration), applies its
 * augmentation, computes the config's representation — or reads it from `cache`.
 * Never throws for a bad file: returns `{ ok: false, message }` naming the path.
 * @example const r = extractClip({ path }, featureConfig(), new FeatureCache());  // r.ok ? r.value : r.message
 */
export function extractClip(item: ExtractItem, config: FeatureConfig, cache: FeatureCache | null, configHash = featureConfigHash(config)): ClipOutcome {
  try {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(item.path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new FileError(item.path, code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder, not an audio file" : (err as Error).message);
    }
    const key: FeatureCacheKey | null = cache
      ? {
          contentHash: hashBytes(bytes),
          configHash,
          augmentation: item.augmentation ? `v${AUGMENTATION_VERSION}:${augmentationKey(item.augmentation)}` : undefined,
        }
      : null;
    if (cache && key) {
      const hit = cache.get(key);
      if (hit) return { ok: true, value: hit, cached: true };
    }
    let { y } = loadBytes(bytes, { sr: config.sr, offset: config.offset, duration: config.duration, name: item.path });
    if (item.augmentation) y = applyAugmentation(y, config.sr, item.augmentation);
    const f = clipFeatures(y, config);
    const value: Matrix = { data: f.data, rows: f.rows, cols: f.cols };
    if (cache && key) cache.set(key, value);
    return { ok: true, value, cached: false };
  } catch (err) {
    const msg = err instanceof SerError ? err.message : `${(err as Error)?.name ?? "Error"}: ${(err as Error)?.message ?? String(err)}`;
    return { ok: false, message: msg.includes(item.path) ? msg : `${item.path}: ${msg}` };
  }
}
