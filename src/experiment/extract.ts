/**
 * Feature extraction for a whole dataset on every core: items (files, optionally augmented) are
 * handed out one at a time to `worker_threads` workers (default: os.availableParallelism()), each
 * computing {@link clipFeatures} through the on-disk {@link FeatureCache}. Results come back in
 * input order; a file that cannot be used is reported with its path and does not stop the run.
 *
 * Workers run from dist/ (compiled .js, as notebooks use the library) or from src/ under tsx (tests,
 * scripts): a .ts worker is started through a small bootstrap that registers tsx's require hook.
 */
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import { Worker } from "node:worker_threads";
import { ParameterError } from "../util/errors";
import type { Matrix } from "../util/matrix";
import { assertNonNegativeInt } from "../util/validate";
import { formatDuration, progressBar, progressLinePrinter } from "../util/progress";
import { featureColumns, featureConfig, type FeatureConfig } from "../features/clip-features";
import { featureConfigHash } from "../features/config-hash";
import { FeatureCache } from "../features/cache";
import { extractClip, type ExtractItem } from "./extract-clip";
import type { WorkerInit, WorkerJob, WorkerReply } from "./extract-worker";

export type { ExtractItem } from "./extract-clip";

/** Progress of a run, passed to `onProgress` after each item. */
export interface ExtractProgress {
  /** Items finished (computed, from cache, or failed). */
  done: number;
  total: number;
  /** Items served from the cache so far. */
  cacheHits: number;
  /** Items that failed so far. */
  errors: number;
  /** Seconds since the start. */
  elapsed: number;
  /** Finished items per second so far. */
  clipsPerSecond: number;
  /** Estimated seconds left at the current rate (Infinity before the first item). */
  eta: number;
}

/** Options of {@link extractDataset}. */
export interface ExtractOptions {
  /** Worker threads, integer ≥ 0; 0 runs in this thread. Default os.availableParallelism() (capped at the item count). */
  workers?: number;
  /** Cache root; null disables the cache. Default `<project>/.cache/features`. */
  cacheDir?: string | null;
  /** Called after every finished item. */
  onProgress?: (p: ExtractProgress) => void;
}

/** A failed item. */
export interface ExtractError {
  /** Position in the input. */
  index: number;
  path: string;
  /** What went wrong (names the path). */
  message: string;
}

/** Result of {@link extractDataset}. */
export interface ExtractResult {
  /** One Matrix per item in input order (sequence [frames, columns] or summary [1, columns]); null for failed items. */
  features: (Matrix | null)[];
  /** Column names of every Matrix. */
  columns: string[];
  /** The config used (complete), and its hash (the cache folder). */
  config: FeatureConfig;
  configHash: string;
  /** Failed items, in input order. */
  errors: ExtractError[];
  /** Counts and time of the run. */
  stats: { total: number; computed: number; cacheHits: number; errors: number; seconds: number; workers: number };
}

function workerScript(): { file: string; ts: boolean } {
  const ext = path.extname(__filename);
  const file = path.join(__dirname, `extract-worker${ext}`);
  if (!fs.existsSync(file)) throw new ParameterError(`extract worker not found at ${file}`);
  return { file, ts: ext === ".ts" };
}

function startWorker(init: WorkerInit): Worker {
  const { file, ts } = workerScript();
  if (!ts) return new Worker(file, { workerData: init });
  // Under tsx: register tsx's CommonJS hook in the worker, then load the .ts worker.
  const tsx = require.resolve("tsx/cjs");
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(file)});`, { eval: true, workerData: init });
}

/**
 * Extracts the features of every item, on all cores, through the cache.
 * @param items files (and augmentations) to process
 * @param config the feature configuration (partial: defaults filled in)
 * @returns features in input order (null where an item failed), column names, errors and stats
 * @example
 * const res = await extractDataset(clips.map((c) => ({ path: c.path })), { representation: "summary" },
 *   { onProgress: extractProgressPrinter() });
 * console.log(res.stats, res.errors);
 */
export async function extractDataset(items: readonly ExtractItem[], config: Partial<FeatureConfig> = {}, options: ExtractOptions = {}): Promise<ExtractResult> {
  const cfg = featureConfig(config);
  const configHash = featureConfigHash(cfg);
  if (!Array.isArray(items)) throw new ParameterError("items must be an array of { path, augmentation? }");
  items.forEach((it, i) => {
    if (!it || typeof it.path !== "string" || it.path.length === 0)
      throw new ParameterError(`items[${i}].path=${JSON.stringify(it?.path)} must be a non-empty string`);
  });
  if (options.workers !== undefined) assertNonNegativeInt("workers", options.workers);
  const nWorkers = Math.min(options.workers ?? os.availableParallelism(), items.length);
  const cacheDir = options.cacheDir === undefined ? new FeatureCache().root : options.cacheDir === null ? null : path.resolve(options.cacheDir);
  if (cacheDir) new FeatureCache({ root: cacheDir }).describe(cfg);
  const total = items.length;
  const features: (Matrix | null)[] = new Array(total).fill(null);
  const errors: ExtractError[] = [];
  let done = 0;
  let cacheHits = 0;
  const t0 = performance.now();
  const report = () => {
    if (!options.onProgress) return;
    const elapsed = (performance.now() - t0) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    options.onProgress({ done, total, cacheHits, errors: errors.length, elapsed, clipsPerSecond: rate, eta: rate > 0 ? (total - done) / rate : Infinity });
  };
  const finish = (index: number, r: { ok: true; value: Matrix; cached: boolean } | { ok: false; message: string }) => {
    if (r.ok) {
      features[index] = r.value;
      if (r.cached) cacheHits++;
    } else errors.push({ index, path: items[index].path, message: r.message });
    done++;
    report();
  };

  if (nWorkers === 0) {
    const cache = cacheDir ? new FeatureCache({ root: cacheDir }) : null;
    for (let i = 0; i < total; i++) {
      finish(i, extractClip(items[i], cfg, cache, configHash));
      if (i % 8 === 7) await new Promise((r) => setImmediate(r)); // let progress output flush
    }
  } else {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let live = 0;
      const inflight = new Map<Worker, Set<number>>();
      const give = (w: Worker) => {
        if (next >= total) return false;
        const index = next++;
        inflight.get(w)!.add(index);
        w.postMessage({ index, item: items[index] } satisfies WorkerJob);
        return true;
      };
      const spawn = () => {
        const w = startWorker({ config: cfg, cacheDir });
        live++;
        inflight.set(w, new Set());
        w.on("message", (m: WorkerReply) => {
          inflight.get(w)!.delete(m.index);
          finish(m.index, m.ok ? { ok: true, value: { data: m.data, rows: m.rows, cols: m.cols }, cached: m.cached } : m);
          if (!give(w) && inflight.get(w)!.size === 0) void w.terminate();
        });
        w.on("error", (err) => {
          // A worker died (not a per-item failure, those are replies): fail its items, replace it.
          for (const index of inflight.get(w) ?? []) finish(index, { ok: false, message: `${items[index].path}: worker crashed (${err.message})` });
          inflight.get(w)?.clear();
        });
        w.on("exit", (code) => {
          live--;
          const pending = inflight.get(w) ?? new Set();
          for (const index of pending) finish(index, { ok: false, message: `${items[index].path}: worker exited with code ${code}` });
          inflight.delete(w);
          if (next < total && code !== 0) {
            try {
              const nw = spawn();
              give(nw);
              give(nw);
            } catch (e) {
              reject(e);
              return;
            }
          }
          if (live === 0) {
            if (done === total) resolve();
            else if (next >= total) resolve();
            else reject(new Error(`extractDataset: all workers exited with ${total - done} items left`));
          }
        });
        return w;
      };
      for (let i = 0; i < nWorkers; i++) {
        const w = spawn();
        // two items in flight per worker, so a worker never waits for the main thread
        give(w);
        give(w);
      }
    });
  }
  errors.sort((a, b) => a.index - b.index);
  const seconds = (performance.now() - t0) / 1000;
  return {
    features,
    columns: featureColumns(cfg),
    config: cfg,
    configHash,
    errors,
    stats: { total, computed: total - cacheHits - errors.length, cacheHits, errors: errors.length, seconds, workers: nWorkers },
  };
}

/**
 * The summaries of a run as one Matrix [items, columns] (failed items are left out; `index` maps
 * rows back to input positions). For the summary representation.
 * @example const { X, index } = stackSummaries(await extractDataset(items, cfg));  // X: [clips, 195]
 */
export function stackSummaries(result: Pick<ExtractResult, "features">): { X: Matrix; index: Int32Array } {
  const ok = result.features.map((f, i) => [f, i] as const).filter(([f]) => f !== null) as [Matrix, number][];
  if (ok.length === 0) return { X: { data: new Float32Array(0), rows: 0, cols: 0 }, index: new Int32Array(0) };
  const cols = ok[0][0].cols;
  const X = new Float32Array(ok.length * cols);
  ok.forEach(([f, i], r) => {
    if (f.rows !== 1 || f.cols !== cols) throw new ParameterError(`item ${i} is ${f.rows} × ${f.cols}, not a summary row of ${cols} columns`);
    X.set(f.data, r * cols);
  });
  return { X: { data: X, rows: ok.length, cols }, index: Int32Array.from(ok.map(([, i]) => i)) };
}

/**
 * One line of progress: `[########............]  412/1200  cache 400  errors 0  95.3 clips/s  ETA 0:08` (ETA "?" before the first item).
 * @param width width of the bar in characters. Default 24.
 * @example formatExtractProgress(p)  // "[###...] 300/1200  cache 100  errors 0  30.0 clips/s  ETA 0:30"
 */
export function formatExtractProgress(p: ExtractProgress, width = 24): string {
  const frac = p.total > 0 ? p.done / p.total : 1;
  const n = String(p.total).length;
  return `${progressBar(frac, width)} ${String(p.done).padStart(n)}/${p.total}  cache ${p.cacheHits}  errors ${p.errors}  ${p.clipsPerSecond.toFixed(1)} clips/s  ${p.done === p.total ? `done in ${formatDuration(p.elapsed)}` : `ETA ${formatDuration(p.eta)}`}`;
}

/**
 * A progress callback for the CLI: redraws one line on a TTY (at most every `intervalMs`), or
 * prints a line every 10% otherwise (`progressLinePrinter` of `util/progress.ts`).
 * @example await extractDataset(items, cfg, { onProgress: extractProgressPrinter() });
 */
export function extractProgressPrinter(stream: NodeJS.WriteStream = process.stderr, intervalMs = 100): (p: ExtractProgress) => void {
  return progressLinePrinter<ExtractProgress>(
    (p) => formatExtractProgress(p),
    (p) => ({ fraction: p.total > 0 ? p.done / p.total : 1, done: p.done === p.total }),
    { stream, intervalMs, everyPercent: 10, everySeconds: Infinity },
  );
}
