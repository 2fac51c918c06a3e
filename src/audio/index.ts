/** Audio I/O: WAV reading and writing, librosa.load, soxr-exact resampling, fix_length. */
export { decodeWav, encodeWav, type WavData, type EncodeWavOptions } from "./wav";
export { readWav } from "./read-wav";
export { loadBytes, type LoadOptions, type LoadResult, type MultiChannelLoadResult } from "./load";
export { load } from "./load-file";
export { resample, RES_TYPES, type ResType, type ResampleOptions } from "./resample";
export { fixLength, type FixLengthOptions } from "./fix-length";
export { loadAsync, loadBytesAsync, type LoadedAudio } from "./load-async";
export { decodeAudio, DECODABLE_FORMATS, type DecodedAudio } from "./decode";
export { sniffFormat, describeFormat, FORMAT_LABELS, type AudioFormat } from "./sniff";
