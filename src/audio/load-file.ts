/** librosa.load from a WAV file path (Node): {@link readWav}, then the steps of `load.ts`. */
import { FileError } from "../util/errors";
import { MAX_AUDIO_BYTES, readFileBounded } from "../util/read-file";
import { decodeWav } from "./wav";
import { FORMAT_LABELS, sniffFormat } from "./sniff";
import { DECODABLE_FORMATS } from "./decode";
import { checkOptions, fromDecoded, type LoadOptions, type LoadResult, type MultiChannelLoadResult } from "./load";

/**
 * Load a WAV file as `librosa.load` (0.11, soundfile path) does: read at the native rate, keep
 * `[trunc(offset·sr₀), trunc(offset·sr₀) + trunc(duration·sr₀))`, average the channels (if `mono`),
 * resample to `sr` (default 22050 Hz) with soxr_hq. Float32 throughout.
 *
 * @param path WAV file path
 * @returns `{ y, sr }` with mono `y` [n]; with `mono: false`, `y` is [channels][n]
 * @throws FileError naming the file (missing, a directory, not a WAV, truncated, unsupported encoding,
 *   no samples, offset at or beyond the end); ParameterError for bad options
 * @example
 * const { y, sr } = load("data/ravdess/Actor_01/03-01-05-01-01-01-01.wav");   // sr === 22050
 * const { y: native } = load(path, { sr: null, offset: 0.5, duration: 2 });
 */
export function load(path: string, options?: LoadOptions & { mono?: true }): LoadResult;
export function load(path: string, options: LoadOptions & { mono: false }): MultiChannelLoadResult;
export function load(path: string, options?: LoadOptions): LoadResult | MultiChannelLoadResult;
export function load(path: string, options: LoadOptions = {}): LoadResult | MultiChannelLoadResult {
  checkOptions(options);
  const bytes = readFileBounded(path, { maxBytes: MAX_AUDIO_BYTES, what: "WAV file" });
  const format = sniffFormat(bytes);
  if (format !== "wav" && DECODABLE_FORMATS.includes(format)) {
    throw new FileError(
      path,
      `it is ${FORMAT_LABELS[format]}: load() reads WAV only (it is synchronous); use \`await loadAsync(path)\`, which decodes MP3, FLAC, Ogg, WebM and M4A with the same options`,
    );
  }
  return fromDecoded(decodeWav(bytes, path), path, options);
}
