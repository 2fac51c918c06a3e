/**
 * Audio decoders of the page, beyond WAV. WAV files go through the library's own parser
 * (`wavInput`, the same code Node uses, so the page's features equal Node's). Other formats come
 * through this registry: a decoder gives channels and a rate, which then take the same steps
 * (`samplesInput`). The WebAssembly decoders of `src/audio/decode*` register here once they
 * run in a browser; none is registered yet.
 */

/** Decoded audio: one Float32Array per channel at `sr` Hz. */
export interface DecodedAudio {
  channels: Float32Array[];
  sr: number;
}

/** A decoder for one container/codec. */
export interface AudioDecoder {
  /** Shown to the user, e.g. "FLAC". */
  name: string;
  /** Whether this decoder reads the file (from its first bytes and name). */
  accepts(bytes: Uint8Array, fileName: string): boolean;
  decode(bytes: Uint8Array, fileName: string): Promise<DecodedAudio>;
}

const decoders: AudioDecoder[] = [];

/** Adds a decoder (tried in registration order). */
export function registerDecoder(decoder: AudioDecoder): void {
  decoders.push(decoder);
}

/** The first registered decoder that accepts the file, or null. */
export function findDecoder(bytes: Uint8Array, fileName: string): AudioDecoder | null {
  return decoders.find((d) => d.accepts(bytes, fileName)) ?? null;
}

/** Names of the formats the page reads. */
export function formatNames(): string[] {
  return ["WAV", ...decoders.map((d) => d.name)];
}

/** True for RIFF/WAVE bytes. */
export function isWav(bytes: Uint8Array): boolean {
  const s = (at: number) => String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
  return bytes.length >= 12 && s(0) === "RIFF" && s(8) === "WAVE";
}
