/**
 * Root-mean-square energy per frame as librosa.feature.rms (0.11), from audio (frames centred
 * with zero padding by default) or from a magnitude spectrogram (Parseval, with the DC and Nyquist
 * bins halved).
 *
 * Meyda's `rms` extractor gives the same number on one unwindowed frame (sqrt of the mean square,
 * in float64) — test/features/rms.test.ts checks that — but it costs frameLength operations per
 * frame (4× the signal for hop = frameLength/4) plus a padded copy; we take every frame's sum of
 * squares as a difference of float64 prefix sums (O(n) in all), so we do not call meyda.
 */
import { ParameterError } from "../util/errors";
import type { Matrix } from "../util/matrix";
import { assertPositiveInt, validAudio } from "../util/validate";
import { pad, type PadMode } from "../dsp/pad";
import { numFrames } from "../dsp/frame";
import { asSpectrogram, type Spectrogram } from "../dsp/spectrogram";
import { borrow, giveBack } from "../dsp/scratch";

/** Options of {@link rms}. */
export interface RmsOptions {
  /** Frame length in samples, integer ≥ 1. Default 2048 (with S: S's nFft when not given). */
  frameLength?: number;
  /** Samples between frames, integer ≥ 1. Default 512. */
  hopLength?: number;
  /** Centre frames by padding ⌊frameLength/2⌋ samples on both sides (audio input only). Default true. */
  center?: boolean;
  /** Padding mode when centring. Default "constant" (zeros). */
  padMode?: PadMode;
}

/**
 * RMS energy per frame (librosa.feature.rms).
 * @param input mono audio `y` [n], or a magnitude Spectrogram (power 1) [frameLength/2 + 1, t]
 * @returns Matrix [1, t] (float32)
 * @example rms(y).data  // one value per frame, t = 1 + ⌊n / 512⌋
 */
export function rms(input: Float32Array | Spectrogram, options: RmsOptions = {}): Matrix {
  const hopLength = options.hopLength ?? 512;
  assertPositiveInt("hopLength", hopLength);
  if (input instanceof Float32Array) {
    validAudio(input);
    const frameLength = options.frameLength ?? 2048;
    assertPositiveInt("frameLength", frameLength);
    const half = (options.center ?? true) ? Math.floor(frameLength / 2) : 0;
    const padMode = options.padMode ?? "constant";
    // zero padding adds nothing to the sums, so frames are read from y itself; other modes pad
    const yp = half > 0 && padMode !== "constant" ? pad(input, half, half, padMode) : input;
    const shift = yp === input ? half : 0;
    const nPadded = input.length + 2 * half;
    if (nPadded < frameLength) throw new ParameterError(`Input is too short (n=${nPadded}) for frameLength=${frameLength}`);
    // Q[i] = Σ_{j<i} yp[j]² (float64): a frame's sum of squares is a difference of two entries
    const n = yp.length;
    const Q = borrow("rms.cumsum", Float64Array, n + 1);
    Q[0] = 0;
    let acc = 0;
    for (let i = 0; i < n; i++) {
      const v = yp[i];
      acc += v * v;
      Q[i + 1] = acc;
    }
    const clamp = (i: number) => (i < 0 ? 0 : i > n ? n : i);
    const cols = numFrames(nPadded, frameLength, hopLength);
    const out = new Float32Array(cols);
    for (let t = 0; t < cols; t++) {
      const s = t * hopLength - shift;
      const e = Q[clamp(s + frameLength)] - Q[clamp(s)];
      out[t] = Math.sqrt(Math.max(e, 0) / frameLength);
    }
    giveBack("rms.cumsum", Q);
    return { data: out, rows: 1, cols };
  }
  const S = asSpectrogram(input, { power: 1 });
  const frameLength = options.frameLength ?? S.nFft;
  assertPositiveInt("frameLength", frameLength);
  if (S.rows !== Math.floor(frameLength / 2) + 1) {
    throw new ParameterError(
      `Since S has ${S.rows} rows, frameLength is expected to be ${2 * S.rows - 2} or ${2 * S.rows - 1}; found frameLength=${frameLength}`,
    );
  }
  const T = S.cols;
  const acc = new Float64Array(T);
  const d = S.data;
  for (let f = 0; f < S.rows; f++) {
    // x = |S|² (float32); DC (and Nyquist for even frameLength) halved
    const w = f === 0 || (f === S.rows - 1 && frameLength % 2 === 0) ? 0.5 : 1;
    const o = f * T;
    for (let t = 0; t < T; t++) {
      const v = d[o + t];
      acc[t] += w * Math.fround(v * v);
    }
  }
  const out = new Float32Array(T);
  for (let t = 0; t < T; t++) out[t] = Math.sqrt((2 * acc[t]) / (frameLength * frameLength));
  return { data: out, rows: 1, cols: T };
}
