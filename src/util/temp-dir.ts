/**
 * The one rule for temporary files and folders: each is created **beside its target**
 * (`<dir>/.<base>.tmp-<pid>-<hex>`, so the final rename stays on one file system), is removed when
 * the work fails **and** when the process is stopped by SIGINT or SIGTERM, and any left by a killed
 * process (its pid no longer running) is swept the next time the same target is written.
 */
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { FileError } from "./errors";
import { fileErrorFrom } from "./fs-errors";

/** A temporary sibling name for `target`: `<dir>/.<base>.tmp-<pid>-<random>`. */
export function tempSibling(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
}

const live = new Set<string>();
const SIGNALS = ["SIGINT", "SIGTERM"] as const;

function onSignal(signal: NodeJS.Signals): void {
  for (const p of live) {
    try {
      fs.rmSync(p, { recursive: true, force: true });
    } catch {
      /* nothing more can be done while exiting */
    }
  }
  live.clear();
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  // Die of the same signal, as the default handler would have (exit status 128 + n for the shell).
  process.kill(process.pid, signal);
}

/**
 * Registers `p` (a temporary file or folder) for removal if the process gets SIGINT/SIGTERM
 * before {@link releaseTemp}. Handlers are installed only while something is registered.
 */
export function trackTemp(p: string): void {
  if (live.size === 0) for (const s of SIGNALS) process.on(s, onSignal);
  live.add(p);
}

/** Unregisters `p` (it was renamed into place, or removed). */
export function releaseTemp(p: string): void {
  live.delete(p);
  if (live.size === 0) for (const s of SIGNALS) process.removeListener(s, onSignal);
}

/** The temporary paths registered now (for tests). */
export function trackedTemps(): string[] {
  return [...live];
}

/**
 * Makes sure `dir` is a folder that can hold new entries (creating it and its parents): a path that
 * is a file, or cannot be created, is a {@link FileError} naming it — before any long work starts.
 */
export function ensureDir(dir: string, what = "folder"): void {
  const notFolder = () => new FileError(dir, `is not a folder (the ${what} must be one)`);
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw notFolder();
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw fileErrorFrom(err, dir, `cannot create the ${what}`);
  }
  if (!fs.statSync(dir).isDirectory()) throw notFolder();
}

/**
 * Removes temporary siblings `.<base>.tmp-<pid>-<hex>` of `target` whose process is gone (left by a
 * killed run). Temporaries of running processes are left alone.
 * @returns the paths removed
 */
export function sweepStaleTemps(target: string, onLog?: (message: string) => void): string[] {
  const parent = path.dirname(target);
  const prefix = `.${path.basename(target)}.tmp-`;
  let entries: string[];
  try {
    entries = fs.readdirSync(parent);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const e of entries) {
    if (!e.startsWith(prefix)) continue;
    const m = /^(\d+)(?:-[0-9a-f]+)?$/.exec(e.slice(prefix.length));
    if (!m) continue;
    const pid = Number(m[1]);
    let alive = pid === process.pid;
    if (!alive) {
      try {
        process.kill(pid, 0);
        alive = true;
      } catch (err) {
        alive = (err as NodeJS.ErrnoException).code === "EPERM";
      }
    }
    if (!alive) {
      const p = path.join(parent, e);
      onLog?.(`removing ${p}, left by an interrupted run`);
      fs.rmSync(p, { recursive: true, force: true });
      removed.push(p);
    }
  }
  return removed;
}

/**
 * Lets the event loop run pending callbacks (signal handlers among them) in the middle of a long
 * stretch of synchronous work, such as the batches of a training epoch. Costs a few microseconds.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
