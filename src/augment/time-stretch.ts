/**
 * Time stretching without changing pitch, as librosa.effects.time_stretch (0.11):
 * stft → {@link phaseVocoder} → istft with length round(n / rate).
 *
 * The three steps run fused on the STFT's own building blocks (`stftBlocks` for the analysis
 * frames, `OverlapAdd` for the synthesis), so the result equals
 * `istft(phaseVocoder(stft(y), …), …)` sample for sample (a test checks it) without building the
 * two intermediate bin-major matrices.
 */
import { ParameterError } from "../util/errors";
import { assertPlainObject, validAudio } from "../util/validate";
import { OverlapAdd, resolveStftOptions, stftBlocks, type ResolvedStftOptions, type StftOptions } from "../dsp/stft";
import { borrowPolarFrames, phaseVocoderFrames, releasePolarFrames, rint, setPolarFrame, vocodeFrames } from "./phase-vocoder";

/** Options of {@link timeStretch}: the rate, then librosa's STFT keywords (defaults nFft 2048, hop ⌊winLength/4⌋, Hann, centred, zero padding). */
export interface TimeStretchOptions extends StftOptions {
  /** Speed-up factor in [1/16, 16]; > 1 is shorter (librosa's `rate`). */
  rate: number;
}

/** Accepted range of the stretch rate: [1/16, 16]. Outside it the result is mostly artefacts. */
export const STRETCH_RATE_RANGE: readonly [number, number] = [1 / 16, 16];

/** Checks a stretch rate: finite, within {@link STRETCH_RATE_RANGE}. */
export function assertStretchRate(rate: number, name = "rate"): void {
  if (!(typeof rate === "number" && rate >= STRETCH_RATE_RANGE[0] && rate <= STRETCH_RATE_RANGE[1])) {
    throw new ParameterError(`${name}=${rate} must be a finite number in [${STRETCH_RATE_RANGE[0]}, ${STRETCH_RATE_RANGE[1]}] (> 0)`);
  }
}

/** Output length of {@link timeStretch} for n input samples: Python's round(n / rate) (ties to even). */
export function stretchedLength(n: number, rate: number): number {
  return rint(n / rate);
}

/**
 * Stretches audio in time by `rate` keeping its pitch (librosa.effects.time_stretch). rate > 1
 * speeds up (shorter), rate < 1 slows down (longer).
 *
 * One deliberate difference from librosa: the phase vocoder is given the STFT's resolved hop
 * (⌊winLength/4⌋ by default), where librosa passes ⌊nFft/4⌋ when only winLength is set. With
 * default options the two agree.
 * @param y mono audio [n], non-empty and finite
 * @param options `rate` (speed-up factor in [1/16, 16]) and the STFT options (nFft, hopLength,
 *   winLength, window, center, padMode)
 * @returns Float32Array [round(n / rate)]
 * @example const slow = timeStretch(y, { rate: 0.8 });  // 25 % longer, same pitch
 */
export function timeStretch(y: Float32Array, options: TimeStretchOptions): Float32Array {
  validAudio(y);
  assertPlainObject("timeStretch options", options);
  const { rate, ...stft } = options;
  return timeStretchValidated(y, rate, stft);
}

/**
 * {@link timeStretch} for audio the caller has already passed through `validAudio` (pitchShift
 * does, and a second scan of every sample would cost ~1 % of its time); checks everything else.
 * @param out where to write (length ≥ round(n / rate)), default a new array
 * @returns Float32Array [round(n / rate)] (a view of `out` when given)
 */
export function timeStretchValidated(y: Float32Array, rate: number, options: StftOptions = {}, out?: Float32Array): Float32Array {
  assertStretchRate(rate);
  const o = resolveStftOptions(options);
  const { nFft, center } = o;
  if (!center && nFft > y.length) {
    throw new ParameterError(`nFft=${nFft} is too large for uncentered analysis of a signal of length ${y.length}`);
  }
  const length = stretchedLength(y.length, rate);
  if (length === 0) return new Float32Array(0);
  return stretchFused(y, rate, o, length, out);
}

function stretchFused(y: Float32Array, rate: number, o: ResolvedStftOptions, length: number, out?: Float32Array): Float32Array {
  const { nFft, hopLength, center } = o;
  const rows = Math.floor(nFft / 2) + 1;

  // Analysis (stft's frames, complex64), stored polar.
  const F = stftBlocks(y, o);
  const P = borrowPolarFrames(rows, F.cols);
  try {
    F.forEachBlock((re, im, t0, count) => {
      for (let b = 0; b < count; b++) setPolarFrame(P, t0 + b, re, im, b * F.stride);
    });

    // Synthesis (as istft with `length`): only the frames istft would use are overlap-added.
    const padded = center ? length + 2 * Math.floor(nFft / 2) : length;
    const nFrames = Math.min(phaseVocoderFrames(F.cols, rate), Math.ceil(padded / hopLength));
    const ola = new OverlapAdd(o, nFrames);
    const fr = new Float64Array(rows);
    const fi = new Float64Array(rows);
    vocodeFrames(P, rate, hopLength, nFft, fr, fi, (t) => {
      if (t < nFrames) ola.add(t, fr, fi);
    });
    return ola.finish(length, out);
  } finally {
    releasePolarFrames(P);
  }
}
