/**
 * Framing as librosa.util.frame: overlapping frames of a signal, one frame per column.
 */
import { ParameterError } from "../util/errors";
import { assertPositiveInt } from "../util/validate";
import type { Matrix } from "../util/matrix";

/** Number of frames librosa.util.frame yields: 1 + ⌊(n − frameLength) / hopLength⌋. */
export function numFrames(n: number, frameLength: number, hopLength: number): number {
  return n < frameLength ? 0 : 1 + Math.floor((n - frameLength) / hopLength);
}

/**
 * Slices `y` into overlapping frames (librosa.util.frame, axis −1).
 * @param y signal [n], n ≥ frameLength
 * @returns Matrix [frameLength, nFrames]: column t holds y[t·hop … t·hop + frameLength − 1]
 * @example frame(Float32Array.of(0, 1, 2, 3, 4), 3, 1)  // 3 × 3
 */
export function frame(y: Float32Array, frameLength: number, hopLength: number): Matrix {
  assertPositiveInt("frameLength", frameLength);
  assertPositiveInt("hopLength", hopLength);
  if (y.length < frameLength) throw new ParameterError(`Input is too short (n=${y.length}) for frameLength=${frameLength}`);
  const cols = numFrames(y.length, frameLength, hopLength);
  const data = new Float32Array(frameLength * cols);
  for (let t = 0; t < cols; t++) {
    const off = t * hopLength;
    for (let i = 0; i < frameLength; i++) data[i * cols + t] = y[off + i];
  }
  return { data, rows: frameLength, cols };
}
