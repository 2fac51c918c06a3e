/**
 * Zero-crossing rate as librosa.feature.zero_crossing_rate (0.11): the fraction of sign changes
 * between consecutive samples in each frame. Centred frames pad with edge values (not zeros, unlike
 * stft and rms); values with |y| ≤ threshold (1e-10) count as 0, and 0 counts as positive; the
 * first sample of a frame never counts (`pad=False`), so a frame of length L has at most L − 1.
 *
 * Meyda's `zcr` extractor applies the same rule without the threshold, but returns a count over one
 * buffer and would be called once per frame (O(frameLength) each, on a padded copy). We classify
 * every sample once and take per-frame counts from a prefix count — O(n) for the whole signal,
 * exact integers, no padded copy — so calling meyda would be ~4× more work and still miss the
 * threshold (test/features/zero-crossing-rate.test.ts checks that both agree on int16 audio).
 */
import { ParameterError } from "../util/errors";
import type { Matrix } from "../util/matrix";
import { assertFinite, assertPositiveInt, repr, validAudio } from "../util/validate";
import { numFrames } from "../dsp/frame";
import { borrow, giveBack } from "../dsp/scratch";

/** Options of {@link zeroCrossingRate} (librosa's keywords, and zero_crossings' through **kwargs). */
export interface ZeroCrossingRateOptions {
  /** Frame length in samples, integer ≥ 1. Default 2048. */
  frameLength?: number;
  /** Samples between frames, integer ≥ 1. Default 512. */
  hopLength?: number;
  /** Pad ⌊frameLength/2⌋ edge values on both sides so frame t is centred at t·hopLength. Default true. */
  center?: boolean;
  /** Values with −threshold ≤ y ≤ threshold count as 0 (≥ 0). Default 1e-10. */
  threshold?: number;
  /** Scale the threshold by this number, or by a function of |y| (e.g. the maximum). Default none. */
  refMagnitude?: number | ((absY: Float32Array) => number);
  /** Count 0 as positive (true) or as a sign of its own (false). Default true. */
  zeroPos?: boolean;
  /** Count the first sample of each frame as a crossing. Default false (librosa's zero_crossing_rate). */
  pad?: boolean;
}

/**
 * Zero-crossing rate per frame (librosa.feature.zero_crossing_rate).
 * @param y mono audio [n]
 * @returns Matrix [1, t] with t = 1 + ⌊n / hopLength⌋ when centred (values in [0, 1])
 * @example zeroCrossingRate(y).data  // one rate per frame
 */
export function zeroCrossingRate(y: Float32Array, options: ZeroCrossingRateOptions = {}): Matrix {
  validAudio(y);
  const frameLength = options.frameLength ?? 2048;
  const hopLength = options.hopLength ?? 512;
  assertPositiveInt("frameLength", frameLength);
  assertPositiveInt("hopLength", hopLength);
  const center = options.center ?? true;
  const zeroPos = options.zeroPos ?? true;
  let threshold = options.threshold ?? 1e-10;
  assertFinite("threshold", threshold);
  if (threshold < 0) throw new ParameterError(`threshold=${repr(threshold)} must be ≥ 0`);
  const n = y.length;
  const half = center ? Math.floor(frameLength / 2) : 0;
  const nPadded = n + 2 * half;
  if (nPadded < frameLength) throw new ParameterError(`Input is too short (n=${nPadded}) for frameLength=${frameLength}`);
  const { refMagnitude } = options;
  if (typeof refMagnitude === "function") {
    // librosa applies it to |y_framed|: the edge-padded signal has the same values as y
    const a = new Float32Array(n);
    for (let i = 0; i < n; i++) a[i] = Math.abs(y[i]);
    threshold *= refMagnitude(a);
  } else if (refMagnitude !== undefined) {
    assertFinite("refMagnitude", refMagnitude);
    threshold *= refMagnitude;
  }
  // librosa's numba kernel compares float32 samples with the threshold cast to float32.
  const thr = Math.fround(threshold);
  // C[i] = crossings between samples j−1 and j of y for 1 ≤ j ≤ i. Sign classes: with zeroPos,
  // negative (< −thr) or not; otherwise −1, 0 (|y| ≤ thr), +1. Edge padding repeats the end
  // samples, so padded frames only see y's own crossings: a frame covering padded samples
  // [s, s + L) counts C[clamp(s + L − 1 − half)] − C[clamp(s − half)].
  const C = borrow("zcr.crossings", Int32Array, n);
  C[0] = 0;
  const lo = -thr;
  if (zeroPos) {
    let prev = y[0] < lo;
    let count = 0;
    for (let i = 1; i < n; i++) {
      const neg = y[i] < lo;
      if (neg !== prev) count++;
      C[i] = count;
      prev = neg;
    }
  } else {
    const cls = (x: number) => (x < lo ? -1 : x > thr ? 1 : 0);
    let prev = cls(y[0]);
    let count = 0;
    for (let i = 1; i < n; i++) {
      const c = cls(y[i]);
      if (c !== prev) count++;
      C[i] = count;
      prev = c;
    }
  }
  const clamp = (i: number) => (i < 0 ? 0 : i > n - 1 ? n - 1 : i);
  const cols = numFrames(nPadded, frameLength, hopLength);
  const out = new Float32Array(cols);
  const first = options.pad ? 1 : 0;
  for (let t = 0; t < cols; t++) {
    const s = t * hopLength - half;
    out[t] = (C[clamp(s + frameLength - 1)] - C[clamp(s)] + first) / frameLength;
  }
  giveBack("zcr.crossings", C);
  return { data: out, rows: 1, cols };
}
