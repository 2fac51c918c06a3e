/**
 * One octave's CQT response without FFTs, by Goertzel resonators: for the lower octaves, whose
 * frames overlap by up to 99 %, a bank of second-order recursions (one per FFT bin the basis uses)
 * gives every frame's DFT bins as differences of running sums. Same numbers as the FFT path
 * (cqt-response.ts) to float32 rounding; cqt-cost.ts picks the cheaper of the two.
 */
import { pad, type PadMode } from "./pad";
import { borrow, giveBack } from "./scratch";
import type { CqtSparseBasis } from "./cqt-basis";
import { applyBasis, type ResponseTarget } from "./cqt-response";

/**
 * Goertzel resonators for four bins at once (independent recursions keep the FPU busy):
 * s[m] = y[m] + 2cos(ω)·s[m−1] − s[m−2] with ω = 2πk/N. At each checkpoint q·hop the state
 * (s[m−1], s[m−2]) is stored in st[b][2q], st[b][2q + 1].
 */
function goertzel4(
  yp: Float32Array,
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  hop: number,
  nCk: number,
  st0: Float64Array,
  st1: Float64Array,
  st2: Float64Array,
  st3: Float64Array,
  q0: number,
): void {
  // yp[0 … q0·hop) are zeros: the states stay exactly 0 until then
  st0.fill(0, 0, 2 * q0);
  st1.fill(0, 0, 2 * q0);
  st2.fill(0, 0, 2 * q0);
  st3.fill(0, 0, 2 * q0);
  let a1 = 0;
  let a2 = 0;
  let b1 = 0;
  let b2 = 0;
  let d1 = 0;
  let d2 = 0;
  let e1 = 0;
  let e2 = 0;
  let m = q0 * hop;
  for (let q = q0; q < nCk; q++) {
    st0[2 * q] = a1;
    st0[2 * q + 1] = a2;
    st1[2 * q] = b1;
    st1[2 * q + 1] = b2;
    st2[2 * q] = d1;
    st2[2 * q + 1] = d2;
    st3[2 * q] = e1;
    st3[2 * q + 1] = e2;
    if (q === nCk - 1) break;
    for (const end = m + hop; m < end; m++) {
      const v = yp[m];
      const a0 = v + c0 * a1 - a2;
      a2 = a1;
      a1 = a0;
      const b0 = v + c1 * b1 - b2;
      b2 = b1;
      b1 = b0;
      const d0 = v + c2 * d1 - d2;
      d2 = d1;
      d1 = d0;
      const e0 = v + c3 * e1 - e2;
      e2 = e1;
      e1 = e0;
    }
  }
}

/**
 * The same response as `octaveResponse` (cqt-response.ts), computed without FFTs for octaves whose hop is
 * small (the lower octaves, where frames overlap by up to 99 %): only the bins the basis uses
 * are needed, and a rectangular-window DFT bin over a frame is a difference of two running
 * sums. With a Goertzel resonator per bin (ω = 2πk/N, state s[m−1], s[m−2] at every hop),
 * Y[m] = s[m−1] − e^{−iω}s[m−2] = Σ_{j<m} y[j]·e^{iω(m−1−j)} and X_t[k] = e^{iω}(Y[s_t + N] − Y[s_t]).
 * Costs (bins used) × (samples) instead of frames × N·log N; agrees with the FFT path to ~1e-12
 * relative before the complex64 rounding. Requires a power-of-two nFft that the hop divides.
 */
export function octaveResponsePrefix(y: Float32Array, hop: number, basis: CqtSparseBasis, padMode: PadMode, out: ResponseTarget, lo: number, hi: number): void {
  const N = basis.nFft;
  const cols = out.cols;
  const half = N >> 1;
  const yp = pad(y, half, half, padMode, borrow("cqt.padded", Float32Array, y.length + 2 * half));
  const step = N / hop; // checkpoints per frame length
  const nCk = cols + step; // checkpoints 0 … cols − 1 + step
  const K = hi - lo + 1;
  // D[t][k − lo] as complex64 (frame-major, so the basis product reads contiguous bins)
  const Dr = borrow("cqt.resonator.re", Float32Array, K * cols);
  const Di = borrow("cqt.resonator.im", Float32Array, K * cols);
  const st = [0, 1, 2, 3].map(() => new Float64Array(2 * nCk));
  // with zero padding the resonators start at the first sample of y (checkpoint ⌊half / hop⌋ or before)
  const q0 = padMode === "constant" ? Math.min(Math.floor(half / hop), nCk) : 0;
  for (let k0 = lo; k0 <= hi; k0 += 4) {
    const ks = [k0, Math.min(k0 + 1, hi), Math.min(k0 + 2, hi), Math.min(k0 + 3, hi)];
    const w = ks.map((k) => (2 * Math.PI * k) / N);
    goertzel4(yp, 2 * Math.cos(w[0]), 2 * Math.cos(w[1]), 2 * Math.cos(w[2]), 2 * Math.cos(w[3]), hop, nCk, st[0], st[1], st[2], st[3], q0);
    for (let b = 0; b < 4; b++) {
      const k = ks[b];
      if (b > 0 && k === ks[b - 1]) break;
      // resonator output before sample m: Y[m] = s[m−1] − e^{−iω} s[m−2] = Σ_{j<m} y[j] e^{iω(m−1−j)};
      // the frame's DFT bin is X_t = e^{iω} (Y[s_t + N] − Y[s_t])
      const cw = Math.cos(w[b]);
      const sw = Math.sin(w[b]);
      const s = st[b];
      for (let t = 0, j = k - lo; t < cols; t++, j += K) {
        const q0 = 2 * t;
        const q1 = 2 * (t + step);
        const dA = s[q1] - cw * s[q1 + 1] - (s[q0] - cw * s[q0 + 1]);
        const dB = sw * (s[q1 + 1] - s[q0 + 1]);
        Dr[j] = cw * dA - sw * dB;
        Di[j] = sw * dA + cw * dB;
      }
    }
  }
  for (let t = 0; t < cols; t++) applyBasis(Dr, Di, t * K - lo, basis, out, t);
  giveBack("cqt.resonator.re", Dr);
  giveBack("cqt.resonator.im", Di);
  giveBack("cqt.padded", yp);
}
