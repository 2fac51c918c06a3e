/**
 * Writes that never leave a half-written file or folder behind: write under a temporary name
 * beside the target, then rename (atomic on one file system).
 */
import fs from "node:fs";
import path from "node:path";
import { releaseTemp, sweepStaleTemps, tempSibling, trackTemp } from "./temp-dir";

/** Writes `data` to `file` atomically, creating parent folders. */
export function writeFileAtomic(file: string, data: string | NodeJS.ArrayBufferView): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = tempSibling(file);
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

/** Async {@link writeFileAtomic}. */
export async function writeFileAtomicAsync(file: string, data: string | NodeJS.ArrayBufferView): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const tmp = tempSibling(file);
  trackTemp(tmp);
  try {
    await fs.promises.writeFile(tmp, data);
    await fs.promises.rename(tmp, file);
  } catch (err) {
    await fs.promises.rm(tmp, { force: true });
    throw err;
  } finally {
    releaseTemp(tmp);
  }
}

/**
 * Builds a folder atomically: `fill(tmpDir)` writes into a temporary sibling of `dir`, which then
 * replaces `dir` (any previous `dir` is removed only after the new one is complete). If `fill`
 * throws, the temporary folder is removed and `dir` is left as it was; the same on SIGINT/SIGTERM
 * (see temp-dir.ts). Temporaries of `dir` left by a killed process are swept first.
 */
export async function writeDirAtomic(dir: string, fill: (tmpDir: string) => Promise<void> | void): Promise<void> {
  const tmp = await beginDirAtomic(dir);
  try {
    await fill(tmp);
    await commitDirAtomic(tmp, dir);
  } catch (err) {
    await abortDirAtomic(tmp);
    throw err;
  }
}

/**
 * The first step of {@link writeDirAtomic}, for code that cannot hand over a callback: sweeps stale
 * temporaries of `dir`, creates a fresh temporary sibling and registers it for removal on
 * SIGINT/SIGTERM. End with {@link commitDirAtomic} or {@link abortDirAtomic}.
 * @returns the temporary folder to fill
 */
export async function beginDirAtomic(dir: string): Promise<string> {
  await fs.promises.mkdir(path.dirname(dir), { recursive: true });
  sweepStaleTemps(dir);
  const tmp = tempSibling(dir);
  await fs.promises.mkdir(tmp);
  trackTemp(tmp);
  return tmp;
}

/** Puts the filled `tmp` in place of `dir`; the old `dir` (if any) is removed only afterwards. */
export async function commitDirAtomic(tmp: string, dir: string): Promise<void> {
  let old: string | null = null;
  if (fs.existsSync(dir)) {
    old = tempSibling(dir);
    await fs.promises.rename(dir, old);
  }
  await fs.promises.rename(tmp, dir);
  releaseTemp(tmp);
  if (old) await fs.promises.rm(old, { recursive: true, force: true });
}

/** Removes the temporary folder of a failed {@link beginDirAtomic}. */
export async function abortDirAtomic(tmp: string): Promise<void> {
  await fs.promises.rm(tmp, { recursive: true, force: true });
  releaseTemp(tmp);
}
