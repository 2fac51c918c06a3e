/**
 * Mel spectrogram as librosa.feature.melspectrogram (0.11): |STFT|^power mapped onto a mel filter
 * bank (Slaney scale and area normalisation by default).
 */
import type { Matrix } from "../util/matrix";
import type { Spectrogram } from "../dsp/spectrogram";
import { spectrogramOf } from "../dsp/spectra";
import type { StftOptions } from "../dsp/stft";
import { mel, applyMel, type MelOptions } from "../dsp/mel";

/** Options of {@link melspectrogram}: STFT options, the exponent, and the mel bank's options. */
export interface MelspectrogramOptions extends StftOptions, Omit<MelOptions, "nFft"> {
  /** Exponent of |STFT| when computing from audio: 1 magnitude, 2 power. A precomputed S must have this exponent. Default 2. */
  power?: number;
}

/**
 * A mel-scaled spectrogram (librosa.feature.melspectrogram).
 * @param input mono audio `y` [n], or a precomputed Spectrogram [1 + nFft/2, t] with exponent
 *   `power` (its nFft is used for the mel basis)
 * @returns Matrix [nMels, t] (float32), features × frames
 * @example const M = melspectrogram(y, { sr: 22050 });  // M.rows === 128
 */
export function melspectrogram(input: Float32Array | Spectrogram, options: MelspectrogramOptions = {}): Matrix {
  const power = options.power ?? 2;
  const S = spectrogramOf(input, { ...options, power });
  const M = mel({ sr: options.sr, nFft: S.nFft, nMels: options.nMels, fmin: options.fmin, fmax: options.fmax, htk: options.htk, norm: options.norm });
  return applyMel(M, S);
}
