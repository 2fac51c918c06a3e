/**
 * File-system errors (Node's `ENOENT`, `EACCES`, `ENOTDIR`, `ELOOP`, ...) as {@link FileError}s
 * that name the path and say the problem in words.
 */
import { FileError, SerError } from "./errors";

const PROBLEMS: Record<string, string> = {
  ENOENT: "no such file or folder",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOTDIR: "a part of this path is a file, not a folder",
  EISDIR: "is a folder, not a file",
  ELOOP: "too many levels of symbolic links (a symlink loop?)",
  ENAMETOOLONG: "the path is too long",
  EEXIST: "already exists",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EROFS: "the file system is read-only",
  EMFILE: "too many open files",
  EBUSY: "busy (in use by another process)",
  EIO: "input/output error (a failing disk or network share?)",
  ENXIO: "no such device (a socket or a FIFO without a writer?)",
};

/** True when `err` is an error from the file system (it has a string errno `code` such as "ENOENT"). */
export function isFsError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === "string" && /^E[A-Z]+$/.test((err as NodeJS.ErrnoException).code!);
}

/**
 * A {@link FileError} for any error: a SerError is returned as it is; a file-system error becomes
 * "`<path>: <problem in words>`" (its own path, else `fallbackPath`); anything else keeps its message.
 * @param err the caught error
 * @param fallbackPath the path to name when the error carries none
 * @param doing what was being done, e.g. "cannot read" (prefixed to the problem)
 * @example try { fs.readdirSync(d) } catch (e) { throw fileErrorFrom(e, d, "cannot list the folder") }
 */
export function fileErrorFrom(err: unknown, fallbackPath?: string, doing?: string): SerError {
  if (err instanceof SerError) return err;
  const e = err as NodeJS.ErrnoException;
  const where = (typeof e?.path === "string" && e.path) || fallbackPath;
  if (isFsError(err)) {
    const problem = PROBLEMS[e.code!] ?? `${e.code} (${e.message})`;
    const text = doing ? `${doing}: ${problem}` : problem;
    return where ? new FileError(where, text) : new SerError(text);
  }
  const msg = e instanceof Error ? e.message : String(err);
  return where ? new FileError(where, doing ? `${doing}: ${msg}` : msg) : new SerError(msg);
}
