/**
 * Window functions as scipy.signal.get_window / librosa.filters.get_window: periodic
 * ("fftbins=True", for spectral analysis) by default, symmetric on request. Float64, memoised.
 */
import { memoize } from "../util/memo";
import { ParameterError } from "../util/errors";
import { assertPositiveInt } from "../util/validate";

/** A window name, or explicit window samples of length winLength. */
export type WindowSpec = "hann" | "hamming" | "blackman" | "boxcar" | "ones" | "rectangular" | "triang" | "bartlett" | ArrayLike<number>;

/** scipy's general_cosine with `M` points (periodic: M + 1 points, last dropped). */
function generalCosine(m: number, a: readonly number[], periodic: boolean): Float64Array {
  const n = periodic ? m + 1 : m;
  const out = new Float64Array(m);
  if (n === 1) {
    out[0] = 1;
    return out;
  }
  for (let k = 0; k < m; k++) {
    const fac = -Math.PI + (2 * Math.PI * k) / (n - 1);
    let w = 0;
    for (let j = 0; j < a.length; j++) w += a[j] * Math.cos(j * fac);
    out[k] = w;
  }
  return out;
}

function triang(m: number, periodic: boolean): Float64Array {
  const n = periodic ? m + 1 : m;
  const out = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const i = k + 1;
    const half = Math.floor((n + 1) / 2);
    const idx = i <= half ? i : n - i + 1;
    out[k] = n % 2 === 0 ? (2 * idx - 1) / n : (2 * idx) / (n + 1);
  }
  return out;
}

function bartlett(m: number, periodic: boolean): Float64Array {
  const n = periodic ? m + 1 : m;
  const out = new Float64Array(m);
  if (n === 1) {
    out[0] = 1;
    return out;
  }
  for (let k = 0; k < m; k++) out[k] = k <= (n - 1) / 2 ? (2 * k) / (n - 1) : 2 - (2 * k) / (n - 1);
  return out;
}

function makeWindow(name: string, n: number, fftbins: boolean): Float64Array {
  switch (name) {
    case "hann":
      return generalCosine(n, [0.5, 0.5], fftbins);
    case "hamming":
      return generalCosine(n, [0.54, 0.46], fftbins);
    case "blackman":
      return generalCosine(n, [0.42, 0.5, 0.08], fftbins);
    case "boxcar":
    case "ones":
    case "rectangular":
      return new Float64Array(n).fill(1);
    case "triang":
      return triang(n, fftbins);
    case "bartlett":
      return bartlett(n, fftbins);
    default:
      throw new ParameterError(`window=${JSON.stringify(name)} is not supported; use hann, hamming, blackman, boxcar, triang, bartlett or explicit samples`);
  }
}

const namedWindow = memoize(makeWindow, (name, n, fftbins) => `${name}:${n}:${fftbins}`);

/**
 * The window `window` of length `n` (librosa.filters.get_window). Named windows are periodic when
 * `fftbins` (default true), as scipy's get_window; explicit samples must have length n.
 * @returns Float64Array [n] (shared for named windows: do not modify)
 * @example getWindow("hann", 4)  // [0, 0.5, 1, 0.5]
 */
export function getWindow(window: WindowSpec, n: number, options: { fftbins?: boolean } = {}): Float64Array {
  assertPositiveInt("winLength", n);
  if (typeof window === "string") return namedWindow(window, n, options.fftbins ?? true);
  if (window.length !== n) throw new ParameterError(`window has ${window.length} samples, but winLength=${n}`);
  return Float64Array.from(window);
}

/** A short key for a window spec, for memoising bases built from it. */
export function windowKey(window: WindowSpec): string {
  return typeof window === "string" ? window : `custom:${Array.from(window).join(",")}`;
}
