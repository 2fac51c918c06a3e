/** `ser.decompose`: spectrogram decompositions, as librosa.decompose (hpss) and its helpers. */
export { hpss, medianFilter, softmask, type HpssOptions, type HpssResult, type MedianFilterOptions, type SoftmaskOptions } from "../dsp";
