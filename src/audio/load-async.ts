/**
 * librosa.load for every format we decode (WAV, MP3, FLAC, Ogg Vorbis/Opus, WebM, M4A/AAC):
 * read the file, decode it at its native rate ({@link decodeAudio}: WebAssembly decoders, hence
 * asynchronous), then the same steps as the synchronous WAV {@link load}: cut `offset`/`duration`
 * at the native rate, mix to mono, resample with soxr_hq.
 */
import { decodeAudio } from "./decode";
import { checkOptions, fromDecoded, type LoadOptions, type LoadResult, type MultiChannelLoadResult } from "./load";
import { readFileBytesAsync } from "./read-file";
import type { AudioFormat } from "./sniff";

/** {@link loadAsync}'s result: as `load`'s, plus what the file was. */
export type LoadedAudio<R> = R & {
  /** The format found in the file's bytes. */
  format: AudioFormat;
  /** The whole recording's length in seconds (before `offset`/`duration`), at the native rate. */
  fileDuration: number;
};

/**
 * Loads any supported audio file as `librosa.load` does (same options and defaults as {@link load}).
 *
 * @param path audio file path; the format is sniffed from its bytes, not its name
 * @returns `{ y, sr, format, fileDuration }`: mono `y` [n] (with `mono: false`, [channels][n])
 * @throws FileError naming the file: missing, unreadable, a format we do not decode (and what to do),
 *   a file its decoder rejects, an offset beyond the end; ParameterError for bad options
 * @example
 * const { y, sr } = await loadAsync("memo.m4a");                    // 22050 Hz mono
 * const part = await loadAsync("talk.mp3", { sr: 16000, offset: 60, duration: 30 });
 */
export async function loadAsync(path: string, options?: LoadOptions & { mono?: true }): Promise<LoadedAudio<LoadResult>>;
export async function loadAsync(path: string, options: LoadOptions & { mono: false }): Promise<LoadedAudio<MultiChannelLoadResult>>;
export async function loadAsync(path: string, options?: LoadOptions): Promise<LoadedAudio<LoadResult | MultiChannelLoadResult>>;
export async function loadAsync(path: string, options: LoadOptions = {}): Promise<LoadedAudio<LoadResult | MultiChannelLoadResult>> {
  checkOptions(options);
  return loadBytesAsync(await readFileBytesAsync(path), { ...options, name: path });
}

/**
 * {@link loadAsync} from bytes already in memory (a zip entry, an upload, a `fetch` body).
 * @param options load options, plus `name` for error messages (default "<bytes>")
 */
export async function loadBytesAsync(bytes: Uint8Array, options?: LoadOptions & { name?: string; mono?: true }): Promise<LoadedAudio<LoadResult>>;
export async function loadBytesAsync(bytes: Uint8Array, options: LoadOptions & { name?: string; mono: false }): Promise<LoadedAudio<MultiChannelLoadResult>>;
export async function loadBytesAsync(bytes: Uint8Array, options?: LoadOptions & { name?: string }): Promise<LoadedAudio<LoadResult | MultiChannelLoadResult>>;
export async function loadBytesAsync(
  bytes: Uint8Array,
  options: LoadOptions & { name?: string } = {},
): Promise<LoadedAudio<LoadResult | MultiChannelLoadResult>> {
  const { name = "<bytes>", ...rest } = options;
  checkOptions(rest);
  const decoded = await decodeAudio(bytes, name);
  const fileDuration = decoded.channels[0].length / decoded.sr;
  const out = fromDecoded({ samples: decoded.channels, sr: decoded.sr }, name, rest);
  return Object.assign(out, { format: decoded.format, fileDuration });
}
