/**
 * WAV reading and writing.
 *
 * Reading parses the RIFF chunks itself (any number of extra chunks, before or after `data`, such as
 * RAVDESS's `FLLR`, `LIST`, `bext`, `_PMX`; odd-sized chunks with their pad byte; WAVE_FORMAT_EXTENSIBLE)
 * and decodes integer PCM and IEEE float directly — fast, because this is the path every RAVDESS clip
 * takes. G.711 µ-law and A-law are decoded with the `wavefile` package. Samples are scaled exactly as
 * soundfile (libsndfile) does when librosa reads float32: int16 → x/32768, int24 → x/2^23,
 * int32 → x/2^31 (rounded to float32), uint8 → (x − 128)/128, µ/A-law → decoded int16/32768,
 * float64 → rounded to float32.
 *
 * No Node-only dependency (browser-safe); reading a file by path is `readWav` in `read-wav.ts`.
 *
 * Every unusable input is a {@link FileError} naming the file and the problem. Where libsndfile is
 * lenient we are strict on purpose: a truncated `data` chunk (the header promises more bytes than the
 * file holds) is an error stating how many bytes are missing, not a silently shorter clip.
 */
import { WaveFile } from "wavefile";
import { FileError, ParameterError } from "../util/errors";
import { assertOneOf, assertPositive } from "../util/validate";
import { describeFormat, FORMAT_LABELS, sniffFormat } from "./sniff";

/** Decoded WAV audio. */
export interface WavData {
  /** One Float32Array per channel (deinterleaved); integer PCM lies in [−1, 1). */
  samples: Float32Array[];
  /** Sampling rate in Hz. */
  sr: number;
  /** wavefile's bit-depth code: "8", "16", "24", "32" (integer PCM), "32f", "64" (float), "8m" (µ-law), "8a" (A-law). */
  bitDepth: string;
  /** "pcm" for integer and G.711-companded PCM, "float" for IEEE float. */
  format: "pcm" | "float";
  channels: number;
}

const FORMAT_NAMES: Record<number, string> = {
  0x0002: "Microsoft ADPCM",
  0x0006: "A-law",
  0x0007: "µ-law",
  0x0011: "IMA ADPCM",
  0x0031: "GSM 6.10",
  0x0040: "G.721 ADPCM",
  0x0050: "MPEG",
  0x0055: "MPEG Layer III (MP3)",
  0x0161: "Windows Media Audio",
};

const SUPPORTED = "supported: 8/16/24/32-bit integer PCM, 32/64-bit IEEE float, 8-bit µ-law and A-law";
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const fourcc = (b: Uint8Array, at: number): string => String.fromCharCode(b[at], b[at + 1], b[at + 2], b[at + 3]);

/** What a non-WAV file looks like, from its first bytes (for the error message). */
function describeNonWav(b: Uint8Array): string {
  const format = sniffFormat(b);
  return format === "unknown" ? describeFormat(b, format) : `it looks like ${FORMAT_LABELS[format]}`;
}

interface Fmt {
  tag: number;
  channels: number;
  sr: number;
  blockAlign: number;
  bits: number;
}

function parseFmt(b: Uint8Array, dv: DataView, at: number, size: number, name: string): Fmt {
  if (size < 16) throw new FileError(name, `fmt chunk is ${size} bytes long; a WAV fmt chunk has at least 16`);
  let tag = dv.getUint16(at, true);
  const channels = dv.getUint16(at + 2, true);
  const sr = dv.getUint32(at + 4, true);
  const blockAlign = dv.getUint16(at + 12, true);
  const bits = dv.getUint16(at + 14, true);
  if (tag === 0xfffe) {
    if (size < 40) throw new FileError(name, `WAVE_FORMAT_EXTENSIBLE fmt chunk is ${size} bytes long; it needs 40`);
    tag = dv.getUint16(at + 24, true); // first two bytes of the sub-format GUID
  }
  return { tag, channels, sr, blockAlign, bits };
}

/** The format code and bit-depth code of a supported encoding, or a FileError for an unsupported one. */
function encodingOf(f: Fmt, name: string): { code: string; format: "pcm" | "float" } {
  const desc = () => `${FORMAT_NAMES[f.tag] ?? "format tag 0x" + f.tag.toString(16).padStart(4, "0")}, ${f.bits} bits per sample`;
  if (f.tag === 1) {
    if (f.bits === 8 || f.bits === 16 || f.bits === 24 || f.bits === 32) return { code: String(f.bits), format: "pcm" };
    throw new FileError(name, `unsupported encoding: ${f.bits}-bit integer PCM (${SUPPORTED})`);
  }
  if (f.tag === 3) {
    if (f.bits === 32) return { code: "32f", format: "float" };
    if (f.bits === 64) return { code: "64", format: "float" };
    throw new FileError(name, `unsupported encoding: ${f.bits}-bit IEEE float (${SUPPORTED})`);
  }
  if ((f.tag === 6 || f.tag === 7) && f.bits === 8) return { code: f.tag === 7 ? "8m" : "8a", format: "pcm" };
  throw new FileError(name, `unsupported encoding: ${desc()} (${SUPPORTED})`);
}

/** A WAV file's layout, checked: where the samples are and how they are encoded. */
export interface WavInfo {
  /** Sampling rate in Hz. */
  sr: number;
  channels: number;
  /** wavefile's bit-depth code, as {@link WavData.bitDepth}. */
  bitDepth: string;
  format: "pcm" | "float";
  /** Sample frames (samples per channel). */
  frames: number;
  /** Duration in seconds: frames / sr. */
  seconds: number;
  /** Byte offset of the first sample in the file. */
  dataOffset: number;
}

/**
 * Checks a WAV file's header and chunk sizes without decoding the samples (what an import checks
 * for every clip, and the first step of {@link decodeWav}).
 *
 * @param bytes the whole file
 * @param name the file's name or path, used in error messages (default "<bytes>")
 * @returns rate, channels, encoding, frames and duration
 * @throws FileError naming `name` and the problem: empty, not a WAV (with a guess of what it is),
 *   no fmt or data chunk, a chunk longer than the file, unsupported encoding, truncated data (how
 *   many bytes are missing), no samples
 * @example wavInfo(fs.readFileSync("a.wav"), "a.wav").seconds  // 3.303
 */
export function wavInfo(bytes: Uint8Array, name = "<bytes>"): WavInfo {
  if (!(bytes instanceof Uint8Array)) throw new ParameterError(`bytes must be a Uint8Array (or Buffer), but got ${typeof bytes}`);
  if (bytes.length === 0) throw new FileError(name, "empty file (0 bytes), not a WAV file");
  const b = bytes;
  const head = b.length >= 4 ? fourcc(b, 0) : "";
  if (head === "RIFX" || head === "RF64") {
    throw new FileError(name, `unsupported WAV variant ${head} (${head === "RIFX" ? "big-endian" : "64-bit sizes"}); only little-endian RIFF WAV is read`);
  }
  if (b.length < 12 || head !== "RIFF" || fourcc(b, 8) !== "WAVE") {
    if (b.length < 12 && head === "RIFF") throw new FileError(name, `truncated: ${b.length} bytes, too short for a WAV header`);
    throw new FileError(name, `not a WAV file (no RIFF/WAVE header): ${describeNonWav(b)}`);
  }
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let fmt: Fmt | null = null;
  let dataAt = -1;
  let dataSize = 0;
  let at = 12;
  while (at + 8 <= b.length) {
    const id = fourcc(b, at);
    const size = dv.getUint32(at + 4, true);
    const body = at + 8;
    const avail = b.length - body;
    if (id === "fmt ") {
      if (size > avail) throw new FileError(name, `truncated: the fmt chunk declares ${size} bytes but only ${avail} are present`);
      fmt = parseFmt(b, dv, body, size, name);
    } else if (id === "data") {
      if (size > avail) {
        throw new FileError(name, `truncated: the data chunk declares ${size} bytes but only ${avail} are present (${size - avail} bytes missing)`);
      }
      dataAt = body;
      dataSize = size;
    } else if (size > avail) {
      if (dataAt >= 0 && fmt) break; // a damaged trailing chunk after the audio: the audio is complete
      throw new FileError(
        name,
        `truncated: the ${JSON.stringify(id)} chunk declares ${size} bytes but only ${avail} are present, and no complete data chunk precedes it`,
      );
    }
    at = body + size + (size & 1);
  }
  if (!fmt) throw new FileError(name, "not a usable WAV file: no fmt chunk");
  if (dataAt < 0) throw new FileError(name, "not a usable WAV file: no data chunk");
  if (fmt.channels === 0) throw new FileError(name, "fmt chunk declares 0 channels");
  if (fmt.sr === 0) throw new FileError(name, "fmt chunk declares a sampling rate of 0 Hz");
  const { code, format } = encodingOf(fmt, name);
  const C = fmt.channels;
  const frame = C * (fmt.bits / 8);
  const frames = Math.floor(dataSize / frame);
  if (frames === 0) throw new FileError(name, `no samples: the data chunk holds ${dataSize} bytes, less than one ${C}-channel frame of ${frame} bytes`);
  return { sr: fmt.sr, channels: C, bitDepth: code, format, frames, seconds: frames / fmt.sr, dataOffset: dataAt };
}

/**
 * Decode WAV file contents.
 *
 * @param bytes the whole file
 * @param name the file's name or path, used in error messages (default "<bytes>")
 * @returns samples per channel, rate and encoding
 * @throws FileError naming `name` and the problem: every problem of {@link wavInfo}, and a NaN or
 *   infinite sample in float data (named by its sample number and time in the file)
 * @example const { samples, sr } = decodeWav(fs.readFileSync("a.wav"), "a.wav");
 */
export function decodeWav(bytes: Uint8Array, name = "<bytes>"): WavData {
  const info = wavInfo(bytes, name);
  const b = bytes;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const { channels: C, frames: nFrames, bitDepth: code, format, dataOffset: dataAt } = info;
  const frame = C * (code === "8m" || code === "8a" ? 1 : code === "32f" ? 4 : Number(code) / 8);
  const samples = Array.from({ length: C }, () => new Float32Array(nFrames));
  if (code === "8m" || code === "8a") {
    decodeG711(b.subarray(0, dataAt + nFrames * frame), code, samples, name);
  } else {
    decodePcm(b, dv, dataAt, nFrames, C, code, samples);
  }
  if (format === "float") {
    for (let c = 0; c < C; c++) {
      const o = samples[c];
      for (let i = 0; i < nFrames; i++) {
        if (!Number.isFinite(o[i])) {
          throw new FileError(
            name,
            `sample ${i} (${(i / info.sr).toFixed(3)} s)${C > 1 ? ` of channel ${c}` : ""} is ${o[i]}: audio must be finite everywhere`,
          );
        }
      }
    }
  }
  return { samples, sr: info.sr, bitDepth: code, format, channels: C };
}

/** Integer PCM and IEEE float, deinterleaved into `out`. */
function decodePcm(b: Uint8Array, dv: DataView, at: number, n: number, C: number, code: string, out: Float32Array[]): void {
  if (code === "16") {
    const abs = b.byteOffset + at;
    if (LITTLE_ENDIAN && abs % 2 === 0) {
      const v = new Int16Array(b.buffer, abs, n * C);
      if (C === 1) {
        const o = out[0];
        for (let i = 0; i < n; i++) o[i] = v[i] / 32768;
      } else for (let c = 0; c < C; c++) for (let i = 0, o = out[c]; i < n; i++) o[i] = v[i * C + c] / 32768;
    } else for (let c = 0; c < C; c++) for (let i = 0, o = out[c]; i < n; i++) o[i] = dv.getInt16(at + 2 * (i * C + c), true) / 32768;
    return;
  }
  for (let c = 0; c < C; c++) {
    const o = out[c];
    switch (code) {
      case "8":
        for (let i = 0; i < n; i++) o[i] = (b[at + i * C + c] - 128) / 128;
        break;
      case "24":
        for (let i = 0, p = at + 3 * c; i < n; i++, p += 3 * C) o[i] = (((b[p] | (b[p + 1] << 8) | (b[p + 2] << 16)) << 8) >> 8) / 8388608;
        break;
      case "32":
        for (let i = 0, p = at + 4 * c; i < n; i++, p += 4 * C) o[i] = dv.getInt32(p, true) / 2147483648;
        break;
      case "32f":
        for (let i = 0, p = at + 4 * c; i < n; i++, p += 4 * C) o[i] = dv.getFloat32(p, true);
        break;
      case "64":
        for (let i = 0, p = at + 8 * c; i < n; i++, p += 8 * C) o[i] = dv.getFloat64(p, true);
        break;
    }
  }
}

/** µ-law / A-law through wavefile's G.711 decoders, to int16 then /32768 as libsndfile. */
function decodeG711(bytes: Uint8Array, code: string, out: Float32Array[], name: string): void {
  let decoded: Float64Array | Float64Array[];
  try {
    const wf = new WaveFile(bytes);
    if (code === "8m") wf.fromMuLaw("16");
    else wf.fromALaw("16");
    decoded = wf.getSamples(false, Float64Array) as unknown as Float64Array | Float64Array[];
  } catch (err) {
    throw new FileError(name, `cannot decode ${code === "8m" ? "µ-law" : "A-law"} data: ${(err as Error).message}`);
  }
  const chans = out.length === 1 && decoded instanceof Float64Array ? [decoded] : (decoded as Float64Array[]);
  for (let c = 0; c < out.length; c++) for (let i = 0; i < out[c].length; i++) out[c][i] = chans[c][i] / 32768;
}

/** Options of {@link encodeWav}. */
export interface EncodeWavOptions {
  /** "16": 16-bit PCM (default; samples ×32768, rounded, clipped to [−32768, 32767]); "32f": 32-bit float, exact. */
  bitDepth?: "16" | "32f";
}

/**
 * Encode mono audio as a WAV file (for notebook audio players and tests), with wavefile.
 * 16-bit output reads back exactly for samples that are multiples of 1/32768 in [−1, 1).
 *
 * @param y mono audio [n]
 * @param sr sampling rate (Hz), > 0; rounded to an integer in the header
 * @returns the file's bytes
 * @example fs.writeFileSync("tone.wav", encodeWav(y, 22050));
 */
export function encodeWav(y: Float32Array, sr: number, options: EncodeWavOptions = {}): Uint8Array {
  const { bitDepth = "16" } = options;
  assertPositive("sr", sr);
  assertOneOf("bitDepth", bitDepth, ["16", "32f"] as const);
  if (!(y instanceof Float32Array)) throw new ParameterError("y must be a Float32Array");
  const wf = new WaveFile();
  const rate = Math.round(sr);
  if (bitDepth === "32f") {
    wf.fromScratch(1, rate, "32f", y);
  } else {
    const q = new Int16Array(y.length);
    for (let i = 0; i < y.length; i++) {
      const v = Math.round(y[i] * 32768);
      q[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : Number.isNaN(v) ? 0 : v;
    }
    wf.fromScratch(1, rate, "16", q);
  }
  return wf.toBuffer();
}
