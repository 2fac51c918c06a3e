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
import { ParameterError } from "../util/errors";
import { validAudio } from "../util/validate";
import { resolveStftOptions, stftBlocks, type ComplexMatrix, type ResolvedStftOptions, type StftOptions } from "./stft";
import { asSpectrogram, cabs32, type Spectrogram } from "./spectrogram";

// A module-level alias: under tsx (esbuild's CommonJS output) every use of an imported name is a
// getter call on the exporting module's namespace, which keeps TurboFan from inlining it in the
// per-bin loops below (≈ 4 ms per clip); a local constant is inlined like a local function.
const abs32 = cabs32;

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
  F.forEachBlock((bre, bim, t0, count) => magnitudeBlock(bre, bim, t0, count, stride, rows, cols, power, data));
  return { data, rows, cols, power, nFft: o.nFft };
}

/** One block of {@link stftMagnitude}: |X| (power 1) or |X|² (power 2) transposed into data [bins, frames]. */
function magnitudeBlock(
  bre: Float32Array,
  bim: Float32Array,
  t0: number,
  count: number,
  stride: number,
  rows: number,
  cols: number,
  power: 1 | 2,
  data: Float32Array,
): void {
  for (let k = 0; k < rows; k++) {
    const o = k * cols + t0;
    if (power === 1) for (let b = 0, j = k; b < count; b++, j += stride) data[o + b] = abs32(bre[j], bim[j]);
    else {
      for (let b = 0, j = k; b < count; b++, j += stride) {
        const v = abs32(bre[j], bim[j]);
        data[o + b] = v * v;
      }
    }
  }
}

/**
 * |STFT(y)| (numpy-exact float32 magnitudes) of the rows [r0, r1) only, into `out`
 * [(r1 − r0) × frames], plus each frame's maximum |X| over all rows into `frameMax` [frames] —
 * what librosa.piptrack needs from a spectrogram searched between fmin and fmax with
 * `ref = np.max`. Outside the band the maximum is found on |X|² in float64 and only the values
 * within a relative 2⁻¹⁶ of it get the exact magnitude, so the result equals the maximum of the
 * full spectrogram.
 * @returns the number of frames
 * @example const T = stftMagnitudeBand(y, resolveStftOptions({}), 13, 373, out, max);
 */
export function stftMagnitudeBand(y: Float32Array, o: ResolvedStftOptions, r0: number, r1: number, out: Float32Array, frameMax: Float32Array): number {
  const F = stftBlocks(y, o);
  const { rows, cols, stride } = F;
  if (!(0 <= r0 && r0 <= r1 && r1 <= rows)) throw new ParameterError(`stftMagnitudeBand: rows [${r0}, ${r1}) must lie within [0, ${rows})`);
  if (out.length < (r1 - r0) * cols || frameMax.length < cols)
    throw new ParameterError(`stftMagnitudeBand: out or frameMax too short for ${r1 - r0} × ${cols}`);
  F.forEachBlock((bre, bim, t0, count) => bandBlock(bre, bim, t0, count, stride, rows, cols, r0, r1, out, frameMax));
  return cols;
}

/** Relative margin on |X|² below the outside maximum within which exact magnitudes are compared. */
const MAX_MARGIN = 1 - 2 ** -16;

function bandBlock(
  bre: Float32Array,
  bim: Float32Array,
  t0: number,
  count: number,
  stride: number,
  rows: number,
  cols: number,
  r0: number,
  r1: number,
  out: Float32Array,
  frameMax: Float32Array,
): void {
  for (let k = r0; k < r1; k++) {
    const o = (k - r0) * cols + t0;
    for (let b = 0, j = k; b < count; b++, j += stride) out[o + b] = abs32(bre[j], bim[j]);
  }
  for (let b = 0; b < count; b++) {
    const base = b * stride;
    let m = -Infinity;
    for (let k = r0, o = t0 + b; k < r1; k++, o += cols) if (out[o] > m) m = out[o];
    let qmax = -1;
    for (let k = 0; k < r0; k++) {
      const re = bre[base + k];
      const im = bim[base + k];
      const q = re * re + im * im;
      if (q > qmax) qmax = q;
    }
    for (let k = r1; k < rows; k++) {
      const re = bre[base + k];
      const im = bim[base + k];
      const q = re * re + im * im;
      if (q > qmax) qmax = q;
    }
    if (qmax === 0) {
      if (m < 0) m = 0; // every value outside the band is 0
    } else if (qmax > 0) {
      const thr = qmax * MAX_MARGIN;
      for (let k = 0; k < rows; k++) {
        if (k === r0) k = r1;
        if (k >= rows) break;
        const re = bre[base + k];
        const im = bim[base + k];
        if (re * re + im * im >= thr) {
          const v = abs32(re, im);
          if (v > m) m = v;
        }
      }
    }
    frameMax[t0 + b] = m;
  }
}

/**
 * One block of {@link spectra}: frames t0 … t0 + count − 1 of (bre, bim) (frame b at b · stride)
 * transposed into [bins, frames] as |X|, |X|² and, when re/im are given, X itself. A module-level
 * function, not a closure: TurboFan keeps one optimised version of it for every clip, where a
 * closure created per call was re-optimised again and again.
 */
function spectraBlock(
  bre: Float32Array,
  bim: Float32Array,
  t0: number,
  count: number,
  stride: number,
  rows: number,
  cols: number,
  mag: Float32Array,
  pow: Float32Array,
  re: Float32Array | null,
  im: Float32Array | null,
): void {
  for (let k = 0; k < rows; k++) {
    const o = k * cols + t0;
    for (let b = 0, j = k; b < count; b++, j += stride) {
      const v = abs32(bre[j], bim[j]);
      mag[o + b] = v;
      pow[o + b] = v * v;
    }
    if (re !== null && im !== null) {
      for (let b = 0, j = k; b < count; b++, j += stride) {
        re[o + b] = bre[j];
        im[o + b] = bim[j];
      }
    }
  }
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
  return spectraInto(y, options);
}

/** Planes {@link spectraInto} may write to instead of allocating (each of length ≥ bins · frames). */
export interface SpectraPlanes {
  magnitude: Float32Array;
  power: Float32Array;
  re?: Float32Array;
  im?: Float32Array;
}

/**
 * {@link spectra}, writing into caller-owned planes when `into` is given (views of their first
 * bins · frames values are returned): for callers that reuse memory from clip to clip.
 * @returns { magnitude, power, complex? }, each [1 + nFft/2, t]
 * @example const S = spectraInto(y, { complex: true }, { magnitude: m, power: p, re, im });
 */
export function spectraInto(y: Float32Array, options: SpectraOptions = {}, into?: SpectraPlanes): Spectra {
  validAudio(y);
  const o = resolveStftOptions(options);
  const F = stftBlocks(y, o);
  const { rows, cols, stride } = F;
  const n = rows * cols;
  const plane = (given: Float32Array | undefined): Float32Array => {
    if (!given) return new Float32Array(n);
    if (given.length < n) throw new ParameterError(`spectraInto: a plane of ${given.length} values cannot hold ${rows} × ${cols}`);
    return given.subarray(0, n);
  };
  const mag = plane(into?.magnitude);
  const pow = plane(into?.power);
  const keep = options.complex === true;
  const re = keep ? plane(into?.re) : null;
  const im = keep ? plane(into?.im) : null;
  F.forEachBlock((bre, bim, t0, count) => spectraBlock(bre, bim, t0, count, stride, rows, cols, mag, pow, re, im));
  const nFft = o.nFft;
  return {
    magnitude: { data: mag, rows, cols, power: 1, nFft },
    power: { data: pow, rows, cols, power: 2, nFft },
    complex: re && im ? { re, im, rows, cols } : undefined,
  };
}
