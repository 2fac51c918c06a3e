/** Audio I/O: WAV reading and writing, decoding, librosa.load (resampling and fix_length live in dsp/). */
export { decodeWav, encodeWav, type WavData, type EncodeWavOptions } from "./wav";
export { readWav } from "./read-wav";
export { loadBytes, type LoadOptions, type LoadResult, type MultiChannelLoadResult } from "./load";
export { load } from "./load-file";
export { loadAsync, loadBytesAsync, type LoadedAudio } from "./load-async";
export { decodeAudio, DECODABLE_FORMATS, type DecodedAudio } from "./decode";
export { sniffFormat, describeFormat, FORMAT_LABELS, type AudioFormat } from "./sniff";
