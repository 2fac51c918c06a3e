/**
 * Decoding compressed audio (MP3, FLAC, Ogg Vorbis, Ogg Opus, WebM/Matroska, MP4/M4A, AAC) and WAV
 * from bytes, with WebAssembly decoders from the npm registry (the `@audio/decode-*` family:
 * mpg123, libFLAC, libvorbis, libopus, FAAD2 compiled to WASM, with pure-JS WebM and MP4 demuxers).
 *
 * Bytes in, channels + sample rate out: no file system, no Node-only API, so a web page can use the
 * same function (file reading lives in `load-async.ts`). The format is sniffed from the bytes
 * ({@link sniffFormat}), never taken from a file name. Decoders are loaded on first use (`import()`),
 * so a WAV-only user never pays for the WASM modules.
 */
import { FileError } from "../util/errors";
import { FORMAT_LABELS, id3Length, sniffFormat, describeFormat, type AudioFormat } from "./sniff";
import { decodeWav } from "./wav";

/** Decoded audio at the file's native rate. */
export interface DecodedAudio {
  /** One Float32Array per channel [channels][n], samples in [−1, 1]. */
  channels: Float32Array[];
  /** Native sampling rate (Hz); Opus always decodes at 48000. */
  sr: number;
  /** The format found in the bytes. */
  format: AudioFormat;
}

interface DecoderModule {
  default: (bytes: Uint8Array) => Promise<{ channelData: Float32Array[]; sampleRate: number }>;
}

/** The registry package that decodes each compressed format (loaded lazily). */
const DECODERS: Partial<Record<AudioFormat, { pkg: string; load: () => Promise<DecoderModule> }>> = {
  mp3: { pkg: "@audio/decode-mp3", load: () => import("@audio/decode-mp3") as Promise<DecoderModule> },
  flac: { pkg: "@audio/decode-flac", load: () => import("@audio/decode-flac") as Promise<DecoderModule> },
  "ogg-vorbis": { pkg: "@audio/decode-vorbis", load: () => import("@audio/decode-vorbis") as Promise<DecoderModule> },
  "ogg-opus": { pkg: "@audio/decode-opus", load: () => import("@audio/decode-opus") as Promise<DecoderModule> },
  webm: { pkg: "@audio/decode-webm", load: () => import("@audio/decode-webm") as Promise<DecoderModule> },
  mp4: { pkg: "@audio/decode-mp4", load: () => import("@audio/decode-mp4") as Promise<DecoderModule> },
  aac: { pkg: "@audio/decode-aac", load: () => import("@audio/decode-aac") as Promise<DecoderModule> },
};

/** Formats {@link decodeAudio} reads. */
export const DECODABLE_FORMATS: readonly AudioFormat[] = Object.freeze(["wav", ...(Object.keys(DECODERS) as AudioFormat[])]);

/** True when an MPEG audio stream's first frame header says mono (channel mode 3); mpg123 always gives two channels. */
function mp3IsMono(b: Uint8Array): boolean {
  const limit = Math.min(b.length - 4, id3Length(b) + 65536);
  for (let i = id3Length(b); i < limit; i++) {
    if (b[i] === 0xff && (b[i + 1] & 0xe0) === 0xe0 && ((b[i + 1] >> 1) & 3) !== 0) return b[i + 3] >> 6 === 3;
  }
  return false;
}

/** The message for a format we do not decode: what was found, what is readable, how to convert. */
function notDecodable(name: string, found: string): string {
  return `it is ${found}, which cannot be decoded (readable: WAV, MP3, FLAC, Ogg Vorbis, Ogg Opus, WebM, M4A/MP4, AAC); convert it first, e.g. \`ffmpeg -i ${JSON.stringify(name)} out.wav\``;
}

/**
 * Decodes a whole audio file from its bytes at its native rate.
 *
 * @param bytes the file's contents
 * @param name for error messages (the file's path or a label). Default "<bytes>".
 * @returns channels [channels][n] float32, the native rate, and the format found
 * @throws FileError naming the file and the format found, for a format we do not decode, a file the
 *   decoder rejects, or one that decodes to no samples or to non-finite values
 * @example
 * const { channels, sr, format } = await decodeAudio(new Uint8Array(await file.arrayBuffer()), file.name);
 */
export async function decodeAudio(bytes: Uint8Array, name = "<bytes>"): Promise<DecodedAudio> {
  const format = sniffFormat(bytes);
  if (format === "wav") {
    const wav = decodeWav(bytes, name);
    return { channels: wav.samples, sr: wav.sr, format };
  }
  const decoder = DECODERS[format];
  if (!decoder) {
    if (bytes.length === 0) throw new FileError(name, "empty file (0 bytes)");
    throw new FileError(name, notDecodable(name, describeFormat(bytes, format)));
  }
  let mod: DecoderModule;
  try {
    mod = await decoder.load();
  } catch (err) {
    throw new FileError(
      name,
      `it is ${FORMAT_LABELS[format]}, but its decoder ${decoder.pkg} did not load (${(err as Error).message}); run \`npm install\` (Node ≥ 20.19 is needed to load it)`,
    );
  }
  let out: { channelData: Float32Array[]; sampleRate: number };
  try {
    out = await mod.default(bytes);
  } catch (err) {
    throw new FileError(
      name,
      `it looks like ${FORMAT_LABELS[format]}, but ${decoder.pkg} could not decode it (${(err as Error).message}): the file may be damaged or truncated`,
    );
  }
  let channels = (out?.channelData ?? []).filter((c) => c && c.length > 0);
  if (channels.length === 0 || !(out.sampleRate > 0))
    throw new FileError(name, `${FORMAT_LABELS[format]} that decodes to no audio samples (damaged, truncated, or no audio track)`);
  if (format === "mp3" && channels.length === 2 && mp3IsMono(bytes)) channels = [channels[0]];
  for (const c of channels) {
    for (let i = 0; i < c.length; i++) {
      if (!Number.isFinite(c[i]))
        throw new FileError(name, `${FORMAT_LABELS[format]} decoded to a non-finite sample (${c[i]}) at ${i}: the decoder output is unusable`);
    }
  }
  return { channels, sr: out.sampleRate, format };
}
