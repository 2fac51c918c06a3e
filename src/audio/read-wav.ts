/** Reading a WAV file by path (Node): the bytes, read with a size bound, through {@link decodeWav}. */
import { MAX_AUDIO_BYTES, readFileBounded } from "../util/read-file";
import { decodeWav, type WavData } from "./wav";

/**
 * Read a WAV file.
 *
 * @param path file path
 * @returns samples per channel, rate and encoding (see {@link decodeWav})
 * @throws FileError naming `path`: no such file, a folder, a FIFO or device, larger than
 *   MAX_AUDIO_BYTES (1 GiB), permission denied, or any problem of {@link decodeWav}
 * @example const { samples: [y], sr } = readWav("data/ravdess/Actor_01/03-01-01-01-01-01-01.wav");
 */
export function readWav(path: string): WavData {
  return decodeWav(readFileBounded(path, { maxBytes: MAX_AUDIO_BYTES, what: "WAV file" }), path);
}
