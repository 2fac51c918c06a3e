/**
 * Harmonic/percussive separation of audio, as librosa 0.11's `librosa.effects.harmonic`,
 * `percussive` and `hpss`: stft → `hpss` (on the complex STFT) → istft with the input's
 * length.
 */
import { validAudio } from "../util/validate";
import { istft, stft, type ComplexMatrix, type StftOptions } from "./stft";
import { hpssParts, type HpssOptions, type HpssResult } from "./hpss";

/** Options of {@link harmonic}, {@link percussive} and {@link hpssAudio}: STFT options plus HPSS options. */
export interface HarmonicOptions extends StftOptions, Omit<HpssOptions, "mask"> {}

function splitAudio(
  y: Float32Array,
  options: HarmonicOptions,
  which: "harmonic" | "percussive" | "both",
): { harmonic?: Float32Array; percussive?: Float32Array } {
  validAudio(y);
  const { kernelSize, power, margin, ...stftOptions } = options;
  const D = stft(y, stftOptions);
  const parts = hpssParts(D, { kernelSize, power, margin }, which !== "percussive", which !== "harmonic") as Partial<HpssResult<ComplexMatrix>>;
  const inv = (X: ComplexMatrix) =>
    istft(X, {
      nFft: stftOptions.nFft,
      hopLength: stftOptions.hopLength,
      winLength: stftOptions.winLength,
      window: stftOptions.window,
      center: stftOptions.center,
      length: y.length,
    });
  return {
    harmonic: parts.harmonic && inv(parts.harmonic),
    percussive: parts.percussive && inv(parts.percussive),
  };
}

/**
 * The harmonic part of audio (librosa.effects.harmonic): stft → `hpss` → istft with the
 * input's length. (librosa passes no `window` to its stft/istft here; we pass `window` to both,
 * which is the same for the default "hann".)
 * @param y mono audio [n]
 * @returns harmonic audio [n]
 * @example const yHarm = harmonic(y);  // yHarm.length === y.length
 */
export function harmonic(y: Float32Array, options: HarmonicOptions = {}): Float32Array {
  return splitAudio(y, options, "harmonic").harmonic!;
}

/**
 * The percussive part of audio (librosa.effects.percussive).
 * @param y mono audio [n]
 * @returns percussive audio [n]
 * @example const yPerc = percussive(y, { margin: 3 });
 */
export function percussive(y: Float32Array, options: HarmonicOptions = {}): Float32Array {
  return splitAudio(y, options, "percussive").percussive!;
}

/**
 * Both parts of audio from one STFT (librosa.effects.hpss).
 * @param y mono audio [n]
 * @returns `{ harmonic, percussive }`, each [n]
 * @example const { harmonic: h, percussive: p } = hpssAudio(y);
 */
export function hpssAudio(y: Float32Array, options: HarmonicOptions = {}): HpssResult<Float32Array> {
  const r = splitAudio(y, options, "both");
  return { harmonic: r.harmonic!, percussive: r.percussive! };
}
