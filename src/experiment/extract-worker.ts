/**
 * Worker-thread side of {@link extractDataset}: receives items, answers with their features
 * (copied, see below) or an error message. Started by extract.ts, from dist/ as .js or from
 * src/ through tsx; not meant to be imported.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { FeatureConfig } from "../features/clip-features";
import { featureConfigHash } from "../features/config-hash";
import { FeatureCache } from "../features/cache";
import { extractClip, type ExtractItem } from "./extract-clip";

/** Message from the main thread: one item to process. */
export interface WorkerJob {
  index: number;
  item: ExtractItem;
}

/** Message to the main thread. */
export type WorkerReply =
  { index: number; ok: true; data: Float32Array; rows: number; cols: number; cached: boolean } | { index: number; ok: false; message: string };

/** What the worker is started with. */
export interface WorkerInit {
  config: FeatureConfig;
  cacheDir: string | null;
}

if (parentPort) {
  const port = parentPort;
  const { config, cacheDir } = workerData as WorkerInit;
  const cache = cacheDir
    ? new FeatureCache({ root: cacheDir, onCorrupt: (file, problem) => process.emitWarning(`feature cache: corrupt entry ${file} (${problem}); recomputing`) })
    : null;
  const configHash = featureConfigHash(config);
  port.on("message", (job: WorkerJob) => {
    const r = extractClip(job.item, config, cache, configHash);
    if (r.ok) {
      const data = r.value.data;
      const reply: WorkerReply = { index: job.index, ok: true, data, rows: r.value.rows, cols: r.value.cols, cached: r.cached };
      // Copied, not transferred: transferring detaches an ArrayBuffer in this isolate, which
      // invalidates V8's "no ArrayBuffer was ever detached" protector for good and makes every
      // typed-array access of all later clips ~25% slower (an extra detached check per access).
      // A result is 0.8–100 kB; the copy costs microseconds.
      port.postMessage(reply);
    } else port.postMessage({ index: job.index, ok: false, message: r.message } satisfies WorkerReply);
  });
}
