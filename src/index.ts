/**
 * ser-toolkit: speech emotion recognition in TypeScript, in namespaces a librosa, Keras or
 * scikit-learn user can guess:
 *
 *   import * as ser from "ser-toolkit";
 *   const { y, sr } = ser.audio.load("clip.wav", { sr: 22050 });
 *   const M = ser.feature.mfcc(y, { sr, nMfcc: 40 });
 *   const up = ser.effects.pitchShift(y, { sr, nSteps: 2 });
 *   ser.metrics.f1Score(yTrue, yPred, { average: "macro" });
 *
 * - audio: load (any common format), resample, fixLength, WAV I/O
 * - feature: the seven librosa features, chromaCqt, delta, clip representations
 * - effects: timeStretch, pitchShift, noise, shift, gain, speed, hpss on audio, voicedIntervals
 * - decompose: hpss on spectrograms, medianFilter, softmask
 * - filters: mel, chroma, dct, windows, wavelets
 * - core: stft, istft, spectrogram, cqt, dB and unit conversions, frequencies, tuning
 * - data: RAVDESS names, locating and preparing the archive, actor-wise splits
 * - augment: augmentation specs and policies for training sets
 * - model: the CNN+LSTM, standardisation, training, bundles, export
 * - metrics: scikit-learn-exact classification metrics
 * - charts: Vega-Lite spec builders and SVG rendering
 * - experiment: recipes, runs, cross-validation, protocols, tuning, prediction
 * - display: notebook output (show, showTable, showAudio, markdown)
 * - util: Rng, error classes, project paths, matrices
 *
 * Each namespace lists its names explicitly (src/api/); everything else is internal.
 */
export * as audio from "./api/audio";
export * as feature from "./api/feature";
export * as effects from "./api/effects";
export * as decompose from "./api/decompose";
export * as filters from "./api/filters";
export * as core from "./api/core";
export * as data from "./api/data";
export * as augment from "./api/augment";
export * as model from "./api/model";
export * as metrics from "./api/metrics";
export * as charts from "./api/charts";
export * as experiment from "./api/experiment";
export * as display from "./api/display";
export * as util from "./api/util";
