/**
 * Numeric constants and predicates shared by the DSP code: numpy's `finfo(...).tiny` (librosa's
 * `util.tiny`), and the power-of-two test of the FFT sizes.
 */

/** np.finfo(np.float32).tiny, librosa.util.tiny for float32 input: the smallest normal float32. */
export const FLOAT32_TINY = 1.1754943508222875e-38;

/** np.finfo(np.float64).tiny: the smallest normal float64. */
export const FLOAT64_TINY = 2.2250738585072014e-308;

/**
 * Whether `n` is a power of two: 1, 2, 4, 8, … (n = 2^k for an integer k ≥ 0).
 * @example isPowerOfTwo(1024)  // true; isPowerOfTwo(0), isPowerOfTwo(12), isPowerOfTwo(0.5) are false
 */
export function isPowerOfTwo(n: number): boolean {
  if (!Number.isInteger(n) || n < 1) return false;
  for (; n > 2 ** 30; n /= 2) if (n % 2 !== 0) return false; // beyond int32 bit operations
  return (n & (n - 1)) === 0;
}
