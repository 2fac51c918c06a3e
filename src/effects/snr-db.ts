/** The signal-to-noise ratio of a noisy copy of a signal, measured (to check what `addNoise` promises). */
import { ParameterError } from "../util/errors";
import { validAudio } from "../util/validate";

/**
 * 10·log10(Σ clean² / Σ (noisy − clean)²), in dB: the SNR of `noisy` against `clean`.
 * @param clean the original signal [n]
 * @param noisy the same signal with noise added [n]
 * @returns the SNR in dB; Infinity when the two are equal
 * @throws ParameterError for lengths that differ, non-finite samples, or a silent clean signal
 * @example snrDb(y, addNoise(y, { snrDb: 15 }, rng))  // ≈ 15
 */
export function snrDb(clean: Float32Array, noisy: Float32Array): number {
  validAudio(clean, "clean");
  validAudio(noisy, "noisy");
  if (clean.length !== noisy.length)
    throw new ParameterError(`clean has ${clean.length} samples but noisy has ${noisy.length}: the SNR compares the same samples`);
  let signal = 0;
  let noise = 0;
  for (let i = 0; i < clean.length; i++) {
    signal += clean[i] * clean[i];
    noise += (noisy[i] - clean[i]) ** 2;
  }
  if (signal === 0) throw new ParameterError("clean is silent (all zeros): its SNR is undefined");
  return noise === 0 ? Infinity : 10 * Math.log10(signal / noise);
}
