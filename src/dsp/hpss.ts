/**
 * Harmonic/percussive source separation of a spectrogram by median filtering (Fitzgerald, 2010),
 * as librosa 0.11's `librosa.decompose.hpss`: the magnitude is median filtered along time
 * (harmonic) and along frequency (percussive) (median-filter.ts, exactly as
 * `scipy.ndimage.median_filter(..., mode="reflect")`), and soft masks (softmask.ts, as
 * `librosa.util.softmask` in float32) re-weight the input. The same on audio: hpss-audio.ts.
 */
import { ParameterError } from "../util/errors";
import type { Matrix } from "../util/matrix";
import { assertPositive, assertPositiveInt } from "../util/validate";
import type { ComplexMatrix } from "./stft";
import { cabs32 } from "./spectrogram";
import { borrow, giveBack } from "./scratch";
import { medianFilters } from "./median-filter";
import { softmaskInto } from "./softmask";

const fround = Math.fround;

/** Options of {@link hpss} (librosa.decompose.hpss). */
export interface HpssOptions {
  /** Median filter length(s): one integer ≥ 1 for both, or [harmonic (time), percussive (frequency)]. Default 31. */
  kernelSize?: number | readonly [number, number];
  /** Exponent of the soft mask, > 0 (Infinity: hard mask). Default 2. */
  power?: number;
  /** Return the masks instead of the separated spectrograms. Default false. */
  mask?: boolean;
  /** Margin(s) ≥ 1 for the masks: one number or [harmonic, percussive]. Default 1. */
  margin?: number | readonly [number, number];
}

/** Harmonic and percussive parts (or masks) of a spectrogram. */
export interface HpssResult<T> {
  harmonic: T;
  percussive: T;
}

function isComplex(S: Matrix | ComplexMatrix): S is ComplexMatrix {
  return (S as ComplexMatrix).re instanceof Float32Array;
}

function pair(v: number | readonly [number, number], name: string): [number, number] {
  if (typeof v === "number") return [v, v];
  if (!Array.isArray(v) || v.length !== 2) throw new ParameterError(`${name}=${JSON.stringify(v)} must be a number or a pair [harmonic, percussive]`);
  return [v[0], v[1]];
}

/**
 * Median-filtering harmonic/percussive separation of a spectrogram (librosa.decompose.hpss).
 * A complex STFT is split into magnitude and phase (librosa.magphase), the magnitude is median
 * filtered along time (harmonic) and frequency (percussive), and soft masks re-weight the input.
 * @param S magnitude/power spectrogram Matrix [f, t] (non-negative), or complex STFT D [f, t]
 * @returns `{ harmonic, percussive }` of the input's type and shape [f, t]; with `mask: true`,
 *   the two masks as Matrix [f, t]
 * @example const { harmonic } = hpss(stft(y));  // complex harmonic STFT
 */
export function hpss(S: ComplexMatrix, options?: HpssOptions & { mask?: false }): HpssResult<ComplexMatrix>;
export function hpss(S: Matrix, options?: HpssOptions & { mask?: false }): HpssResult<Matrix>;
export function hpss(S: Matrix | ComplexMatrix, options: HpssOptions & { mask: true }): HpssResult<Matrix>;
export function hpss(S: Matrix | ComplexMatrix, options?: HpssOptions): HpssResult<Matrix | ComplexMatrix>;
export function hpss(S: Matrix | ComplexMatrix, options: HpssOptions = {}): HpssResult<Matrix | ComplexMatrix> {
  const r = hpssParts(S, options, true, true);
  return { harmonic: r.harmonic!, percussive: r.percussive! };
}

interface ResolvedHpss {
  winHarm: number;
  winPerc: number;
  marginHarm: number;
  marginPerc: number;
  power: number;
}

function resolveHpss(options: HpssOptions): ResolvedHpss {
  const [winHarm, winPerc] = pair(options.kernelSize ?? 31, "kernelSize");
  assertPositiveInt("kernelSize (harmonic)", winHarm);
  assertPositiveInt("kernelSize (percussive)", winPerc);
  const [marginHarm, marginPerc] = pair(options.margin ?? 1, "margin");
  if (!(marginHarm >= 1 && marginPerc >= 1)) {
    throw new ParameterError(`margin=${JSON.stringify(options.margin)}: margins must be >= 1.0 (a typical range is between 1 and 10)`);
  }
  const power = options.power ?? 2;
  assertPositive("power", power === Infinity ? 1 : power);
  return { winHarm, winPerc, marginHarm, marginPerc, power };
}

/**
 * (|D| · mask) · phase with phase = D / |D| (1 where |D| = 0), all rounded as complex64, into
 * (re, im) [n]. (A module-level function rather than a closure, so that one optimised version
 * serves every call.)
 */
function maskWithPhase(mag: Float32Array, mask: Float32Array, dr: Float32Array, di: Float32Array, re: Float32Array, im: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const m = mag[i];
    const a = fround(m * mask[i]);
    if (m === 0) {
      re[i] = a;
      im[i] = 0;
    } else {
      re[i] = a * fround(dr[i] / m);
      im[i] = a * fround(di[i] / m);
    }
  }
}

/** decompose.hpss computing only the parts asked for (the median filters are always both needed); also the core of hpss-audio.ts. */
export function hpssParts(
  S: Matrix | ComplexMatrix,
  options: HpssOptions,
  wantHarm: boolean,
  wantPerc: boolean,
  knownMag?: Float32Array,
  into?: { re: Float32Array; im: Float32Array },
): Partial<HpssResult<Matrix | ComplexMatrix>> {
  const { winHarm, winPerc, marginHarm, marginPerc, power } = resolveHpss(options);
  const { rows, cols } = S;
  const n = rows * cols;
  const complex = isComplex(S);

  // |D| as librosa.magphase: numpy's complex64 abs
  let mag: Float32Array;
  if (knownMag) mag = knownMag;
  else if (complex) {
    mag = new Float32Array(n);
    const { re, im } = S;
    for (let i = 0; i < n; i++) mag[i] = cabs32(re[i], im[i]);
  } else {
    mag = S.data;
    for (let i = 0; i < n; i++) if (!(mag[i] >= 0)) throw new ParameterError(`S[${i}]=${mag[i]}: a real spectrogram must be non-negative and finite`);
  }
  const harm = borrow("hpss.harmonic", Float32Array, n);
  const perc = borrow("hpss.percussive", Float32Array, n);
  const maskH = wantHarm && !options.mask ? borrow("hpss.mask.harmonic", Float32Array, n) : null;
  const maskP = wantPerc && !options.mask ? borrow("hpss.mask.percussive", Float32Array, n) : null;
  try {
    if (n > 0) medianFilters(mag, rows, cols, winHarm, harm, winPerc, perc);
    const splitZeros = marginHarm === 1 && marginPerc === 1;
    const out: Partial<HpssResult<Matrix | ComplexMatrix>> = {};
    const part = (mask: Float32Array): Matrix | ComplexMatrix => {
      if (options.mask) return { data: mask, rows, cols };
      if (!complex) {
        const data = new Float32Array(n);
        for (let i = 0; i < n; i++) data[i] = mag[i] * mask[i];
        return { data, rows, cols };
      }
      // (S · mask) · phase with phase = D / |D| (1 where |D| = 0), all rounded as complex64
      const re = into ? into.re.subarray(0, n) : new Float32Array(n);
      const im = into ? into.im.subarray(0, n) : new Float32Array(n);
      maskWithPhase(mag, mask, S.re, S.im, re, im, n);
      return { re, im, rows, cols };
    };
    if (wantHarm) {
      const mask = maskH ?? new Float32Array(n); // a returned mask is the caller's, not scratch memory
      softmaskInto(harm, perc, power, splitZeros, marginHarm, mask);
      out.harmonic = part(mask);
    }
    if (wantPerc) {
      const mask = maskP ?? new Float32Array(n);
      softmaskInto(perc, harm, power, splitZeros, marginPerc, mask);
      out.percussive = part(mask);
    }
    return out;
  } finally {
    giveBack("hpss.harmonic", harm);
    giveBack("hpss.percussive", perc);
    if (maskH) giveBack("hpss.mask.harmonic", maskH);
    if (maskP) giveBack("hpss.mask.percussive", maskP);
  }
}

/**
 * The harmonic part of a complex STFT whose magnitude is already known (as `spectra()` gives it):
 * `hpss(D).harmonic` without recomputing |D| or the percussive part.
 * @param D complex STFT [f, t]
 * @param mag |D| as numpy's complex64 abs ({@link cabs32}), [f · t]
 * @param into optional planes (length ≥ f · t) to write the result to, instead of new arrays
 * @returns the harmonic ComplexMatrix [f, t], equal to `hpss(D, options).harmonic`
 * @example const Dh = harmonicOf(S.complex!, S.magnitude.data);
 */
export function harmonicOf(
  D: ComplexMatrix,
  mag: Float32Array,
  options: Omit<HpssOptions, "mask"> = {},
  into?: { re: Float32Array; im: Float32Array },
): ComplexMatrix {
  if (mag.length !== D.re.length) throw new ParameterError(`mag has ${mag.length} values, but D has ${D.re.length}`);
  return hpssParts(D, options, true, false, mag, into).harmonic as ComplexMatrix;
}
