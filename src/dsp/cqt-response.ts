/**
 * One octave's CQT response by the FFT path (librosa's `__cqt_response`): a centred STFT with a
 * rectangular window of the octave's FFT length, times the sparse octave basis (cqt-basis.ts),
 * each sum rounded to complex64 as librosa stores it. Also the target layout and the basis
 * product that the resonator path (cqt-goertzel.ts) shares.
 */
import type { PadMode } from "./pad";
import { resolveStftOptions, stftBlocks } from "./stft";
import type { CqtSparseBasis } from "./cqt-basis";

const fround = Math.fround;

/**
 * Where one octave's response goes: basis rows 0 … rows − 1 to output rows bin0 … bin0 + rows − 1
 * of (re, im) [·, cols], each divided by divisor[bin] (√ of its filter length, or 1).
 */
export interface ResponseTarget {
  rows: number;
  bin0: number;
  divisor: Float64Array;
  cols: number;
  re: Float32Array;
  im: Float32Array;
}

/**
 * The basis times one frame's bins dr/di[base + j] (complex64 values), each sum rounded to
 * complex64 as librosa's response and divided by its divisor, into column t of the target.
 */
export function applyBasis(dr: Float32Array, di: Float32Array, base: number, basis: CqtSparseBasis, out: ResponseTarget, t: number): void {
  const { indptr, indices, re: bre, im: bim } = basis;
  const { bin0, divisor, cols } = out;
  for (let k = 0; k < out.rows; k++) {
    let accR = 0;
    let accI = 0;
    for (let p = indptr[k], end = indptr[k + 1]; p < end; p++) {
      const j = base + indices[p];
      const xr = dr[j];
      const xi = di[j];
      accR += bre[p] * xr - bim[p] * xi;
      accI += bre[p] * xi + bim[p] * xr;
    }
    const bin = bin0 + k;
    const g = divisor[bin];
    out.re[bin * cols + t] = fround(accR) / g;
    out.im[bin * cols + t] = fround(accI) / g;
  }
}

/**
 * One octave's filter response (`__cqt_response`): a centred STFT of `y` with a rectangular window
 * of length nFft (the STFT's own frame loop, `stftBlocks`), hop `hop`, times the sparse basis
 * ({@link applyBasis}); frames beyond `cols` are not computed.
 */
export function octaveResponse(y: Float32Array, hop: number, basis: CqtSparseBasis, padMode: PadMode, out: ResponseTarget): void {
  const nFft = basis.nFft;
  const o = resolveStftOptions({ nFft, hopLength: hop, window: "ones", center: true, padMode });
  const F = stftBlocks(y, o, out.cols);
  const stride = F.stride;
  F.forEachBlock((dr, di, t0, count) => applyBasisBlock(dr, di, t0, count, stride, basis, out));
}

/** {@link applyBasis} for each frame of one STFT block (a module-level function keeps one optimised version for every call). */
function applyBasisBlock(dr: Float32Array, di: Float32Array, t0: number, count: number, stride: number, basis: CqtSparseBasis, out: ResponseTarget): void {
  for (let b = 0; b < count; b++) applyBasis(dr, di, b * stride, basis, out, t0 + b);
}
