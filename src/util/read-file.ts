/**
 * Bounded reads: a file is read only when it is a regular file of at most a stated size, so that
 * `/dev/zero`, a FIFO named `x.wav` or a 40 GB file give an error naming the path instead of
 * filling memory or hanging.
 */
import fs from "node:fs";
import { FileError } from "./errors";
import { fileErrorFrom } from "./fs-errors";

/** Largest audio file read: 1 GiB (a 48 kHz 16-bit stereo WAV of about 93 minutes). */
export const MAX_AUDIO_BYTES = 1024 ** 3;
/** Largest JSON file read (configs, bundle.json, history.json): 64 MiB. */
export const MAX_JSON_BYTES = 64 * 1024 ** 2;

/** What a non-regular file is, in words. */
function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return "a directory";
  if (st.isFIFO()) return "a FIFO (named pipe)";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isSocket()) return "a socket";
  return "not a regular file";
}

const mb = (n: number): string => (n >= 1024 ** 2 ? `${(n / 1024 ** 2).toFixed(n >= 1024 ** 3 ? 0 : 1)} MiB` : `${n} bytes`);

/** Options of {@link readFileBounded}. */
export interface ReadFileBoundedOptions {
  /** Largest size accepted, in bytes. */
  maxBytes: number;
  /** What the file should be, for messages ("WAV file", "config"). Default "file". */
  what?: string;
}

/**
 * Reads a whole regular file of at most `maxBytes` bytes.
 * @param file path
 * @returns the file's bytes
 * @throws FileError naming `file`: missing, permission denied, a symlink loop, a folder, a FIFO, a
 *   device or socket, larger than the limit (size and limit stated), or grown past it while reading
 * @example const bytes = readFileBounded("a.wav", { maxBytes: MAX_AUDIO_BYTES, what: "WAV file" });
 */
export function readFileBounded(file: string, options: ReadFileBoundedOptions): Buffer {
  const { maxBytes, what = "file" } = options;
  let fd: number;
  try {
    const st = fs.statSync(file); // stat, not open: opening a FIFO would block until a writer comes
    if (!st.isFile()) throw new FileError(file, `is ${kindOf(st)}, not a ${what}`);
    if (st.size > maxBytes) throw new FileError(file, `is ${mb(st.size)}, more than the ${mb(maxBytes)} limit for a ${what}`);
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (err) {
    throw fileErrorFrom(err, file);
  }
  try {
    const st = fs.fstatSync(fd); // the path may have been replaced between stat and open
    if (!st.isFile()) throw new FileError(file, `is ${kindOf(st)}, not a ${what}`);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(Math.max(st.size - total, 0) + 1, 16 * 1024 ** 2));
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw new FileError(file, `grew past the ${mb(maxBytes)} limit for a ${what} while being read`);
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } catch (err) {
    throw fileErrorFrom(err, file);
  } finally {
    fs.closeSync(fd);
  }
}

/** Options of {@link readJsonFile}. */
export interface ReadJsonFileOptions {
  /** What the file is, for messages ("config", "bundle.json"). Default "JSON file". */
  what?: string;
  /** Require a JSON object (not an array, null, a number or a string). Default false. */
  object?: boolean;
}

/**
 * Reads and parses a JSON file (at most {@link MAX_JSON_BYTES}).
 * @throws FileError naming `file`: missing or unreadable (as {@link readFileBounded}), not valid
 *   JSON (with the parser's message), or not an object when `object` is set
 * @example const cfg = readJsonFile("configs/best.json", { what: "config", object: true });
 */
export function readJsonFile(file: string, options: ReadJsonFileOptions = {}): unknown {
  const { what = "JSON file", object = false } = options;
  const text = readFileBounded(file, { maxBytes: MAX_JSON_BYTES, what }).toString("utf8");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new FileError(file, `not valid JSON (${(err as Error).message})`);
  }
  if (object && (value === null || typeof value !== "object" || Array.isArray(value))) {
    throw new FileError(
      file,
      `a ${what} must be a JSON object ({...}), but this file holds ${value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`}`,
    );
  }
  return value;
}
