/**
 * Writes that never leave a half-written file or folder behind: write under a temporary name
 * beside the target, then rename (atomic on one file system).
 */
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";

/** A temporary sibling name for `target`: `<dir>/.<base>.tmp-<pid>-<random>`. */
export function tempSibling(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
}

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
  try {
    await fs.promises.writeFile(tmp, data);
    await fs.promises.rename(tmp, file);
  } catch (err) {
    await fs.promises.rm(tmp, { force: true });
    throw err;
  }
}

/**
 * Builds a folder atomically: `fill(tmpDir)` writes into a temporary sibling of `dir`, which then
 * replaces `dir` (any previous `dir` is removed only after the new one is complete). If `fill`
 * throws, the temporary folder is removed and `dir` is left as it was.
 */
export async function writeDirAtomic(dir: string, fill: (tmpDir: string) => Promise<void> | void): Promise<void> {
  await fs.promises.mkdir(path.dirname(dir), { recursive: true });
  const tmp = tempSibling(dir);
  await fs.promises.mkdir(tmp);
  try {
    await fill(tmp);
    let old: string | null = null;
    if (fs.existsSync(dir)) {
      old = tempSibling(dir);
      await fs.promises.rename(dir, old);
    }
    await fs.promises.rename(tmp, dir);
    if (old) await fs.promises.rm(old, { recursive: true, force: true });
  } catch (err) {
    await fs.promises.rm(tmp, { recursive: true, force: true });
    throw err;
  }
}
