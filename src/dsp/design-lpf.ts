/**
 * Kaiser-windowed-sinc low-pass design, ported from libsoxr 0.1.3 `filter.c` (the code python-soxr
 * 1.1 builds, and so the code behind librosa's default `res_type="soxr_hq"`). Every formula, constant
 * and rounding step follows the C source so that the designed taps, tap counts and Kaiser β equal
 * soxr's: `lsx_kaiser_beta`, `lsx_kaiser_params`, `lsx_design_lpf`, `lsx_make_lpf`, `lsx_f_resp`,
 * `lsx_inv_f_resp`. Frequencies are normalised so that the Nyquist frequency `Fn` is 1 unless stated.
 *
 * Internal to the resampler (see {@link ./resample}); exported for its tests.
 */

/** 20·log10(x), as libsoxr's `linear_to_dB`. */
export function linearToDb(x: number): number {
  return Math.log10(x) * 20;
}

/** Modified Bessel function of the first kind, order 0, by its power series (libsoxr's `lsx_bessel_I_0`). */
export function besselI0(x: number): number {
  let term = 1;
  let sum = 1;
  let lastSum: number;
  const x2 = x / 2;
  let i = 1;
  do {
    const y = x2 / i++;
    lastSum = sum;
    term *= y * y;
    sum += term;
  } while (sum !== lastSum);
  return sum;
}

const KAISER_BETA_COEFS: readonly (readonly number[])[] = [
  [-6.784957e-10, 1.02856e-5, 0.1087556, -0.8988365 + 0.001],
  [-6.897885e-10, 1.027433e-5, 0.10876, -0.8994658 + 0.002],
  [-1.000683e-9, 1.030092e-5, 0.1087677, -0.9007898 + 0.003],
  [-3.654474e-10, 1.040631e-5, 0.1087085, -0.8977766 + 0.006],
  [8.106988e-9, 6.983091e-6, 0.1091387, -0.9172048 + 0.015],
  [9.519571e-9, 7.272678e-6, 0.1090068, -0.9140768 + 0.025],
  [-5.626821e-9, 1.342186e-5, 0.1083999, -0.9065452 + 0.05],
  [-9.965946e-8, 5.073548e-5, 0.1040967, -0.7672778 + 0.085],
  [1.604808e-7, -5.856462e-5, 0.1185998, -1.34824 + 0.1],
  [-1.511964e-7, 6.363034e-5, 0.1064627, -0.9876665 + 0.18],
];

const rangeLimit = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);

/** Kaiser β for a stop-band attenuation `att` (dB) and transition width `trBw` (libsoxr's fitted table). */
export function kaiserBeta(att: number, trBw: number): number {
  if (att >= 60) {
    const realm = Math.log(trBw / 0.0005) / Math.log(2);
    const last = KAISER_BETA_COEFS.length - 1;
    const c0 = KAISER_BETA_COEFS[rangeLimit(Math.trunc(realm), 0, last)];
    const c1 = KAISER_BETA_COEFS[rangeLimit(1 + Math.trunc(realm), 0, last)];
    const b0 = ((c0[0] * att + c0[1]) * att + c0[2]) * att + c0[3];
    const b1 = ((c1[0] * att + c1[1]) * att + c1[2]) * att + c1[3];
    return b0 + (b1 - b0) * (realm - Math.trunc(realm));
  }
  if (att > 50) return 0.1102 * (att - 8.7);
  if (att > 20.96) return 0.58417 * Math.pow(att - 20.96, 0.4) + 0.07886 * (att - 20.96);
  return 0;
}

/**
 * A Kaiser-windowed sinc of `numTaps` taps, cut-off `Fc` (Nyquist = 1), scaled by `scale`
 * (libsoxr's `lsx_make_lpf`; `rho` shifts the window's end points).
 */
export function makeLpf(numTaps: number, Fc: number, beta: number, rho: number, scale: number): Float64Array {
  const m = numTaps - 1;
  const h = new Float64Array(numTaps);
  const mult = scale / besselI0(beta);
  const mult1 = 1 / (0.5 * m + rho);
  for (let i = 0; i <= Math.trunc(m / 2); ++i) {
    const z = i - 0.5 * m;
    const x = z * Math.PI;
    const y = z * mult1;
    let v = x !== 0 ? Math.sin(Fc * x) / x : Fc;
    v *= besselI0(beta * Math.sqrt(1 - y * y)) * mult;
    h[i] = v;
    if (m - i !== i) h[m - i] = v;
  }
  return h;
}

/** The result of {@link designLpf}: the taps (null for a dry run) and the parameters chosen. */
export interface LpfDesign {
  h: Float64Array | null;
  numTaps: number;
  beta: number;
  Fc: number;
}

/**
 * libsoxr's `lsx_design_lpf`: a low-pass with pass-band end `Fp` and stop-band start `Fs` relative to
 * the Nyquist frequency `Fn` (`Fn < 0`: dry run, only the tap count and β are computed).
 * @param numTaps 0: estimate the length
 * @param k > 0: number of phases of a poly-phase prototype; < 0: length ≡ 1 (mod −k)
 * @param beta < 0: estimate Kaiser β from `att`
 */
export function designLpf(Fp: number, Fs: number, Fn: number, att: number, numTaps: number, k: number, beta: number): LpfDesign {
  const n = numTaps;
  const phases = Math.max(k, 1);
  const modulo = Math.max(-k, 1);
  const rho = phases === 1 ? 0.5 : att < 120 ? 0.63 : 0.75;
  Fp /= Math.abs(Fn);
  Fs /= Math.abs(Fn);
  let trBw = 0.5 * (Fs - Fp);
  trBw /= phases;
  Fs /= phases;
  trBw = Math.min(trBw, 0.5 * Fs);
  const Fc = Fs - trBw;
  // lsx_kaiser_params:
  beta = beta < 0 ? kaiserBeta(att, (trBw * 0.5) / Fc) : beta;
  const a = att < 60 ? (att - 7.95) / (2.285 * Math.PI * 2) : ((0.0007528358 - 1.577737e-5 * beta) * beta + 0.6248022) * beta + 0.06186902;
  if (!numTaps) numTaps = Math.ceil(a / trBw + 1);
  if (!n) {
    numTaps = phases > 1 ? Math.trunc(numTaps / phases) * phases + phases - 1 : Math.trunc((numTaps + modulo - 2) / modulo) * modulo + 1;
  }
  return { h: Fn < 0 ? null : makeLpf(numTaps, Fc, beta, rho, phases), numTaps, beta, Fc };
}

const sinePhi = (x: number): number => ((2.0517e-7 * x - 1.1303e-4) * x + 0.023154) * x + 0.55924;
const sinePsi = (x: number): number => ((9.0667e-8 * x - 5.6114e-5) * x + 0.013658) * x + 1.0977;
const sinePow = (x: number): number => Math.log(0.5) / Math.log(Math.sin(x * 0.5));
const dbToLinear = (x: number): number => Math.exp(x * (Math.LN10 * 0.05));

/** libsoxr's model of a Kaiser low-pass's response (dB) at transition-band position `t` ∈ [0, 1], for attenuation `a`. */
export function fResp(t: number, a: number): number {
  let x: number;
  if (t > (a <= 160 ? 0.8 : 0.82)) {
    const a1 = a + 15;
    const p = 0.00035 * a + 0.375;
    const w = (1 / (1 - 0.597)) * Math.asin(Math.pow((a1 - 10.6) / a1, 1 / p));
    const c = 1 + Math.asin(Math.pow(1 - a / a1, 1 / p)) / w;
    return a1 * (Math.pow(Math.sin((c - t) * w), p) - 1);
  }
  if (t > 0.5) {
    x = sinePsi(a);
    x = Math.pow(Math.sin((1 - t) * x), sinePow(x));
  } else {
    x = sinePhi(a);
    x = 1 - Math.pow(Math.sin(t * x), sinePow(x));
  }
  return linearToDb(x);
}

/** Inverse of {@link fResp}: the transition-band position where the response has dropped by `drop` dB. */
export function invFResp(drop: number, a: number): number {
  let x = sinePhi(a);
  drop = dbToLinear(drop);
  const s = drop > 0.5 ? 1 - drop : drop;
  x = Math.asin(Math.pow(s, 1 / sinePow(x))) / x;
  return drop > 0.5 ? x : 1 - x;
}

/** libsoxr's `lsx_to_3dB`: where a filter of attenuation `a` is 3 dB down, as a fraction of its transition band. */
export function to3dB(a: number): number {
  return 1 - invFResp(-3, a);
}
