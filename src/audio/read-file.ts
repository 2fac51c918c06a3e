/**
 * Reading an audio file's bytes for the readers: the project's one bounded read
 * (`util/read-file.ts`: regular files only — a folder, FIFO or device such as /dev/zero is refused
 * at once — and at most MAX_AUDIO_BYTES), with errors that name the file. Decoding is pure.
 */
import { MAX_AUDIO_BYTES, readFileBounded } from "../util/read-file";

/**
 * The whole contents of `path`.
 * @param what what the file should be, for messages ("WAV file"). Default "audio file".
 * @throws FileError: no such file, not a regular file, larger than MAX_AUDIO_BYTES, not readable
 */
export function readFileBytes(path: string, what = "audio file"): Uint8Array {
  return readFileBounded(path, { maxBytes: MAX_AUDIO_BYTES, what });
}

/**
 * {@link readFileBytes} for the asynchronous loaders (the same bounded read: one file at a time,
 * the stream of predictions reads the next file only after the previous result).
 */
export async function readFileBytesAsync(path: string, what = "audio file"): Promise<Uint8Array> {
  return readFileBytes(path, what);
}
