export * from "./fft";
export * from "./window";
export * from "./pad";
export * from "./frame";
export * from "./stft";
export * from "./spectrogram";
export * from "./convert";
