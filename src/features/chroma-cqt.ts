/**
 * Constant-Q chromagram as librosa.feature.chroma_cqt (0.11): |CQT| with 36 bins per octave over
 * 7 octaves from C1 (tuning estimated from the signal), folded onto 12 pitch classes by
 * librosa.filters.cq_to_chroma, thresholded, and normalised per frame (max = 1 by default).
 */
import { ParameterError } from "../util/errors";
import type { Matrix } from "../util/matrix";
import { memoize } from "../util/memo";
import { assertFinite, assertPositive, assertPositiveInt, repr } from "../util/validate";
import { C1_HZ, hzToMidi } from "../dsp/convert";
import { cqtMagnitudeOf, type CqtResType } from "../dsp/cqt";
import { borrow, giveBack } from "../dsp/scratch";
import { normalize } from "../dsp/normalize";

/** Options of {@link cqToChroma} (librosa.filters.cq_to_chroma keywords). */
export interface CqToChromaOptions {
  /** Bins per octave of the CQT, an integer multiple of nChroma. Default 12. */
  binsPerOctave?: number;
  /** Number of chroma bins, integer ≥ 1. Default 12. */
  nChroma?: number;
  /** Frequency of the CQT's first bin in Hz (before tuning), > 0. Default C1 ≈ 32.70 Hz. */
  fmin?: number;
  /** Optional smoothing window, convolved along the CQT axis ("same" mode). Default none. */
  window?: ArrayLike<number> | null;
  /** Start the rows at C (true) or A (false). Default true. */
  baseC?: boolean;
}

/** np.round: round half to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function buildCqToChroma(nInput: number, binsPerOctave: number, nChroma: number, fmin: number, baseC: boolean, window: string): Matrix {
  const nMerge = binsPerOctave / nChroma;
  if (!Number.isInteger(nMerge)) {
    throw new ParameterError(
      `Incompatible CQ merge: input bins must be an integer multiple of output bins (binsPerOctave=${binsPerOctave}, nChroma=${nChroma})`,
    );
  }
  const width = nChroma * nMerge; // = binsPerOctave
  const shift = Math.floor(nMerge / 2);
  const midi0 = ((hzToMidi(fmin) % 12) + 12) % 12;
  const roll = roundHalfEven((baseC ? midi0 : midi0 - 9) * (nChroma / 12));
  const data = new Float32Array(nChroma * nInput);
  for (let j = 0; j < nInput; j++) {
    // np.repeat(eye) rolled left by ⌊nMerge/2⌋, tiled over octaves: column j belongs to chroma c
    const c = Math.floor((((j % width) + shift) % width) / nMerge);
    // np.roll(..., roll, axis=0): row i takes row (i − roll) mod nChroma
    const row = (((c + roll) % nChroma) + nChroma) % nChroma;
    data[row * nInput + j] = 1;
  }
  if (window) {
    const w = window.split(",").map(Number);
    const m = w.length;
    const out = new Float32Array(data.length);
    // scipy.signal.convolve(x, [w], mode="same") along columns: centre (m − 1)/2
    const off = Math.floor((m - 1) / 2);
    for (let r = 0; r < nChroma; r++) {
      for (let j = 0; j < nInput; j++) {
        let s = 0;
        for (let k = 0; k < m; k++) {
          const src = j + off - k;
          if (src >= 0 && src < nInput) s += data[r * nInput + src] * w[k];
        }
        out[r * nInput + j] = s;
      }
    }
    return { data: out, rows: nChroma, cols: nInput };
  }
  return { data, rows: nChroma, cols: nInput };
}

const cqToChromaMemo = memoize(buildCqToChroma, (...a) => a.join("|"), 16);

/**
 * The CQT-to-chroma folding matrix (librosa.filters.cq_to_chroma): each CQT bin goes to the pitch
 * class it is centred on, the rows rotated so that row 0 is C (or A).
 * @param nInput number of CQT bins
 * @returns Matrix [nChroma, nInput] of 0/1 (or window-weighted) float32; shared, do not modify
 * @example cqToChroma(84).rows  // 12
 */
export function cqToChroma(nInput: number, options: CqToChromaOptions = {}): Matrix {
  const { binsPerOctave = 12, nChroma = 12, fmin = C1_HZ, baseC = true, window = null } = options;
  assertPositiveInt("nInput", nInput);
  assertPositiveInt("binsPerOctave", binsPerOctave);
  assertPositiveInt("nChroma", nChroma);
  assertPositive("fmin", fmin);
  return cqToChromaMemo(nInput, binsPerOctave, nChroma, fmin, baseC, window ? Array.from(window).join(",") : "");
}

/** Options of {@link chromaCqt} (librosa.feature.chroma_cqt keywords). */
export interface ChromaCqtOptions {
  /** Sample rate in Hz, > 0. Default 22050. */
  sr?: number;
  /** Samples between frames, integer ≥ 1. Default 512. */
  hopLength?: number;
  /** Lowest CQT frequency in Hz, > 0. Default C1 ≈ 32.70 Hz. */
  fmin?: number;
  /** Per-frame normalisation of the chroma (see normalize): Infinity (default), 1, 2, ... or null for none. */
  norm?: number | null;
  /** Chroma values below this are set to 0. Default 0. */
  threshold?: number;
  /** Tuning in fractions of a CQT bin; null estimates it from y (librosa.estimate_tuning). Default null. */
  tuning?: number | null;
  /** Number of chroma bins, integer ≥ 1. Default 12. */
  nChroma?: number;
  /** Number of octaves of the CQT, integer ≥ 1. Default 7. */
  nOctaves?: number;
  /** Optional window smoothing the CQT-to-chroma map. Default none. */
  window?: ArrayLike<number> | null;
  /** CQT bins per octave, an integer multiple of nChroma; null means nChroma. Default 36. */
  binsPerOctave?: number | null;
  /** "full" (librosa.cqt). librosa's "hybrid" (hybrid_cqt) is not implemented. Default "full". */
  cqtMode?: "full" | "hybrid";
  /**
   * Resampler of the CQT's octave steps. Not a librosa chroma_cqt keyword (librosa always uses
   * the cqt default); for studying the resampler's effect. Default "soxr_hq".
   */
  resType?: CqtResType;
}

function isMatrix(x: unknown): x is Matrix {
  return typeof x === "object" && x !== null && (x as Matrix).data instanceof Float32Array && typeof (x as Matrix).rows === "number";
}

/**
 * Constant-Q chromagram (librosa.feature.chroma_cqt).
 * @param input mono audio `y` [n], or a precomputed CQT magnitude C [nOctaves·binsPerOctave, t]
 * @returns Matrix [nChroma, t], each frame scaled by `norm` (max 1 by default)
 * @example const chroma = chromaCqt(y, { sr: 22050 });  // chroma.rows === 12
 */
export function chromaCqt(input: Float32Array | Matrix, options: ChromaCqtOptions = {}): Matrix {
  const { sr = 22050, hopLength = 512, fmin, threshold = 0, nChroma = 12, nOctaves = 7, window = null, cqtMode = "full", resType } = options;
  const norm = options.norm === undefined ? Infinity : options.norm;
  const tuning = options.tuning === undefined ? null : options.tuning;
  assertPositiveInt("nChroma", nChroma);
  assertPositiveInt("nOctaves", nOctaves);
  assertFinite("threshold", threshold);
  let binsPerOctave = options.binsPerOctave === undefined ? 36 : options.binsPerOctave;
  if (binsPerOctave === null) binsPerOctave = nChroma;
  else {
    assertPositiveInt("binsPerOctave", binsPerOctave);
    if (binsPerOctave % nChroma !== 0) {
      throw new ParameterError(`binsPerOctave=${binsPerOctave} must be an integer multiple of nChroma=${nChroma}`);
    }
  }
  if (cqtMode !== "full") {
    throw new ParameterError(`cqtMode=${repr(cqtMode)} is not supported: only "full" (librosa.cqt) is implemented`);
  }
  if (input instanceof Float32Array) {
    // |C| lives in scratch memory until the chroma is folded from it
    const cols = 2 + Math.floor(input.length / hopLength); // one more than the CQT can have (early downsampling rounds up)
    const buf = borrow("chroma_cqt.magnitude", Float32Array, nOctaves * binsPerOctave * cols);
    try {
      const C = cqtMagnitudeOf(input, { sr, hopLength, fmin, nBins: nOctaves * binsPerOctave, binsPerOctave, tuning, resType }, buf);
      return foldChroma(C, { binsPerOctave, nChroma, fmin, window, threshold, norm });
    } finally {
      giveBack("chroma_cqt.magnitude", buf);
    }
  }
  if (!isMatrix(input)) {
    throw new ParameterError("At least one of C or y must be provided to compute chroma: pass audio (Float32Array) or a CQT magnitude Matrix");
  }
  return foldChroma(input, { binsPerOctave, nChroma, fmin, window, threshold, norm });
}

/** cq_to_chroma · C, thresholded and normalised per frame: the second half of {@link chromaCqt}. */
function foldChroma(
  C: Matrix,
  o: { binsPerOctave: number; nChroma: number; fmin: number | undefined; window: ArrayLike<number> | null; threshold: number; norm: number | null },
): Matrix {
  const { binsPerOctave, nChroma, fmin, window, threshold, norm } = o;
  const M = cqToChroma(C.rows, { binsPerOctave, nChroma, fmin, window });
  const T = C.cols;
  const out = new Float32Array(nChroma * T);
  const acc = new Float64Array(T);
  for (let c = 0; c < nChroma; c++) {
    acc.fill(0);
    for (let f = 0; f < C.rows; f++) {
      const w = M.data[c * C.rows + f];
      if (w === 0) continue;
      const row = f * T;
      for (let t = 0; t < T; t++) acc[t] += w * C.data[row + t];
    }
    for (let t = 0; t < T; t++) {
      const v = Math.fround(acc[t]);
      out[c * T + t] = v < threshold ? 0 : v;
    }
  }
  return normalize({ data: out, rows: nChroma, cols: T }, { norm, axis: 0 });
}
