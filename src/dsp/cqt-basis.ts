/**
 * One octave's sparse frequency-domain CQT/VQT basis, as librosa's `__vqt_filter_fft` followed by
 * `util.sparsify_rows`: the octave's wavelet filters (cqt-filters.ts) scaled by their lengths,
 * transformed by the FFT, and thresholded to keep all but a `sparsity` fraction of each row's ℓ1
 * mass; complex64 values in CSR form. Bases are memoised and shared between octaves and clips.
 */
import { memoize } from "../util/memo";
import { fft } from "./fft";
import { wavelet, type CqtWindow } from "./cqt-filters";

const fround = Math.fround;

/** One octave's sparse frequency-domain basis (CSR rows: filters; columns: FFT bins), as `__vqt_filter_fft` + sparsify_rows. */
export interface CqtSparseBasis {
  readonly nFft: number;
  readonly rows: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/**
 * librosa.util.sparsify_rows on one row of complex64 magnitudes: keep the entries whose magnitude
 * is ≥ the one at which the ascending cumulative ℓ1 mass reaches `quantile` (float32 arithmetic).
 */
function sparsifyThreshold(mags: Float32Array, quantile: number): number {
  const n = mags.length;
  const sorted = Float32Array.from(mags).sort();
  // np.sum(float32) is pairwise; a float64 sum rounded to float32 is within an ulp of it
  let norm64 = 0;
  for (let i = 0; i < n; i++) norm64 += sorted[i];
  const norm = fround(norm64);
  const q32 = fround(quantile); // numpy compares float32 with a (weak) Python float in float32
  let cum = 0;
  for (let i = 0; i < n; i++) {
    cum = fround(cum + fround(sorted[i] / norm));
    if (!(cum < q32)) return sorted[i];
  }
  return sorted[0]; // np.argmin of an all-true mask is 0
}

function buildOctaveBasis(
  sr: number,
  freqs: Float64Array,
  alpha: Float64Array,
  filterScale: number,
  norm: number | null,
  sparsity: number,
  window: CqtWindow,
  gamma: number | null,
): CqtSparseBasis {
  const { basis, lengths } = wavelet(freqs, { sr, window, filterScale, gamma, alpha, norm, padFft: true });
  const nFft = basis.cols;
  const bins = (nFft >> 1) + 1;
  const rows = freqs.length;
  const indptr = new Int32Array(rows + 1);
  let idx = new Int32Array(rows * 64);
  let vre = new Float64Array(rows * 64);
  let vim = new Float64Array(rows * 64);
  let nnz = 0;
  const xr = new Float64Array(nFft);
  const xi = new Float64Array(nFft);
  const mags = new Float32Array(bins);
  const fr = new Float32Array(bins);
  const fi = new Float32Array(bins);
  for (let k = 0; k < rows; k++) {
    // basis *= lengths / n_fft (complex64 result), then the FFT (kept as complex64)
    const s = lengths[k] / nFft;
    for (let j = 0; j < nFft; j++) {
      xr[j] = fround(basis.re[k * nFft + j] * s);
      xi[j] = fround(basis.im[k * nFft + j] * s);
    }
    fft(xr, xi);
    for (let j = 0; j < bins; j++) {
      fr[j] = xr[j];
      fi[j] = xi[j];
      mags[j] = fround(Math.sqrt(fr[j] * fr[j] + fi[j] * fi[j]));
    }
    const thr = sparsifyThreshold(mags, sparsity);
    for (let j = 0; j < bins; j++) {
      if (mags[j] >= thr && (fr[j] !== 0 || fi[j] !== 0)) {
        if (nnz === idx.length) {
          const grow = <T extends Int32Array | Float64Array>(a: T): T => {
            const b = new (a.constructor as new (n: number) => T)(2 * a.length);
            b.set(a);
            return b;
          };
          idx = grow(idx);
          vre = grow(vre);
          vim = grow(vim);
        }
        idx[nnz] = j;
        vre[nnz] = fr[j];
        vim[nnz] = fi[j];
        nnz++;
      }
    }
    indptr[k + 1] = nnz;
  }
  return { nFft, rows, indptr, indices: idx.slice(0, nnz), re: vre.slice(0, nnz), im: vim.slice(0, nnz) };
}

/**
 * The octave basis, memoised. For the CQT (γ = 0) every full octave's filters are the top
 * octave's (f/sr is the same to the bit after halving both), so the key uses f/sr and α to 12
 * digits, and octaves — and clips with the same tuning — share one basis.
 */
export const octaveBasis = memoize(
  buildOctaveBasis,
  (sr, freqs, alpha, filterScale, norm, sparsity, window, gamma) =>
    gamma === 0
      ? ["cq", Array.from(freqs, (f) => f / sr).join(","), Array.from(alpha, (a) => a.toPrecision(12)).join(","), filterScale, norm, sparsity, window].join("|")
      : ["vq", sr, Array.from(freqs).join(","), Array.from(alpha).join(","), filterScale, norm, sparsity, window, gamma].join("|"),
  512,
);

/** The basis times librosa's per-octave gain √(sr / mySr), rounded as complex64. */
function gained(b: CqtSparseBasis, gain: number): CqtSparseBasis {
  if (gain === 1) return b;
  const g = fround(gain);
  const re = new Float64Array(b.re.length);
  const im = new Float64Array(b.im.length);
  for (let p = 0; p < re.length; p++) {
    re[p] = fround(b.re[p] * g);
    im[p] = fround(b.im[p] * g);
  }
  return { ...b, re, im };
}

/** {@link gained}, one copy per (basis, gain): bases are shared memoised objects. */
const gainedCopies = new WeakMap<CqtSparseBasis, Map<number, CqtSparseBasis>>();
export function gainedShared(b: CqtSparseBasis, gain: number): CqtSparseBasis {
  let m = gainedCopies.get(b);
  if (!m) gainedCopies.set(b, (m = new Map()));
  let g = m.get(gain);
  if (!g) m.set(gain, (g = gained(b, gain)));
  return g;
}

/** Internal: the octave basis, for tests against librosa's `__vqt_filter_fft`. */
export function cqtOctaveBasis(
  sr: number,
  freqs: Float64Array,
  alpha: Float64Array,
  options: { filterScale?: number; norm?: number | null; sparsity?: number; window?: CqtWindow; gamma?: number | null } = {},
): CqtSparseBasis {
  return buildOctaveBasis(
    sr,
    freqs,
    alpha,
    options.filterScale ?? 1,
    options.norm === undefined ? 1 : options.norm,
    options.sparsity ?? 0.01,
    options.window ?? "hann",
    options.gamma === undefined ? 0 : options.gamma,
  );
}
