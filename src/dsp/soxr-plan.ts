/**
 * The stage plan of libsoxr's constant-rate resampler (`_soxr_init` in libsoxr 0.1.3 `cr.c`, with the
 * `cr32s`/`cr64s` engine tables of `cr-core.c` and the quality recipes of `soxr.c`), ported so that
 * {@link ./resample} runs the same stages with the same filters as python-soxr 1.1 (librosa's
 * `soxr_*` resamplers):
 *
 * - `half`: fixed half-band FIRs that halve the rate while the ratio is ≥ 4;
 * - `dft`: a long linear-phase FIR (soxr runs it by FFT) with optional ×L zero-stuffing and ÷M decimation;
 * - `poly`: a poly-phase FIR for the remaining (rational L/M, or irrational) ratio, with polynomial
 *   interpolation between phases when the ratio is irrational, clocked in 32.32 fixed point;
 * - `cubic`: soxr's "quick" cubic interpolator (quality `soxr_qq`).
 *
 * Every stage is zero-delay (soxr pre-loads each stage's FIFO with half its filter of zeros), so the
 * whole chain computes `y[i]` at input time `i · orig/target`; soxr's flush then emits
 * `round(n · target/orig)` samples of the zero-padded result.
 *
 * Internal to the resampler; exported for its tests.
 */
import { designLpf, invFResp, linearToDb, to3dB } from "./design-lpf";
import { memoize } from "../util/memo";
import { isPowerOfTwo } from "../util/numeric";

/** The soxr quality recipes librosa offers as `res_type`. */
export type SoxrQuality = "soxr_vhq" | "soxr_hq" | "soxr_mq" | "soxr_lq" | "soxr_qq";

/** Decimate by 2 with a symmetric half-band FIR: `y[i] = x[2i]/2 + Σ_j c[j]·(x[2i−2j−1] + x[2i+2j+1])`. */
export interface HalfStage {
  kind: "half";
  coefs: Float64Array;
}

/** `y[n] = Σ_j x[j]·g[center + n·M − j·L]`: zero-stuff by L, filter with g (gain L included), keep every M-th. */
export interface DftStage {
  kind: "dft";
  L: number;
  M: number;
  g: Float64Array;
  center: number;
}

/**
 * Poly-phase FIR. Output i reads `n` input samples starting at `floor(at_i / L) − preload` with the
 * phase `at_i mod L` (rational: `at_i = at0 + i·step` in units of 1/L input samples; irrational:
 * a 32.32 fixed-point clock whose top `phaseBits` fraction bits pick the phase and whose remaining
 * bits interpolate the coefficients with a polynomial of degree `order`).
 */
export interface PolyStage {
  kind: "poly";
  rational: boolean;
  /** Taps per phase, padded to a multiple of 4 (soxr's SIMD layout; padding taps are zero). */
  n: number;
  /** The first non-padding tap (`n` − real taps per phase). */
  first: number;
  /** Zeros in front of the input. */
  preload: number;
  /** Rational: phases; irrational: 1. */
  L: number;
  /** Rational: the integer step in 1/L units. */
  step: number;
  /** Rational: the initial clock in 1/L units. */
  at0: number;
  /** Irrational: clock and step as (integer, fraction·2^32) pairs. */
  atInt0: number;
  atFrac0: number;
  stepInt: number;
  stepFrac: number;
  phaseBits: number;
  order: number;
  /** Coefficients: `[(phase · n + tap) · (order + 1) + term]`, term 0..order = f0, b, c, d. */
  table: Float64Array;
  /**
   * The same coefficients stored as float32 when the engine is cr32s (exact: they are already
   * rounded to float32), else null. Half the memory: the order-1 table of a pitch shift is 2048
   * phases × 16 taps × 2 terms, 512 KB as float64 — more than the L2 cache of many cores.
   */
  table32: Float32Array | null;
}

/** soxr's cubic ("quick") stage: 32.32 clock, cubic through the 4 nearest samples. */
export interface CubicStage {
  kind: "cubic";
  stepInt: number;
  stepFrac: number;
}

/** One stage of a plan; stages run in order, each zero-delay. */
export type SoxrStage = HalfStage | DftStage | PolyStage | CubicStage;

/** A complete resampling plan for one I/O ratio and quality. */
export interface SoxrPlan {
  /** Input rate / output rate, as soxr computes it. */
  ioRatio: number;
  quality: SoxrQuality;
  /** "cr32s" (float engine) or "cr64s" (double engine), as `soxr_engine` reports. */
  engine: "cr32s" | "cr64s";
  stages: SoxrStage[];
  /** Stop-band attenuation budget (dB) of the FIR stages, and of the poly-phase stage. */
  att: number;
  attArb: number;
}

const MULT32 = 65536 * 65536;
const LQ_BW0 = 1385 / 2048;
const U100_L = 42;
const f32 = Math.fround;

/** soxr_quality_spec(recipe, 0) for the recipes librosa uses. */
function qualitySpec(q: SoxrQuality): { precision: number; passbandEnd: number; rolloff: number } {
  const quality = { soxr_qq: 0, soxr_lq: 1, soxr_mq: 2, soxr_hq: 4, soxr_vhq: 6 }[q];
  const precision = quality === 0 ? 0 : quality <= 3 ? 16 : 4 + quality * 4;
  const rej = precision * linearToDb(2);
  const passbandEnd = quality === 1 ? LQ_BW0 : 1 - 0.05 / to3dB(rej);
  const rolloff = quality <= 2 ? 1 /* medium */ : 0; /* small */
  return { precision, passbandEnd, rolloff };
}

/** Half-band FIR coefficients of libsoxr's `half-coefs.h` (float for cr32s, double for cr64s). */
const HALF_COEFS: Record<number, readonly number[]> = {
  8: [
    3.1154652365332069e-1, -8.7344917685739543e-2, 3.681445835363728e-2, -1.5189204581464479e-2, 5.4540855610738801e-3, -1.5643862626630416e-3,
    3.1816575906323303e-4, -3.4799449225005688e-5,
  ],
  9: [
    3.1227034755311189e-1, -8.9221517147969526e-2, 3.9139704015071934e-2, -1.7250558515852023e-2, 6.8589440230476112e-3, -2.3045049636430419e-3,
    6.0963740543348963e-4, -1.1323803957431231e-4, 1.1197769991000046e-5,
  ],
  // 10–13 (double engine only, attenuation ≥ 168 dB): SoX 14.4's half-band tables, which libsoxr's
  // differ from by about 1e-9 relative (as the 8- and 9-tap ones do) — far below the float32 output.
  10: [
    0.3128545521327376, -0.09075671986104322, 0.04109637155154835, -0.01906629512749895, 0.008184039342054333, -0.0030766775017262, 0.0009639607022414314,
    -0.0002358552746579827, 4.025184282444155e-5, -3.629779111541012e-6,
  ],
  11: [
    0.3133358837508807, -0.09203588680609488, 0.04276515428384758, -0.02067356614745591, 0.00942253142371517, -0.003856330993895144, 0.001363470684892284,
    -0.0003987400965541919, 9.058629923971627e-5, -1.428553070915318e-5, 1.183455238783835e-6,
  ],
  12: [
    0.3137392991811407, -0.0931182192961332, 0.0442050575271454, -0.02210391200618091, 0.01057473015666001, -0.00462766983973885, 0.001793630226239453,
    -0.0005961819959665878, 0.0001631475979359577, -3.45557865639653e-5, 5.06188341942088e-6, -3.877010943315563e-7,
  ],
  13: [
    0.3140822554324578, -0.0940458550886253, 0.04545990399121566, -0.02338339450796002, 0.01164429409071052, -0.005380686021429845, 0.002242915773871009,
    -0.000822047600000082, 0.0002572510962395222, -6.607320708956279e-5, 1.309926399120154e-5, -1.790719575255006e-6, 1.27504961098836e-7,
  ],
};

/** The SIMD engines' half-band tables: [taps, attenuation]. cr32s has 8 and 9; cr64s 8 to 13. */
const HALF_FIRS_32: readonly [number, number][] = [
  [8, f32(136.51)],
  [9, f32(152.32)],
];
const HALF_FIRS_64: readonly [number, number][] = [
  [8, f32(136.51)],
  [9, f32(152.32)],
  [10, f32(168.08)],
  [11, f32(183.79)],
  [12, f32(199.46)],
  [13, f32(215.12)],
];

/** cr-core.c `poly_firs` for the SIMD engines: β (−1: estimate) and up to 3 [phase-bits scalar, interpolation order] choices. */
const POLY_FIRS: readonly { beta: number; interp: readonly ([number, number] | null)[] }[] = (
  [
    [-1, [0, 0], [7.2, 1], [5.0, 2]],
    [-1, [0, 0], [9.4, 1], [6.7, 2]],
    [-1, [0, 0], [12.4, 1], [7.8, 2]],
    [-1, [0, 0], [13.6, 1], [9.3, 2]],
    [-1, [0, 0], [10.5, 2], [8.4, 3]],
    [-1, [0, 0], [11.85, 2], [9.0, 3]],
    [-1, [0, 0], [8.0, 1], [5.3, 2]],
    [-1, [0, 0], [8.6, 1], [5.7, 2]],
    [-1, [0, 0], [10.6, 1], [6.75, 2]],
    [-1, [0, 0], [12.6, 1], [8.6, 2]],
    [-1, [0, 0], [9.6, 2], [7.6, 3]],
    [-1, [0, 0], [11.4, 2], [8.65, 3]],
    [10.62, [0, 0], null, null],
    [-1, [0, 0], [8, 1], [6, 2]],
    [-1, [0, 0], [9, 1], [6, 2]],
    [-1, [0, 0], [11, 1], [7, 2]],
    [-1, [0, 0], [13, 1], [8, 2]],
    [-1, [0, 0], [10, 2], [8, 3]],
    [-1, [0, 0], [12, 2], [9, 3]],
  ] as [number, [number, number], [number, number] | null, [number, number] | null][]
).map(([beta, ...interp]) => ({ beta: f32(beta), interp: interp.map((e) => (e ? ([f32(e[0]), e[1]] as [number, number]) : null)) }));

/** libsoxr's `dft_stage_init`: design the FIR of a dft stage. */
function dftStage(Fp: number, Fs: number, Fn: number, att: number, L: number, M: number, round: (x: number) => number): DftStage {
  const k = L >= 2 && isPowerOfTwo(L) && Fn === L ? L << 1 : 4; // libsoxr's is_pow2 is false for 1; phase response is 50 (linear) for every recipe librosa uses
  const { h, numTaps } = designLpf(Fp, Fs, Fn, att, 0, -k, -1);
  const g = new Float64Array(numTaps);
  for (let i = 0; i < numTaps; i++) g[i] = round((h as Float64Array)[i] * L);
  return { kind: "dft", L, M, g, center: Math.trunc(numTaps / 2) };
}

/** libsoxr's `prepare_poly_fir_coefs`, laid out as [phase][tap][term]. */
function polyTable(coefs: Float64Array, numCoefs: number, n: number, phases: number, order: number, round: (x: number) => number): Float64Array {
  const w = order + 1;
  const table = new Float64Array(n * phases * w);
  let fm1 = coefs[0];
  let f1 = 0;
  let f2 = 0;
  for (let i = numCoefs - 1; i >= 0; --i) {
    for (let j = phases - 1; j >= 0; --j) {
      const f0 = fm1;
      let b = 0;
      let c = 0;
      let d = 0;
      const pos = i * phases + j - 1;
      fm1 = pos > 0 ? coefs[pos - 1] : 0;
      if (order === 1) b = f1 - f0;
      else if (order === 2) {
        b = f1 - (0.5 * (f2 + f0) - f1) - f0;
        c = 0.5 * (f2 + f0) - f1;
      } else if (order === 3) {
        c = 0.5 * (f1 + fm1) - f0;
        d = (1 / 6) * (f2 - f1 + fm1 - f0 - 4 * c);
        b = f1 - f0 - d - c;
      }
      const at = (j * n + (n - 1 - i)) * w;
      table[at] = round(f0);
      if (order > 0) table[at + 1] = round(b);
      if (order > 1) table[at + 2] = round(c);
      if (order > 2) table[at + 3] = round(d);
      f2 = f1;
      f1 = f0;
    }
  }
  return table;
}

/** Splits a non-negative integer < 2^53 that counts 2^-32 units into (integer, fraction) parts. */
function split32(whole: number): [number, number] {
  const hi = Math.floor(whole / MULT32);
  return [hi, whole - hi * MULT32];
}

function planSoxr(ioRatio: number, quality: SoxrQuality): SoxrPlan {
  const { precision, passbandEnd: Fp0, rolloff } = qualitySpec(quality);
  const Fs0 = 1;
  const tbw0 = Fs0 - Fp0;
  const double = precision > 20;
  const sizeofReal = double ? 8 : 4;
  const round = double ? (x: number) => x : f32;
  const halfFirs = double ? HALF_FIRS_64 : HALF_FIRS_32;
  const tolerance = 1 + 1e-5;
  const interpolator = -1;
  const coefSizeKbytes = 400;
  const tighten = (x: number): number => Fs0 - (Fs0 - x) * 1; // tbw_tighten = 1 (no SOXR_MAINTAIN_3DB_PT)

  let bits = precision;
  let arbM = ioRatio;
  let Fp1 = Fp0;
  let Fs1 = Fs0;
  const bits1 = Math.min(bits, 33);
  let att = (bits1 + 1) * linearToDb(2);
  let attArb = att;
  let preL = 1;
  let preM = 1;
  let shr = 0;
  let arbL = 1;
  let postL = 1;
  let postM = 1;
  let upsample = false;
  let rational = false;
  const iOpt = true;
  const lqBits = bits === 16;
  const lqFp0 = Fp0 === LQ_BW0;
  let mode = lqBits && rolloff === 1 ? Number(ioRatio > 1 || !lqFp0 || Fs0 !== 1) : Math.trunc((Math.ceil(bits1) - 6) / 4);

  if (ioRatio < 1 && Fs0 - 1 > 1 - Fp0 / tolerance) throw new Error("soxr plan: imaging greater than rolloff");
  if (0.002 / tolerance > tbw0 || tbw0 > 0.5 * tolerance) throw new Error("soxr plan: transition bandwidth not in [0.2,50] % of nyquist");

  let n = 0;
  if (bits !== 0) {
    while (!n++) {
      const maxL = interpolator > 0 ? 1 : mode ? 2048 : Math.ceil((coefSizeKbytes * 1000) / (U100_L * sizeofReal));
      let epsilon = 0;
      upsample = arbM < 1;
      shr = 0;
      for (let i = Math.trunc(0.5 * arbM); (i >>= 1);) {
        arbM *= 0.5;
        ++shr;
      }
      preM = Number(upsample || (arbM > 1.5 && arbM < 2));
      postM = 1 + Number(arbM > 1 && preM !== 0);
      arbM /= postM;
      preL = 1 + Number(!preM && arbM < 2) + Number(upsample && mode !== 0);
      arbM *= preL;
      const frac = arbM - Math.trunc(arbM);
      if (frac !== 0) epsilon = Math.abs(Math.floor(frac * MULT32 + 0.5) / (frac * MULT32) - 1);
      rational = frac === 0;
      for (let i = 1; i <= maxL && !rational; ++i) {
        const d = frac * i;
        const tryI = Math.trunc(d + 0.5);
        if ((rational = Math.abs(tryI / d - 1) <= epsilon)) {
          if (tryI === i) {
            arbM = Math.ceil(arbM);
            const x = Number(arbM > 3);
            shr += x;
            arbM /= 1 + x;
          } else {
            arbM = i * Math.trunc(arbM) + tryI;
            arbL = i;
          }
        }
      }
      let L = preL * arbL;
      let M = Math.trunc(arbM * postM);
      const x = (L | M) & 1;
      L >>= Number(!x);
      M >>= Number(!x);
      let d = 0;
      if (iOpt && postL === 1 && (d = (preL * arbL) / arbM) > 4 && d !== 5) {
        postL = 4;
        for (let i = Math.trunc(d / 16); (i >>= 1) && postL < 256;) postL <<= 1;
        arbM = (arbM * postL) / arbL / preL;
        arbL = 1;
        n = 0;
      } else if (rational && (Math.max(L, M) < 3 + 2 * Number(iOpt) || L * M < 6 * Number(iOpt))) {
        preL = L;
        preM = M;
        arbM = arbL = postM = 1;
      }
      if (!mode && (!rational || !n)) {
        ++mode;
        n = 0;
      }
    }
  }

  const havePre = preM * preL !== 1;
  const haveArb = arbM * arbL !== 1;
  const havePost = postM * postL !== 1;
  let numStages = shr + Number(havePre) + Number(haveArb) + Number(havePost);
  if (numStages === 0) {
    // soxr uses a cubic stage with gain here; at unit gain and ratio 1 it is the identity.
    bits = arbL = 0;
    numStages = 1;
  }
  const alpha = postM / (ioRatio * postL);
  if ((n = numStages) > 1) {
    if (haveArb) {
      att += linearToDb(2);
      attArb = att;
      --n;
    }
    att += linearToDb(n);
  }

  const stages: SoxrStage[] = [];
  let hi = 0;
  while (hi + 1 < halfFirs.length && att > halfFirs[hi][1]) ++hi;
  const halfCoefs = Float64Array.from(HALF_COEFS[halfFirs[hi][0]], round);
  for (let i = 0; i < shr; ++i) stages.push({ kind: "half", coefs: halfCoefs });

  if (havePre) {
    const Fn1 = preM ? Math.max(preL, preM) : arbM / arbL;
    stages.push(dftStage(tighten(Fp1), Fs1, Fn1, att, preL, Math.max(preM, 1), round));
    Fp1 /= Fn1;
    Fs1 /= Fn1;
  }

  if (bits === 0 && haveArb) {
    const [stepInt, stepFrac] = split32(Math.trunc(arbM * MULT32 + 0.5));
    stages.push({ kind: "cubic", stepInt, stepFrac });
  } else if (haveArb) {
    const rolloffs = [f32(-0.01), f32(-0.3), 0, f32(-0.103)];
    const f = POLY_FIRS[6 * (Number(upsample) + Number(!!preM)) + mode - Number(!upsample)];
    let numCoefs = f.interp[0]![0];
    let Fp = Fp1;
    let Fs: number;
    let Fn: number;
    const mult = upsample ? 1 : arbM / arbL;
    if (!upsample && preM) {
      Fn = 2 * mult;
      Fs = 3 + Math.abs(Fs1 - 1);
    } else {
      Fn = 1;
      Fs = 2 - (mode ? Fp1 + (Fs1 - Fp1) * 0.7 : Fs1);
    }
    if (mode) Fp = Fs - (Fs - Fp) / (1 - invFResp(rolloffs[rolloff], attArb));

    let i = (interpolator < 0 ? Number(!rational) : Math.max(interpolator, Number(!rational))) - 1;
    let phaseBits = 0;
    let phases = 0;
    let order = 0;
    let phase0 = 0;
    let n4 = 0;
    for (;;) {
      const f1 = f.interp[++i]!;
      if (i) {
        arbM /= arbL;
        arbL = 1;
        rational = false;
      }
      phaseBits = Math.ceil(f1[0] - Math.log(mult) / Math.log(2));
      phases = !rational ? 1 << phaseBits : arbL;
      if (f.interp[0]![0] === 0) {
        const phases0 = Math.max(phases, 19);
        const n0 = designLpf(Fp, Fs, -Fn, attArb, 0, phases0, f.beta).numTaps;
        numCoefs = Math.trunc(n0 / phases0) + 1;
        numCoefs += numCoefs & Number(!preM);
      }
      if (numCoefs & 1 && rational && arbL & 1) {
        phases <<= 1;
        arbL <<= 1;
        arbM *= 2;
      }
      phase0 = 0.5 * (numCoefs & 1);
      order = i + Number(i !== 0 && mode > 4);
      n4 = (numCoefs + 3) & ~3;
      const coefsSize = n4 * phases * (order + 1) * sizeofReal;
      if (!(interpolator < 0 && i < 2 && f.interp[i + 1] && Math.trunc(coefsSize / 1000) > coefSizeKbytes)) break;
    }
    const at = arbL * phase0;
    const numTaps = numCoefs * phases - 1;
    const coefs = designLpf(Fp, Fs, Fn, attArb, numTaps, phases, f.beta).h as Float64Array;
    const table = polyTable(coefs, numCoefs, n4, phases, order, round);
    const preload = ((numCoefs - 1) >> 1) + (n4 - numCoefs);
    const [atInt0, atFrac0] = split32(Math.trunc(at * MULT32 + 0.5));
    const [stepInt, stepFrac] = split32(Math.trunc(arbM * MULT32 + 0.5));
    const table32 = double ? null : Float32Array.from(table);
    stages.push({
      kind: "poly",
      rational,
      n: n4,
      first: n4 - numCoefs,
      preload,
      L: arbL,
      step: stepInt,
      at0: atInt0,
      atInt0,
      atFrac0,
      stepInt,
      stepFrac,
      phaseBits,
      order,
      table,
      table32,
    });
  }

  if (havePost) {
    stages.push(
      dftStage(tighten(Fp0 / (upsample ? alpha : 1)), upsample ? Math.max(2 - Fs0 / alpha, 1) : Fs0, Math.max(postL, postM), att, postL, postM, round),
    );
  }
  return { ioRatio, quality, engine: double ? "cr64s" : "cr32s", stages, att, attArb };
}

/**
 * The soxr stage plan for `ioRatio` = input rate / output rate (memoised: filters are designed once
 * per ratio and quality).
 */
export const soxrPlan: (ioRatio: number, quality: SoxrQuality) => SoxrPlan = memoize(planSoxr, (r, q) => `${q}:${r}`, 32);
