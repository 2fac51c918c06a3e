/**
 * `ser.audio`: reading and writing audio, as librosa.load / soundfile users expect — any common
 * format sniffed from the bytes, librosa.load's sr/offset/duration/mono, resampling and fix_length.
 */
export {
  load,
  loadAsync,
  loadBytes,
  loadBytesAsync,
  decodeAudio,
  decodeWav,
  encodeWav,
  readWav,
  sniffFormat,
  describeFormat,
  DECODABLE_FORMATS,
  FORMAT_LABELS,
  type AudioFormat,
  type DecodedAudio,
  type EncodeWavOptions,
  type LoadOptions,
  type LoadResult,
  type LoadedAudio,
  type MultiChannelLoadResult,
  type WavData,
} from "../audio";
export { MAX_AUDIO_BYTES } from "../util";
export { resample, fixLength, RES_TYPES, type ResType, type ResampleOptions, type FixLengthOptions } from "../dsp";
