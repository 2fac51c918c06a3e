/**
 * Fast Fourier transforms in float64 — the one FFT of the toolkit. The pieces, one per file:
 *
 * - `pow2-fft.ts`: `Pow2Fft`, the radix-8 complex FFT plan of a power-of-two length, in
 *   decimation-in-frequency and decimation-in-time order;
 * - `bluestein.ts`: Bluestein's chirp-z algorithm for every other length;
 * - `rfft.ts`: `RealFft`, a real-input FFT that packs n real samples into an n/2-point complex
 *   FFT, with the windowed-frame entry points of the STFT (`stft-kernels.ts`), and numpy's
 *   `rfft`/`irfft`;
 * - this file: the complex {@link fft} of any length, and the unpermuted {@link fftDif} /
 *   {@link ifftDit} pair for convolution.
 *
 * Conventions as numpy.fft: forward X[k] = Σ x[n] e^{-2πikn/N}; inverse scaled by 1/N; `rfft`
 * returns bins 0..N/2 (N/2 + 1 of them for even N, (N + 1)/2 for odd N). Plans are built once per
 * size and memoised; repeated transforms of one size allocate nothing.
 */
import { assertPositiveInt } from "../util/validate";
import { memoize } from "../util/memo";
import { ParameterError } from "../util/errors";
import { isPowerOfTwo } from "../util/numeric";
import { pow2Fft } from "./pow2-fft";
import { Bluestein, type ComplexKernel } from "./bluestein";

/** The memoised forward complex kernel of length n: the `Pow2Fft` plan or a Bluestein plan (internal to the FFTs). */
export const complexKernel = memoize(
  (n: number): ComplexKernel => (isPowerOfTwo(n) ? pow2Fft(n) : new Bluestein(n)),
  (n) => String(n),
  32,
);

/**
 * In-place complex FFT of any length: `fft(re, im)` overwrites (re, im) with the transform.
 * With `inverse: true` computes the inverse transform including the 1/n scaling (numpy.fft.ifft).
 * @param re real parts [n] @param im imaginary parts [n]
 * @example const re = Float64Array.of(1, 0, 0, 0), im = new Float64Array(4); fft(re, im); // all ones
 */
export function fft(re: Float64Array, im: Float64Array, options: { inverse?: boolean } = {}): void {
  const n = re.length;
  if (im.length !== n) throw new ParameterError(`fft: re has ${n} values but im has ${im.length}`);
  assertPositiveInt("n", n);
  if (n === 1) return;
  if (options.inverse) {
    complexKernel(n).forward(im, re);
    const s = 1 / n;
    for (let i = 0; i < n; i++) {
      re[i] *= s;
      im[i] *= s;
    }
  } else complexKernel(n).forward(re, im);
}

/**
 * Forward complex FFT of a power-of-two length in place, natural order in, **bit-reversed order
 * out** (decimation in frequency). With {@link ifftDit}, which takes bit-reversed input, circular
 * convolution needs no permutation: `fftDif(x); fftDif(h); x ·= h; ifftDit(x)` gives n·(x ⊛ h).
 * @param re real parts [n], n a power of two @param im imaginary parts [n]
 * @example const re = Float64Array.of(1, 2, 3, 4), im = new Float64Array(4); fftDif(re, im);  // re = [10, -2, -2, -2] (X0, X2, X1, X3)
 */
export function fftDif(re: Float64Array, im: Float64Array): void {
  pow2Fft(re.length).dif(re, im);
}

/**
 * Inverse complex FFT of a power-of-two length in place, **without the 1/n scaling**,
 * bit-reversed order in, natural order out: the mirror of {@link fftDif}.
 * @param re real parts [n] @param im imaginary parts [n]
 * @example fftDif(re, im); ifftDit(re, im);  // n · the input
 */
export function ifftDit(re: Float64Array, im: Float64Array): void {
  pow2Fft(re.length).dit(im, re);
}
