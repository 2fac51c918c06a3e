/**
 * Mel-frequency cepstral coefficients as librosa.feature.mfcc (0.11): the type-2 orthonormal DCT
 * of the log-power (dB) mel spectrogram, first nMfcc coefficients, optional liftering.
 *
 * Not meyda's MFCC: meyda takes log(x + 1) of an HTK-style, unnormalised mel bank built on integer
 * FFT bins, then an unnormalised DCT, on one unframed buffer; none of those steps give librosa's
 * numbers, so the whole chain is our own.
 */
import { ParameterError } from "../util/errors";
import type { Matrix } from "../util/matrix";
import { assertFinite, assertPositiveInt, repr } from "../util/validate";
import { firstNonFinite, peakAbs } from "../util/finite";
import type { Spectrogram } from "../dsp/spectrogram";
import { powerToDb } from "../dsp/db";
import { dct, type DctType } from "../dsp/dct";
import { melspectrogram, type MelspectrogramOptions } from "./melspectrogram";

/** Options of {@link mfcc}: the MFCC's own, plus melspectrogram's (used when computing from audio or a spectrogram). */
export interface MfccOptions extends Omit<MelspectrogramOptions, "norm"> {
  /** Number of coefficients, integer ≥ 1 (≤ nMels). Default 20. */
  nMfcc?: number;
  /** DCT type 1, 2 or 3. Default 2. */
  dctType?: DctType;
  /** DCT normalisation: "ortho" or null. Default "ortho". */
  norm?: "ortho" | null;
  /** Liftering coefficient ≥ 0: M[n] *= 1 + (lifter/2)·sin(π(n+1)/lifter); 0 for none. Default 0. */
  lifter?: number;
  /** The mel bank's normalisation ("slaney", a number or null). Default "slaney". */
  melNorm?: "slaney" | number | null;
}

function isSpectrogram(x: unknown): x is Spectrogram {
  return typeof x === "object" && x !== null && typeof (x as Spectrogram).power === "number" && typeof (x as Spectrogram).nFft === "number";
}

/**
 * MFCCs (librosa.feature.mfcc).
 * @param input mono audio `y` [n]; or a log-power mel spectrogram Matrix [nMels, t] (librosa's
 *   `S=`, e.g. `powerToDb(melspectrogram(y))`); or an STFT Spectrogram [1 + nFft/2, t] with exponent
 *   `power`, which is mapped to mel and dB first (so one STFT can be shared)
 * @returns Matrix [nMfcc, t] (float32)
 * @example const M = mfcc(y, { sr: 22050, nMfcc: 40 });  // 40 × t
 */
export function mfcc(input: Float32Array | Matrix | Spectrogram, options: MfccOptions = {}): Matrix {
  const nMfcc = options.nMfcc ?? 20;
  assertPositiveInt("nMfcc", nMfcc);
  const lifter = options.lifter ?? 0;
  assertFinite("lifter", lifter);
  if (lifter < 0) throw new ParameterError(`lifter=${repr(lifter)} must be a non-negative number`);
  const dctType = options.dctType ?? 2;
  if (dctType !== 1 && dctType !== 2 && dctType !== 3) throw new ParameterError(`dctType=${repr(dctType)} must be 1, 2 or 3`);
  let S: Matrix;
  if (input instanceof Float32Array || isSpectrogram(input)) {
    S = powerToDb(melspectrogram(input, { ...options, norm: options.melNorm === undefined ? "slaney" : options.melNorm }));
  } else if (input && input.data instanceof Float32Array) {
    S = input;
  } else {
    throw new ParameterError("input must be audio (Float32Array), a log-power mel spectrogram (Matrix) or a Spectrogram");
  }
  if (nMfcc > S.rows) throw new ParameterError(`nMfcc=${nMfcc} must be ≤ the number of mel bands (${S.rows})`);
  if (firstNonFinite(S.data) >= 0) {
    // As chromaStft ("Input must be finite"): a NaN/Inf here would only become NaN coefficients.
    throw new ParameterError(
      input instanceof Float32Array
        ? `Input must be finite: the mel spectrogram of y overflows float32 (peak |y| = ${peakAbs(input).toPrecision(3)}; audio is expected within [-1, 1])`
        : "Input must be finite: the spectrogram holds NaN or infinite values",
    );
  }
  const M = dct(S, { type: dctType, norm: options.norm === undefined ? "ortho" : options.norm, nOut: nMfcc });
  if (lifter > 0) {
    for (let n = 0; n < nMfcc; n++) {
      // LI in M's dtype (float32), then M *= 1 + (lifter / 2) * LI, all float32 in numpy
      const li = Math.fround(Math.sin((Math.PI * (n + 1)) / lifter));
      const g = Math.fround(1 + Math.fround((lifter / 2) * li));
      const row = M.data.subarray(n * M.cols, (n + 1) * M.cols);
      for (let t = 0; t < row.length; t++) row[t] *= g;
    }
  }
  return M;
}
