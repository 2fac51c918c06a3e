/**
 * ser-toolkit: speech emotion recognition in TypeScript.
 *
 * Groups (each also importable on its own, e.g. `ser-toolkit/dist/features`):
 * - util: errors, argument checks, matrices, the seeded Rng, atomic writes
 * - audio: WAV reading, load (librosa.load semantics), resampling, fixLength
 * - data: RAVDESS names, scanning, download/extract, actor-wise splits
 * - dsp: windows, framing, FFT, STFT, mel/chroma filters, dB, DCT, CQT, HPSS
 * - features: the seven librosa features and the clip representations
 * - augment: noise, shift, time-stretch, pitch-shift, gain, speed, policies
 * - effects: voice-activity detection (voicedIntervals)
 * - model: the CNN+LSTM, standardisation, training, model bundles
 * - metrics: scikit-learn-exact classification metrics
 * - charts: Vega-Lite spec builders and `show`
 * - notebook: notebook parameters and rich display helpers
 */
export * from "./util";
export * from "./audio";
export * from "./data";
export * from "./dsp";
export * from "./features";
export * from "./augment";
export * from "./effects";
export * from "./model";
export * from "./metrics";
export * from "./charts";
export * from "./notebook";
export * from "./experiment";
