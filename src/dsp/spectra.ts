/**
 * The magnitude and power spectrograms of a clip (and, on request, the complex STFT) from one STFT
 * pass — the shared input of every spectral feature in `clipFeatures` and of `spectrogramOf`, which
 * the features use for audio input. The frames come from the STFT's block loop (`stftBlocks`);
 * each block is transposed into [bins, frames] a cache line at a time, taking |X| and |X|² on the
 * way, with no intermediate complex matrix unless asked for.
 *
 * Numerically it follows librosa's steps: the FFT in float64, re/im rounded to float32 (complex64),
 * |X| bit for bit as numpy's SIMD `np.abs` computes it for complex64 ({@link cabs32}), |X|² in
 * float32. That last point matters: librosa.estimate_tuning takes an argmax over a histogram of
 * peak pitches, and with these magnitudes it equals librosa's on all 1200 RAVDESS clips (native
 * 48 kHz, from y and from |S|²), against 1130/1200 with correctly rounded (Math.hypot) magnitudes.
 */
import { validAudio } from "../util/validate";
import { resolveStftOptions, stftBlocks, type ComplexMatrix, type ResolvedStftOptions, type StftOptions } from "./stft";
import { asSpectrogram, cabs32, type Spectrogram } from "./spectrogram";

/** A clip's magnitude (|STFT|, power 1) and power (|STFT|², power 2) spectrograms, [1 + nFft/2, t] each. */
export interface Spectra {
  readonly magnitude: Spectrogram;
  readonly power: Spectrogram;
  /** The complex STFT itself (complex64 values, as stft()), when asked for with `complex: true`. */
  readonly complex?: ComplexMatrix;
}

/** Options of {@link spectra}: STFT options, and whether to keep the complex STFT too. */
export interface SpectraOptions extends StftOptions {
  /** Also return the complex STFT (e.g. for HPSS). Default false. */
  complex?: boolean;
}

/**
 * |STFT(y)|^power for power 1 or 2 through {@link spectra} (other exponents and precomputed
 * spectrograms through `asSpectrogram`): the spectrogram a feature needs, computed the fast way.
 * @returns Spectrogram [1 + nFft/2, t]
 * @example const S = spectrogramOf(y, { nFft: 2048, power: 2 });  // |stft(y)|², numpy-exact
 */
export function spectrogramOf(input: Float32Array | Spectrogram, options: StftOptions & { power: number }): Spectrogram {
  if (input instanceof Float32Array && (options.power === 1 || options.power === 2)) {
    validAudio(input);
    return stftMagnitude(input, resolveStftOptions(options), options.power);
  }
  return asSpectrogram(input, options);
}

/**
 * |STFT(y)| (power 1) or its float32 square (power 2) of validated audio, transposed from the
 * STFT's blocks; into `out` (length ≥ rows · cols) when given.
 * @returns Spectrogram [1 + nFft/2, t]
 * @example const S = stftMagnitude(y, resolveStftOptions({}), 1);
 */
export function stftMagnitude(y: Float32Array, o: ResolvedStftOptions, power: 1 | 2, out?: Float32Array): Spectrogram {
  const F = stftBlocks(y, o);
  const { rows, cols, stride } = F;
  const data = out ? out.subarray(0, rows * cols) : new Float32Array(rows * cols);
  F.forEachBlock((bre, bim, t0, count) => {
    for (let k = 0; k < rows; k++) {
      const o = k * cols + t0;
      if (power === 1) for (let b = 0, j = k; b < count; b++, j += stride) data[o + b] = cabs32(bre[j], bim[j]);
      else {
        for (let b = 0, j = k; b < count; b++, j += stride) {
          const v = cabs32(bre[j], bim[j]);
          data[o + b] = v * v;
        }
      }
    }
  });
  return { data, rows, cols, power, nFft: o.nFft };
}

/**
 * Magnitude and power spectrograms of `y` from one STFT (librosa's `np.abs(stft(y))` and its square).
 * @param y mono audio [n]
 * @param options STFT options (nFft 2048, hopLength nFft/4, hann window, centred with zero padding);
 *   `complex: true` also returns the complex STFT
 * @returns { magnitude, power, complex? }, each [1 + nFft/2, t]
 * @example const { magnitude, power } = spectra(y);  // spectralContrast(magnitude), melspectrogram(power)
 */
export function spectra(y: Float32Array, options: SpectraOptions = {}): Spectra {
  validAudio(y);
  const o = resolveStftOptions(options);
  const F = stftBlocks(y, o);
  const { rows, cols, stride } = F;
  const mag = new Float32Array(rows * cols);
  const pow = new Float32Array(rows * cols);
  const keep = options.complex === true;
  const re = keep ? new Float32Array(rows * cols) : null;
  const im = keep ? new Float32Array(rows * cols) : null;
  F.forEachBlock((bre, bim, t0, count) => {
    for (let k = 0; k < rows; k++) {
      const o = k * cols + t0;
      for (let b = 0, j = k; b < count; b++, j += stride) {
        const v = cabs32(bre[j], bim[j]);
        mag[o + b] = v;
        pow[o + b] = v * v;
      }
      if (re && im) {
        for (let b = 0, j = k; b < count; b++, j += stride) {
          re[o + b] = bre[j];
          im[o + b] = bim[j];
        }
      }
    }
  });
  const nFft = o.nFft;
  return {
    magnitude: { data: mag, rows, cols, power: 1, nFft },
    power: { data: pow, rows, cols, power: 2, nFft },
    complex: re && im ? { re, im, rows, cols } : undefined,
  };
}
