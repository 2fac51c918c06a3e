/**
 * From RAVDESS clips to model arrays, speaker-independently: scan the folder, split by actor,
 * augment **training clips only** (after the split), extract features for every item through the
 * cache on all cores, and pack flat Float32 arrays with integer labels.
 *
 * Layout of the arrays: the summary representation becomes [columns, 1] per clip (the seed
 * project's Conv1D over the feature vector); the sequence representation [frames, columns].
 */
import { FileError, ParameterError } from "../util/errors";
import { scanRavdess } from "../data/scan";
import { assertActorsPresent, assertSpeakerIndependent, splitByActor } from "../data/split";
import { EMOTIONS, emotionIndex, type RavdessClip } from "../data/ravdess";
import { augmentTrainingSet, type AugmentedItem } from "../augment/policy";
import { extractDataset, type ExtractError, type ExtractProgress } from "./extract";
import type { ExperimentConfig } from "./config";
import { augmentationPolicy } from "./config";
import { speakerNormalize } from "../model/speaker-normalize";

/** One split's arrays (speaker-normalised already when the config asks for it). */
export interface SplitArrays {
  /** Clips, flat row-major [n × timesteps × features]. */
  x: Float32Array;
  /** Emotion index of each clip (EMOTIONS order). */
  y: Int32Array;
  /** The item behind each clip (source clip, actor, augmentation if any), in row order. */
  items: AugmentedItem<RavdessClip>[];
  /**
   * Test split, with per-speaker normalisation: the same clips normalised as a single clip of an unknown
   * speaker would be (each with its own statistics, "utterance"), to score the single-clip case.
   */
  xSingle?: Float32Array;
}

/** What {@link buildDataset} returns. */
export interface Dataset {
  train: SplitArrays;
  val: SplitArrays;
  test: SplitArrays;
  /** [timesteps, features] of one clip. */
  shape: [number, number];
  /** Feature column names (length = features for sequences, timesteps for summaries). */
  columns: string[];
  /** Class names by label index. */
  labels: string[];
  /** Items that could not be read or processed (left out of the arrays). */
  errors: ExtractError[];
  /** Extraction statistics (cache hits, time). */
  extraction: { total: number; computed: number; cacheHits: number; errors: number; seconds: number; workers: number };
}

/** Options of {@link buildDataset}. */
export interface BuildDatasetOptions {
  /** Feature extraction progress (per item). */
  onProgress?: (p: ExtractProgress) => void;
  /** Worker threads for extraction. Default: all cores. */
  workers?: number;
  /** Feature cache root (null: no cache). Default `.cache/features`. */
  cacheDir?: string | null;
  /** Clips to use instead of scanning `config.dataRoot` (tests, subsets). */
  clips?: RavdessClip[];
  /**
   * Largest share of items allowed to fail before the build is abandoned, in [0, 1]. Default 0.01:
   * a few unreadable files are reported and left out; a broken dataset stops with an error.
   */
  maxErrorRate?: number;
}

/**
 * Builds train/val/test arrays for an experiment. Augmented copies are made for training clips
 * only, after the actor-wise split; the split is asserted speaker-independent.
 * @example const ds = await buildDataset(experimentConfig({ augmentation: "none" }));  // ds.train.x, ds.shape
 */
export async function buildDataset(config: ExperimentConfig, options: BuildDatasetOptions = {}): Promise<Dataset> {
  let clips = options.clips ?? (await scanRavdess(config.dataRoot));
  if (config.actors) {
    const keep = new Set(config.actors);
    clips = clips.filter((c) => keep.has(c.actor));
  }
  if (clips.length === 0) throw new FileError(config.dataRoot, "no RAVDESS clips found (run `npm run data` first)");
  const split = splitByActor(clips, { ...config.split, ignore: "rest" });
  if (split.train.length === 0) throw new ParameterError(`no clips of the training actors ${config.split.train.join(",")} in ${config.dataRoot}`);
  assertActorsPresent(config.split, split, config.dataRoot);
  assertSpeakerIndependent(split);
  const items = augmentTrainingSet(split, augmentationPolicy(config.augmentation), { seed: config.seed });
  assertSpeakerIndependent(items);
  const all = [...items.train, ...items.val, ...items.test];
  const res = await extractDataset(
    all.map((it) => ({ path: it.path, augmentation: it.augmentation })),
    config.features,
    { workers: options.workers, cacheDir: options.cacheDir, onProgress: options.onProgress },
  );
  const maxErrorRate = options.maxErrorRate ?? 0.01;
  if (res.errors.length > maxErrorRate * all.length) {
    const first = res.errors
      .slice(0, 5)
      .map((e) => `  ${e.message}`)
      .join("\n");
    throw new ParameterError(`${res.errors.length} of ${all.length} items failed (more than ${(maxErrorRate * 100).toFixed(1)}%), e.g.:\n${first}`);
  }
  const first = res.features.find((f) => f !== null);
  if (!first) throw new ParameterError("no item produced features");
  const summary = config.features.representation === "summary";
  const shape: [number, number] = summary ? [first.cols * first.rows, 1] : [first.rows, first.cols];
  const per = shape[0] * shape[1];
  let offset = 0;
  const pack = (list: AugmentedItem<RavdessClip>[]): SplitArrays => {
    const kept: AugmentedItem<RavdessClip>[] = [];
    const rows: Float32Array[] = [];
    list.forEach((it, i) => {
      const f = res.features[offset + i];
      if (!f) return;
      if (f.data.length !== per) throw new ParameterError(`${it.path}: features have ${f.data.length} values, expected ${per} (${shape.join(" × ")})`);
      kept.push(it);
      rows.push(f.data);
    });
    offset += list.length;
    const x = new Float32Array(kept.length * per);
    rows.forEach((r, i) => x.set(r, i * per));
    const y = Int32Array.from(kept.map((it) => emotionIndex(it.clip.emotion)));
    if (config.normalization === "speaker" && kept.length) {
      // Each actor's statistics come from that actor's original clips (never from augmented copies).
      const xs = speakerNormalize(
        x,
        shape,
        kept.map((it) => it.actor),
        { useForStats: (i) => !kept[i].augmentation },
      );
      const xSingle =
        list !== items.test
          ? undefined
          : speakerNormalize(
              x,
              shape,
              kept.map((_, i) => i),
              { minClips: 1 },
            );
      return { x: xs, y, items: kept, xSingle };
    }
    if (config.normalization === "utterance" && kept.length) {
      // Each clip is its own "speaker": statistics over its own frames, no other clip needed.
      return {
        x: speakerNormalize(
          x,
          shape,
          kept.map((_, i) => i),
          { minClips: 1 },
        ),
        y,
        items: kept,
      };
    }
    return { x, y, items: kept };
  };
  const train = pack(items.train);
  const val = pack(items.val);
  const test = pack(items.test);
  return {
    train,
    val,
    test,
    shape,
    columns: res.columns,
    labels: [...EMOTIONS],
    errors: res.errors,
    extraction: res.stats,
  };
}
