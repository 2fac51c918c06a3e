/**
 * Benchmarks time the library in a V8 isolate where no ArrayBuffer has ever been detached.
 *
 * Why: V8 compiles typed-array loads and stores without a "detached?" check as long as no
 * ArrayBuffer in the isolate was ever detached (its ArrayBufferDetaching protector). The first
 * detach — a transfer in postMessage/structuredClone, ArrayBuffer.prototype.transfer — invalidates
 * the protector for the rest of the isolate's life, and all typed-array code, already optimised
 * or not, then runs with a check per access: 20–30 % slower DSP throughout (measured here: a
 * 1024-point FFT 6.8 → 8.5 µs, feature extraction 28 → 39 ms per clip). `npx tsx file.ts`
 * registers tsx's ESM loader, whose hooks thread talks to the main thread with transferred
 * buffers, so a script run that way always pays this. The library itself detaches nothing (the
 * extraction workers copy their results instead of transferring them), and it runs in clean
 * isolates wherever it is used compiled: dist/ under plain node, the extraction workers, notebooks.
 *
 * So a benchmark started through `npx tsx` re-runs itself once as `node --require tsx/cjs <file>`
 * (tsx's CommonJS hook alone detaches nothing) and exits with the child's status. `--in-place`
 * skips that and times under the loader, to show the difference.
 */
import { spawnSync } from "node:child_process";

/** True when this process runs under an `--import`ed ESM loader (e.g. tsx's), whose hooks detach ArrayBuffers. */
export function underEsmLoader(): boolean {
  return process.execArgv.some((a, i, all) => a === "--import" || a.startsWith("--import=") || (a === "--loader" && i + 1 < all.length));
}

/**
 * Re-runs `file` with the same arguments in a clean isolate (see the module comment) unless it
 * already is one or `--in-place` was given. Call first thing in a benchmark's main.
 * @returns true when the benchmark ran in the child (the caller should return), false to run here
 * @example async function main() { if (rerunInCleanIsolate(__filename)) return; … }
 */
export function rerunInCleanIsolate(file: string): boolean {
  if (process.argv.includes("--in-place") || !underEsmLoader()) return false;
  const r = spawnSync(process.execPath, ["--require", require.resolve("tsx/cjs"), file, ...process.argv.slice(2)], { stdio: "inherit" });
  if (r.error) throw r.error;
  process.exitCode = r.status ?? 1;
  return true;
}

/** One line saying where the timing runs, for a benchmark's header. */
export function isolateNote(): string {
  return underEsmLoader()
    ? "timing in this process, under an ESM loader (--in-place): typed-array code runs with detached checks (V8's ArrayBufferDetaching protector is invalidated)"
    : "timing in a clean isolate (node --require tsx/cjs; no ArrayBuffer detached; see bench/clean-isolate.ts)";
}
