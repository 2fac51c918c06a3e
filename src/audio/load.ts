/**
 * librosa.load for WAV files: read, cut `offset`/`duration` at the native rate, mix to mono,
 * resample with soxr's filters. This module takes bytes and has no Node-only dependency (browser-safe);
 * `load(path)` is in `load-file.ts`.
 */
import { FileError, ParameterError } from "../util/errors";
import { assertOneOf, repr } from "../util/validate";
import { resample, RES_TYPES, type ResType } from "../dsp/resample";
import { decodeWav, type WavData } from "./wav";

/** Options of {@link load}, with librosa.load's (0.11) defaults. */
export interface LoadOptions {
  /** Target sampling rate (Hz, > 0), or null to keep the file's native rate. Default 22050. */
  sr?: number | null;
  /** Mix to mono by averaging the channels. Default true. */
  mono?: boolean;
  /** Start reading after this many seconds (≥ 0), cut at the native rate: sample `trunc(offset · srNative)`. Default 0. */
  offset?: number;
  /** Read at most this many seconds (> 0; `trunc(duration · srNative)` samples), or null for all. Default null. */
  duration?: number | null;
  /** Resampler recipe. Default "soxr_hq". */
  resType?: ResType;
}

/** Mono audio and its rate, as `y, sr = librosa.load(...)`. */
export interface LoadResult {
  /** Mono audio [n], float32. */
  y: Float32Array;
  /** Sampling rate of `y` (Hz). */
  sr: number;
}

/** Multi-channel audio (`mono: false`): one Float32Array per channel, librosa's shape (channels, n). */
export interface MultiChannelLoadResult {
  /** Channels × samples [channels][n]; a mono file gives one channel. */
  y: Float32Array[];
  sr: number;
}

/** Validates load options and fills librosa's defaults (shared with `loadAsync`). */
export function checkOptions(o: LoadOptions): Required<LoadOptions> {
  const { sr = 22050, mono = true, offset = 0, duration = null, resType = "soxr_hq" } = o;
  if (sr !== null && !(typeof sr === "number" && Number.isFinite(sr) && sr > 0)) {
    throw new ParameterError(`sr=${repr(sr)} must be a finite number > 0, or null for the native rate`);
  }
  if (!(typeof offset === "number" && Number.isFinite(offset) && offset >= 0))
    throw new ParameterError(`offset=${repr(offset)} must be a finite number ≥ 0 (seconds)`);
  if (duration !== null && !(typeof duration === "number" && Number.isFinite(duration) && duration > 0)) {
    throw new ParameterError(`duration=${repr(duration)} must be a finite number > 0 (seconds), or null for the whole file`);
  }
  assertOneOf("resType", resType, RES_TYPES);
  return { sr, mono, offset, duration, resType };
}

/** Mean of the channels in float32 arithmetic, as numpy's `np.mean(y, axis=0)` on float32 data. */
function toMono(chans: Float32Array[]): Float32Array {
  if (chans.length === 1) return chans[0];
  const n = chans[0].length;
  const out = new Float32Array(n);
  const C = chans.length;
  for (let i = 0; i < n; i++) {
    let acc = chans[0][i];
    for (let c = 1; c < C; c++) acc = Math.fround(acc + chans[c][i]);
    out[i] = acc / C;
  }
  return out;
}

/**
 * librosa.load's steps after decoding, for any format: cut `offset`/`duration` at the native rate,
 * mix to mono, resample. `audio.samples` is [channels][n] at `audio.sr` (shared with `loadAsync`).
 */
export function fromDecoded(wav: { samples: Float32Array[]; sr: number }, name: string, options: LoadOptions): LoadResult | MultiChannelLoadResult {
  const { sr, mono, offset, duration, resType } = checkOptions(options);
  const srNative = wav.sr;
  const total = wav.samples[0].length;
  const start = Math.trunc(offset * srNative);
  if (start >= total) {
    throw new FileError(
      name,
      `offset=${offset} s (sample ${start}) is at or beyond the end of the audio (${total} samples = ${(total / srNative).toFixed(3)} s at ${srNative} Hz)`,
    );
  }
  const end = duration === null ? total : Math.min(total, start + Math.trunc(duration * srNative));
  if (end <= start) throw new ParameterError(`duration=${duration} s is shorter than one sample at ${srNative} Hz`);
  let chans = wav.samples.map((c) => (start === 0 && end === total ? c : c.subarray(start, end)));
  if (mono) chans = [toMono(chans)];
  if (sr !== null) chans = chans.map((c) => resample(c, { origSr: srNative, targetSr: sr, resType }));
  const outSr = sr ?? srNative;
  // Copies of subarrays, so callers never hold a view into the whole decoded file.
  chans = chans.map((c) => (c.byteOffset !== 0 || c.length !== c.buffer.byteLength / 4 ? c.slice() : c));
  return mono ? { y: chans[0], sr: outSr } : { y: chans, sr: outSr };
}

/**
 * {@link load} from WAV bytes already in memory (e.g. an entry read from a zip).
 *
 * @param bytes the WAV file's contents
 * @param options load options, plus `name` for error messages (default "<bytes>")
 * @returns as {@link load}
 * @example const { y, sr } = loadBytes(await readZipEntry(zip, "Actor_01/03-01-01-01-01-01-01.wav"), { name: "Actor_01/…" });
 */
export function loadBytes(bytes: Uint8Array, options?: LoadOptions & { name?: string; mono?: true }): LoadResult;
export function loadBytes(bytes: Uint8Array, options: LoadOptions & { name?: string; mono: false }): MultiChannelLoadResult;
export function loadBytes(bytes: Uint8Array, options?: LoadOptions & { name?: string }): LoadResult | MultiChannelLoadResult;
export function loadBytes(bytes: Uint8Array, options: LoadOptions & { name?: string } = {}): LoadResult | MultiChannelLoadResult {
  const { name = "<bytes>", ...rest } = options;
  checkOptions(rest);
  return fromDecoded(decodeWav(bytes, name), name, rest);
}
