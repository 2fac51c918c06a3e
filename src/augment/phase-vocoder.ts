/**
 * Phase vocoder time-scale modification of an STFT, exactly as librosa.phase_vocoder (0.11),
 * including its float32 phase accumulator (numpy keeps `phase_acc = np.angle(D[..., 0])` in
 * float32) and complex64 output, so our output matches librosa's to float32 rounding.
 *
 * Speed: the magnitude and phase of every input frame are computed once (librosa recomputes them
 * for each output frame), in a frame-major layout; the expected phase advance is precomputed; the
 * phase wrap is one floor; sin/cos/atan2 are inlined polynomial kernels (accurate to ≈ 1e-15, far
 * below the float32 rounding that follows) evaluated by Estrin's scheme, so that consecutive bins
 * overlap in the CPU; the frame loop allocates nothing.
 */
import { ParameterError } from "../util/errors";
import { assertPositiveInt } from "../util/validate";
import type { ComplexMatrix } from "../dsp/stft";
import { borrow, giveBack } from "../dsp/scratch";

/** Options of {@link phaseVocoder}. */
export interface PhaseVocoderOptions {
  /** Speed-up factor: > 1 is faster (fewer frames), < 1 slower. Finite, > 0. Required. */
  rate: number;
  /** Hop of the STFT that produced D, integer ≥ 1. Default ⌊nFft / 4⌋. */
  hopLength?: number;
  /** FFT length of D, integer ≥ 1. Default 2·(rows − 1). */
  nFft?: number;
}

const TWO_PI = 2 * Math.PI;
const INV_TWO_PI = 1 / (2 * Math.PI);
const f32 = Math.fround;

// sin/cos: Cody–Waite reduction by π/2 and fdlibm's kernels on [−π/4, π/4] (|a| < 2^30).
const INV_PIO2 = 6.36619772367581382433e-1;
const PIO2_1 = 1.57079632673412561417; // first 33 bits of π/2
const PIO2_1T = 6.07710050650619224932e-11; // π/2 − PIO2_1
const S1 = -1.66666666666666324348e-1;
const S2 = 8.33333333332248946124e-3;
const S3 = -1.98412698298579493134e-4;
const S4 = 2.75573137070700676789e-6;
const S5 = -2.50507602534068634195e-8;
const S6 = 1.58969099521155010221e-10;
const C1 = 4.16666666666666019037e-2;
const C2 = -1.38888888888741095749e-3;
const C3 = 2.48015872894767294178e-5;
const C4 = -2.75573143513906633035e-7;
const C5 = 2.0875723212981748279e-9;
const C6 = -1.13596475577881948265e-11;

// atan2: octant reduction to [0, 1], then by π/6 to |t| ≤ tan(π/12), then odd Taylor terms to t^23.
const PI_2 = Math.PI / 2;
const PI_6 = Math.PI / 6;
const SQRT3 = Math.sqrt(3);
const TAN_PI_12 = 2 - Math.sqrt(3);

/** atan2(y, x) with Math.atan2's conventions (signed zeros included), |error| < 1e-15. */
export function fastAtan2(y: number, x: number): number {
  const ax = Math.abs(x);
  const ay = Math.abs(y);
  if (ay === 0 || ax === 0 || ax !== ax || ay !== ay || ax === Infinity || ay === Infinity) return Math.atan2(y, x);
  const swap = ay > ax;
  let t = swap ? ax / ay : ay / ax;
  let off = 0;
  if (t > TAN_PI_12) {
    t = (SQRT3 * t - 1) / (SQRT3 + t);
    off = PI_6;
  }
  const z = t * t;
  let p = -1 / 23;
  p = 1 / 21 + z * p;
  p = -1 / 19 + z * p;
  p = 1 / 17 + z * p;
  p = -1 / 15 + z * p;
  p = 1 / 13 + z * p;
  p = -1 / 11 + z * p;
  p = 1 / 9 + z * p;
  p = -1 / 7 + z * p;
  p = 1 / 5 + z * p;
  p = -1 / 3 + z * p;
  let a = off + (t + t * z * p);
  if (swap) a = PI_2 - a;
  if (x < 0) a = Math.PI - a;
  return y < 0 ? -a : a;
}

// atan(t) ≈ t + t·z·q(z), z = t², on |t| ≤ tan(π/8): q's coefficients fitted in float64 (numpy,
// Chebyshev basis, weighted least squares); max relative error 1.8e-16 on that interval.
const Q0 = -0.333333333333307,
  Q1 = 0.19999999999214793,
  Q2 = -0.1428571420560102,
  Q3 = 0.11111107073776566;
const Q4 = -0.09090792159836125,
  Q5 = 0.07690205943866747,
  Q6 = -0.06642324212600022,
  Q7 = 0.05698881780592978;
const Q8 = -0.04377543109103353,
  Q9 = 0.021486778456930672;
const PI_4 = Math.PI / 4;

/**
 * atan2(y, x) for finite, non-zero x and y whose modulus r = √(x² + y²) the caller already has
 * (the magnitude of an STFT bin). Absolute |error| < 2e-15 (not relative: angles ≪ 1e-3 come
 * out of a cancellation, which is harmless for phase differences and the float32 accumulator;
 * on real STFTs the float32 phases equal those of Math.atan2). Range reduction without comparisons: the
 * first-quadrant angle φ = atan2(|y|, |x|) is π/4 + ψ with ψ ∈ [−π/4, π/4] the angle of the
 * vector rotated by −π/4, ((|x| + |y|), (|y| − |x|))/√2, and its half-angle tangent
 * tan(ψ/2) = (|y| − |x|) / (√2·r + |x| + |y|) lies in [−tan(π/8), tan(π/8)], where one
 * polynomial (Estrin's scheme) suffices. The quadrant is then applied with 0/1 weights: with
 * spectral phases the signs of x and y are random, and branches would mispredict half the time.
 * (One division and no octant selects: ≈ 40 % faster per bin than an octant-reduced atan2.)
 */
export function atan2WithModulus(y: number, x: number, r: number): number {
  const a = Math.abs(x);
  const b = Math.abs(y);
  const t = (b - a) / (Math.SQRT2 * r + (a + b));
  const z = t * t;
  const z2 = z * z;
  const z4 = z2 * z2;
  const z8 = z4 * z4;
  const q = Q0 + Q1 * z + (Q2 + Q3 * z) * z2 + (Q4 + Q5 * z + (Q6 + Q7 * z) * z2) * z4 + (Q8 + Q9 * z) * z8;
  let phi = PI_4 + 2 * (t + t * z * q); // atan2(|y|, |x|)
  phi += +(x < 0) * (Math.PI - 2 * phi); // x < 0: π − φ
  return (1 - 2 * +(y < 0)) * phi; // y < 0: −φ
}

/** numpy.rint / Python round(): the nearest integer, ties to even. */
export function rint(x: number): number {
  let r = Math.floor(x + 0.5);
  if (r - x === 0.5 && r % 2 !== 0) r -= 1;
  return r;
}

/** Number of output frames of {@link phaseVocoder}: len(np.arange(0, cols, rate)). */
export function phaseVocoderFrames(cols: number, rate: number): number {
  return Math.max(0, Math.ceil(cols / rate));
}

/**
 * Frame-major magnitudes and phases of an STFT, float32 as numpy's complex64 abs/angle, with two
 * trailing zero frames (librosa's `np.pad(D, (0, 2))`). Element (frame t, bin k) is at t·rows + k.
 */
export interface PolarFrames {
  readonly mag: Float32Array;
  readonly ph: Float32Array;
  readonly rows: number;
  readonly cols: number;
}

/** Allocates {@link PolarFrames} for `cols` frames of `rows` bins (zeroed, including the padding). */
export function allocPolarFrames(rows: number, cols: number): PolarFrames {
  return { mag: new Float32Array((cols + 2) * rows), ph: new Float32Array((cols + 2) * rows), rows, cols };
}

/**
 * {@link allocPolarFrames} from the scratch pool, for a caller that reads the frames only until it
 * returns: the two padding frames are zeroed, the others must all be written. Give the frames back
 * with {@link releasePolarFrames}.
 */
export function borrowPolarFrames(rows: number, cols: number): PolarFrames {
  const n = (cols + 2) * rows;
  const mag = borrow("phaseVocoder.mag", Float32Array, n);
  const ph = borrow("phaseVocoder.ph", Float32Array, n);
  mag.fill(0, cols * rows);
  ph.fill(0, cols * rows);
  return { mag, ph, rows, cols };
}

/** Gives frames from {@link borrowPolarFrames} back to the scratch pool. */
export function releasePolarFrames(P: PolarFrames): void {
  giveBack("phaseVocoder.mag", P.mag);
  giveBack("phaseVocoder.ph", P.ph);
}

/** Stores bin values (re[base + k], im[base + k]) (already rounded to float32) as frame t of `P`. */
export function setPolarFrame(P: PolarFrames, t: number, re: ArrayLike<number>, im: ArrayLike<number>, base = 0): void {
  const { mag, ph, rows } = P;
  const o = t * rows;
  for (let k = 0; k < rows; k++) {
    const r = re[base + k];
    const i = im[base + k];
    const m = Math.sqrt(r * r + i * i);
    mag[o + k] = m;
    // r·i is finite and non-zero exactly when both are (float32 values: the float64 product can
    // neither overflow nor underflow); zeros, infinities and NaN take the general path
    const ri = r * i;
    ph[o + k] = ri !== 0 && ri - ri === 0 ? atan2WithModulus(i, r, m) : fastAtan2(i, r);
  }
}

/**
 * The phase vocoder loop on frame-major input: for each output frame t it fills `outRe`/`outIm`
 * [rows] with float32-rounded values and calls `emit(t)`. Returns the number of output frames.
 */
export function vocodeFrames(
  P: PolarFrames,
  rate: number,
  hopLength: number,
  nFft: number,
  outRe: Float64Array,
  outIm: Float64Array,
  emit: (t: number) => void,
): number {
  const { mag, ph, rows, cols } = P;
  // Expected phase advance per bin: hop · rfftfreq(nFft, d = 1/2π), computed as numpy does.
  const phi = new Float64Array(rows);
  const val = 1 / (nFft * (1 / TWO_PI));
  for (let k = 0; k < rows; k++) phi[k] = hopLength * (k * val);
  const acc = new Float32Array(rows);
  for (let k = 0; k < rows; k++) acc[k] = ph[k];
  const outCols = phaseVocoderFrames(cols, rate);
  for (let t = 0; t < outCols; t++) {
    const step = t * rate;
    const i0 = Math.floor(step);
    const alpha = step - i0;
    const beta = 1 - alpha;
    const o0 = i0 * rows;
    const o1 = o0 + rows;
    for (let k = 0; k < rows; k++) {
      const m = beta * mag[o0 + k] + alpha * mag[o1 + k];
      const a = acc[k];
      // sin/cos of the float32 accumulator
      const q = Math.floor(a * INV_PIO2 + 0.5);
      const r = a - q * PIO2_1 - q * PIO2_1T;
      const z = r * r;
      const z2 = z * z;
      const z4 = z2 * z2;
      // fdlibm's kernels, evaluated by Estrin's scheme (short dependency chains)
      const s = r + r * z * (S1 + S2 * z + (S3 + S4 * z) * z2 + (S5 + S6 * z) * z4);
      const c = 1 - 0.5 * z + z2 * (C1 + C2 * z + (C3 + C4 * z) * z2 + (C5 + C6 * z) * z4);
      // quadrant q mod 4 → (sin, cos) = (s, c), (c, −s), (−s, −c), (−c, s), chosen with exact
      // 0/1 and ±1 weights rather than branches (the quadrant of a running phase is random)
      const quadrant = q & 3;
      const odd = quadrant & 1;
      const even = 1 - odd;
      const sn = (1 - 2 * (quadrant >> 1)) * (odd * c + even * s);
      const cs = (1 - 2 * (((quadrant + 1) >> 1) & 1)) * (odd * s + even * c);
      outRe[k] = f32(f32(cs) * m);
      outIm[k] = f32(f32(sn) * m);
      // float32 difference of float32 angles, then float64 (numpy's promotion), wrapped to [−π, π]
      const p1 = ph[o1 + k];
      const p0 = ph[o0 + k];
      let dphase = f32(p1 - p0) - phi[k];
      const x = dphase * INV_TWO_PI;
      let n = Math.floor(x + 0.5);
      if (n - x === 0.5 && n % 2 !== 0) n -= 1;
      dphase -= TWO_PI * n;
      acc[k] = a + (phi[k] + dphase);
    }
    emit(t);
  }
  return outCols;
}

function checkRate(rate: number): void {
  if (!(typeof rate === "number" && Number.isFinite(rate) && rate > 0)) {
    throw new ParameterError(`rate=${rate} must be a finite number > 0`);
  }
}

/**
 * Stretches an STFT in time by `rate` (librosa.phase_vocoder): output frame t reads input position
 * s = t·rate, interpolates magnitude linearly between frames ⌊s⌋ and ⌊s⌋+1 (zero past the end), and
 * advances the running phase by the measured (wrapped) phase difference of those two frames.
 * @param D ComplexMatrix [1 + nFft/2, t] (e.g. from `stft`)
 * @param options `{ rate, hopLength?, nFft? }`
 * @returns ComplexMatrix [1 + nFft/2, ⌈t / rate⌉]
 * @example const Ds = phaseVocoder(stft(y), { rate: 1.25 });  // 80 % as many frames
 */
export function phaseVocoder(D: ComplexMatrix, options: PhaseVocoderOptions): ComplexMatrix {
  const { rate } = options;
  checkRate(rate);
  const { rows, cols } = D;
  if (cols < 1 || rows < 1) throw new ParameterError(`D must have at least one frame and one bin, but has shape [${rows}, ${cols}]`);
  const nFft = options.nFft ?? 2 * (rows - 1);
  assertPositiveInt("nFft", nFft);
  const hopLength = options.hopLength ?? Math.floor(nFft / 4);
  assertPositiveInt("hopLength", hopLength);

  const P = allocPolarFrames(rows, cols);
  const re = new Float64Array(rows);
  const im = new Float64Array(rows);
  for (let t = 0; t < cols; t++) {
    for (let k = 0; k < rows; k++) {
      re[k] = D.re[k * cols + t];
      im[k] = D.im[k * cols + t];
    }
    setPolarFrame(P, t, re, im);
  }
  const outCols = phaseVocoderFrames(cols, rate);
  const outRe = new Float32Array(rows * outCols);
  const outIm = new Float32Array(rows * outCols);
  vocodeFrames(P, rate, hopLength, nFft, re, im, (t) => {
    for (let k = 0; k < rows; k++) {
      outRe[k * outCols + t] = re[k];
      outIm[k * outCols + t] = im[k];
    }
  });
  return { re: outRe, im: outIm, rows, cols: outCols };
}
