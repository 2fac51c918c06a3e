/**
 * Reading a file's bytes for the audio readers, with errors that name the file and say what is wrong
 * (missing, a directory, not readable). The only file-system code of the readers: decoding is pure.
 */
import fs from "node:fs";
import { FileError } from "../util/errors";

/**
 * The whole contents of `path`.
 * @param what what the file should be, for the directory message ("a WAV file"). Default "an audio file".
 * @throws FileError: no such file, a directory, permission denied, other read errors
 */
export function readFileBytes(path: string, what = "an audio file"): Uint8Array {
  try {
    const st = fs.statSync(path);
    if (st.isDirectory()) throw new FileError(path, `is a directory, not ${what}`);
    return fs.readFileSync(path);
  } catch (err) {
    if (err instanceof FileError) throw err;
    throw readError(path, err, what);
  }
}

/** {@link readFileBytes} without blocking the event loop. */
export async function readFileBytesAsync(path: string, what = "an audio file"): Promise<Uint8Array> {
  try {
    const st = await fs.promises.stat(path);
    if (st.isDirectory()) throw new FileError(path, `is a directory, not ${what}`);
    return await fs.promises.readFile(path);
  } catch (err) {
    if (err instanceof FileError) throw err;
    throw readError(path, err, what);
  }
}

function readError(path: string, err: unknown, what: string): FileError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return new FileError(path, "no such file");
  if (code === "EACCES" || code === "EPERM") return new FileError(path, "permission denied");
  if (code === "EISDIR") return new FileError(path, `is a directory, not ${what}`);
  return new FileError(path, `cannot read: ${(err as Error).message}`);
}
