/**
 * What kind of audio file some bytes are, from the bytes themselves (never the file name): the
 * container's magic number, and for Ogg and Matroska the codec inside.
 *
 * Pure: no Node APIs, so the same check runs in a browser.
 */

/** Formats {@link sniffFormat} tells apart. The first eight are decodable (see `decodeAudio`). */
export type AudioFormat = "wav" | "mp3" | "flac" | "ogg-vorbis" | "ogg-opus" | "webm" | "mp4" | "aac" | "ogg-other" | "aiff" | "zip" | "text" | "unknown";

/** Human names of the formats, for messages ("an MP3 file"). */
export const FORMAT_LABELS: Readonly<Record<AudioFormat, string>> = Object.freeze({
  wav: "a WAV file",
  mp3: "an MP3 file",
  flac: "a FLAC file",
  "ogg-vorbis": "an Ogg Vorbis file",
  "ogg-opus": "an Ogg Opus file",
  webm: "a WebM/Matroska file",
  mp4: "an MP4/M4A file",
  aac: "an AAC (ADTS) stream",
  "ogg-other": "an Ogg file with a codec other than Vorbis or Opus",
  aiff: "an AIFF file",
  zip: "a zip archive",
  text: "text (not audio)",
  unknown: "no audio format we know",
});

const ascii = (b: Uint8Array, at: number, n: number): string => {
  let s = "";
  for (let i = at; i < Math.min(b.length, at + n); i++) s += String.fromCharCode(b[i]);
  return s;
};

/** The length of a leading ID3v2 tag (header + body + footer), or 0 if there is none. */
export function id3Length(b: Uint8Array): number {
  if (b.length < 10 || ascii(b, 0, 3) !== "ID3") return 0;
  const size = ((b[6] & 0x7f) << 21) | ((b[7] & 0x7f) << 14) | ((b[8] & 0x7f) << 7) | (b[9] & 0x7f);
  const footer = b[5] & 0x10 ? 10 : 0;
  return 10 + size + footer;
}

/** MPEG audio frame sync at `at`: 11 set bits; layer bits 00 mean AAC in an ADTS frame. */
function frameSync(b: Uint8Array, at: number): "mp3" | "aac" | null {
  if (at + 1 >= b.length || b[at] !== 0xff || (b[at + 1] & 0xe0) !== 0xe0) return null;
  const layer = (b[at + 1] >> 1) & 3;
  if (layer !== 0) return "mp3";
  return (b[at + 1] & 0xf0) === 0xf0 ? "aac" : null;
}

/** The codec of an Ogg stream, from the first page's packet (its identification header). */
function oggCodec(b: Uint8Array): AudioFormat {
  if (b.length < 27) return "ogg-other";
  const segments = b[26];
  const body = 27 + segments;
  if (ascii(b, body, 8) === "OpusHead") return "ogg-opus";
  if (b[body] === 0x01 && ascii(b, body + 1, 6) === "vorbis") return "ogg-vorbis";
  return "ogg-other";
}

/**
 * The format of an audio file's bytes.
 * @param bytes the file's first bytes (a few KB are enough; ID3 tags are skipped)
 * @example sniffFormat(fs.readFileSync("memo.m4a"))  // "mp4"
 */
export function sniffFormat(bytes: Uint8Array): AudioFormat {
  const b = bytes;
  const head = ascii(b, 0, 4);
  if ((head === "RIFF" || head === "RIFX" || head === "RF64") && ascii(b, 8, 4) === "WAVE") return "wav";
  if (head === "fLaC") return "flac";
  if (head === "OggS") return oggCodec(b);
  if (b.length >= 4 && b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) return "webm";
  if (ascii(b, 4, 4) === "ftyp") return "mp4";
  if (head === "FORM" && (ascii(b, 8, 4) === "AIFF" || ascii(b, 8, 4) === "AIFC")) return "aiff";
  const id3 = id3Length(b);
  if (id3 > 0) {
    if (ascii(b, id3, 4) === "fLaC") return "flac";
    return frameSync(b, id3) ?? "mp3";
  }
  const sync = frameSync(b, 0);
  if (sync) return sync;
  if (b.length >= 2 && b[0] === 0x50 && b[1] === 0x4b) return "zip";
  const n = Math.min(b.length, 512);
  let printable = 0;
  for (let i = 0; i < n; i++) if ((b[i] >= 0x20 && b[i] < 0x7f) || b[i] === 9 || b[i] === 10 || b[i] === 13) printable++;
  if (n > 0 && printable === n) return "text";
  return "unknown";
}

/** "an MP3 file", or for unknown bytes "no audio format we know (it starts with bytes 00 01 …)". */
export function describeFormat(bytes: Uint8Array, format: AudioFormat = sniffFormat(bytes)): string {
  if (format !== "unknown") return FORMAT_LABELS[format];
  return `${FORMAT_LABELS.unknown} (it starts with bytes ${Array.from(bytes.subarray(0, 4), (x) => x.toString(16).padStart(2, "0")).join(" ")})`;
}
