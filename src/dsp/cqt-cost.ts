/**
 * Which way to compute one CQT octave's response: the FFT path (cqt-response.ts, frames × N·log N)
 * or the Goertzel resonators (cqt-goertzel.ts, bins used × samples). Both give the same numbers to
 * float32 rounding, so the choice is a matter of speed only, made by a cost model measured once.
 */
import { isPowerOfTwo } from "../util/numeric";
import type { PadMode } from "./pad";
import type { ComplexMatrix } from "./stft";
import type { CqtSparseBasis } from "./cqt-basis";
import { octaveResponse, type ResponseTarget } from "./cqt-response";
import { octaveResponsePrefix } from "./cqt-goertzel";

/** Measured costs (node 20, x86-64): ≈ 0.9 ns per N·log2 N of an FFT frame, and per (bin, sample) of the resonators. */
const NS_PER_FFT_OP = 0.9;
const NS_PER_RESONATOR_STEP = 0.9;

/**
 * The FFT bins [lo, hi] that the first `rows` filters of a basis use (lo > hi when they use none).
 * @example const { lo, hi } = basisBinRange(basis, basis.rows);
 */
export function basisBinRange(basis: CqtSparseBasis, rows: number): { lo: number; hi: number } {
  let lo = basis.nFft;
  let hi = -1;
  for (let p = 0; p < basis.indptr[rows]; p++) {
    lo = Math.min(lo, basis.indices[p]);
    hi = Math.max(hi, basis.indices[p]);
  }
  return { lo, hi };
}

/**
 * The cheaper method for `cols` frames of FFT length nFft at hop `hop`, when the basis uses bins
 * [lo, hi]. The resonators need a power-of-two nFft that the hop divides, and at least one bin.
 * @returns "resonator" or "fft"
 * @example octaveMethod(16384, 16, 130, 40, 80)  // "resonator": 41 bins, 99.9 % overlap
 */
export function octaveMethod(nFft: number, hop: number, cols: number, lo: number, hi: number): "fft" | "resonator" {
  if (!(hi >= lo && isPowerOfTwo(nFft) && nFft % hop === 0)) return "fft";
  const samples = (cols - 1) * hop + nFft;
  const fftCost = NS_PER_FFT_OP * cols * nFft * Math.log2(nFft);
  const resonatorCost = NS_PER_RESONATOR_STEP * (hi - lo + 1) * samples;
  return resonatorCost < fftCost ? "resonator" : "fft";
}

/** One octave's response into `out` by the cheaper method (see {@link octaveMethod}). */
export function octaveResponseAuto(y: Float32Array, hop: number, basis: CqtSparseBasis, padMode: PadMode, out: ResponseTarget): void {
  const { lo, hi } = basisBinRange(basis, out.rows);
  if (octaveMethod(basis.nFft, hop, out.cols, lo, hi) === "resonator") octaveResponsePrefix(y, hop, basis, padMode, out, lo, hi);
  else octaveResponse(y, hop, basis, padMode, out);
}

/**
 * Internal, for tests: one octave's response |basis · STFT frames| computed by the FFT path or
 * the resonator path (cqt picks the cheaper one per octave).
 * @returns ComplexMatrix [basis.rows, cols]
 */
export function cqtOctaveResponse(y: Float32Array, hop: number, basis: CqtSparseBasis, cols: number, method: "fft" | "resonator"): ComplexMatrix {
  const rows = basis.rows;
  const re = new Float32Array(rows * cols);
  const im = new Float32Array(rows * cols);
  const divisor = new Float64Array(rows).fill(1);
  const target = { rows, bin0: 0, divisor, cols, re, im };
  if (method === "fft") octaveResponse(y, hop, basis, "constant", target);
  else {
    const { lo, hi } = basisBinRange(basis, rows);
    octaveResponsePrefix(y, hop, basis, "constant", target, lo, hi);
  }
  return { re, im, rows, cols };
}
