/** `ser.filters`: filter banks and windows, as librosa.filters (mel, chroma, wavelets, windows, dct). */
export {
  mel,
  chromaFilters as chroma,
  dct,
  getWindow,
  wavelet,
  waveletLengths,
  windowBandwidth,
  windowSumSquare,
  type ChromaFiltersOptions,
  type DctOptions,
  type DctType,
  type MelBasis,
  type MelOptions,
  type WaveletOptions,
  type WindowSpec,
} from "../dsp";
