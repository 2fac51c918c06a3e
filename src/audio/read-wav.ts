/** Reading a WAV file by path (Node): the bytes through {@link decodeWav}. */
import fs from "node:fs";
import { FileError } from "../util/errors";
import { decodeWav, type WavData } from "./wav";

/**
 * Read a WAV file.
 *
 * @param path file path
 * @returns samples per channel, rate and encoding (see {@link decodeWav})
 * @throws FileError naming `path`: no such file, a directory, permission denied, or any problem of {@link decodeWav}
 * @example const { samples: [y], sr } = readWav("data/ravdess/Actor_01/03-01-01-01-01-01-01.wav");
 */
export function readWav(path: string): WavData {
  let bytes: Buffer;
  try {
    const st = fs.statSync(path);
    if (st.isDirectory()) throw new FileError(path, "is a directory, not a WAV file");
    bytes = fs.readFileSync(path);
  } catch (err) {
    if (err instanceof FileError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new FileError(path, "no such file");
    if (code === "EACCES" || code === "EPERM") throw new FileError(path, "permission denied");
    if (code === "EISDIR") throw new FileError(path, "is a directory, not a WAV file");
    throw new FileError(path, `cannot read: ${(err as Error).message}`);
  }
  return decodeWav(bytes, path);
}
