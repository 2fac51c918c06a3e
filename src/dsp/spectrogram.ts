/**
 * Magnitude and power spectrograms (librosa's `_spectrogram`), carrying how they were made so a
 * feature can check that a precomputed `S` is what it needs.
 */
import { ParameterError } from "../util/errors";
import type { Matrix } from "../util/matrix";
import { stft, resolveStftOptions, type ComplexMatrix, type StftOptions } from "./stft";

/** |STFT|^power: rows = 1 + nFft/2 bins, cols = frames. Carries how it was made. */
export interface Spectrogram extends Matrix {
  readonly power: number;
  readonly nFft: number;
}

/** Options of {@link spectrogram}: STFT options plus the exponent. */
export interface SpectrogramOptions extends StftOptions {
  /** Exponent of the magnitude: 1 for magnitude, 2 for power. Default 1. */
  power?: number;
}

/** |D|^power of a complex STFT, as float32. */
export function magnitudeToPower(D: ComplexMatrix, power = 1, nFft = 2 * (D.rows - 1)): Spectrogram {
  if (!(power > 0)) throw new ParameterError(`power=${power} must be > 0`);
  const data = new Float32Array(D.re.length);
  for (let i = 0; i < data.length; i++) {
    // librosa: np.abs(D) in complex64 (rounded to float32), then ** power in float32.
    const mag = Math.fround(Math.hypot(D.re[i], D.im[i]));
    data[i] = power === 1 ? mag : power === 2 ? mag * mag : mag ** power;
  }
  return { data, rows: D.rows, cols: D.cols, power, nFft };
}

/**
 * |stft(y)|^power (librosa's `_spectrogram` with y given).
 * @returns Spectrogram [1 + nFft/2, t]
 * @example const S = spectrogram(y, { nFft: 2048, hopLength: 512, power: 2 });
 */
export function spectrogram(y: Float32Array, options: SpectrogramOptions = {}): Spectrogram {
  const { nFft } = resolveStftOptions(options);
  return magnitudeToPower(stft(y, options), options.power ?? 1, nFft);
}

/**
 * The spectrogram a feature needs: computed from audio `y`, or a precomputed `S` checked for the
 * right exponent (librosa infers nFft from S's rows; so do we).
 */
export function asSpectrogram(input: Float32Array | Float64Array | Spectrogram, options: SpectrogramOptions & { power: number }): Spectrogram {
  if (input instanceof Float32Array || input instanceof Float64Array) {
    return spectrogram(input instanceof Float32Array ? input : Float32Array.from(input), options);
  }
  if (!input || !(input.data instanceof Float32Array)) throw new ParameterError("expected audio (Float32Array) or a Spectrogram");
  if (input.power !== options.power) {
    throw new ParameterError(`S has power=${input.power}, but this feature needs power=${options.power} (${options.power === 1 ? "magnitude" : "power"} spectrogram)`);
  }
  return input;
}
