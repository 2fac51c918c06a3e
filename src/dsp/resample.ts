/**
 * Band-limited resampling with librosa.resample's semantics and soxr's filters.
 *
 * librosa 0.11's default `res_type="soxr_hq"` calls python-soxr, i.e. libsoxr. There is no soxr for
 * Node, so this module re-implements libsoxr's constant-rate engine: the same stage plan (half-band
 * decimators, a long linear-phase FIR, a poly-phase FIR with phase interpolation for irrational
 * ratios), the same Kaiser-window designs and tap counts, the same zero-delay alignment, the same
 * 32.32 fixed-point clock and the same output length. What differs is arithmetic: soxr_hq runs in
 * float32 (SIMD, FFT convolution), we accumulate in float64, so outputs agree to float32 rounding.
 */
import { ParameterError } from "../util/errors";
import { assertOneOf, assertPlainObject, assertPositive, validAudio } from "../util/validate";
import { fixLength } from "./fix-length";
import { borrow, giveBack } from "./scratch";
import { firStuffDecimate } from "./fir-filter";
import { soxrPlan, type CubicStage, type HalfStage, type PolyStage, type SoxrQuality, type SoxrStage } from "./soxr-plan";

/**
 * Resampler recipes (librosa's `res_type` names): soxr's very-high (28-bit, double-precision
 * engine), high (20-bit, librosa's default), medium and low quality (16-bit), and quick cubic
 * interpolation (not band-limited).
 */
export type ResType = SoxrQuality;

/** Every {@link ResType}, best first. */
export const RES_TYPES: readonly ResType[] = ["soxr_vhq", "soxr_hq", "soxr_mq", "soxr_lq", "soxr_qq"];

/** Options of {@link resample}: librosa.resample's keywords. */
export interface ResampleOptions extends ResampleSettings {
  /** Original sampling rate (Hz), > 0 (librosa's `orig_sr`). */
  origSr: number;
  /** Target sampling rate (Hz), > 0 (librosa's `target_sr`). */
  targetSr: number;
}

/** The resampler's settings, without the rates: {@link ResampleOptions} less origSr/targetSr. */
export interface ResampleSettings {
  /** Resampler recipe. Default `"soxr_hq"` (librosa's default). */
  resType?: ResType;
  /** Pad with zeros or trim to exactly `ceil(n · targetSr / origSr)` samples, as librosa. Default true. */
  fix?: boolean;
  /** Divide by `sqrt(targetSr / origSr)` so that total energy is about preserved (librosa's CQT uses this). Default false. */
  scale?: boolean;
}

const TWO32 = 4294967296;

/** Input samples stage `s` needs to produce `nOut` outputs (an upper bound; extra input is zeros). */
function inputNeeded(s: SoxrStage, nOut: number): number {
  if (nOut <= 0) return 0;
  switch (s.kind) {
    case "half":
      return 2 * (nOut - 1) + 2 * s.coefs.length;
    case "dft":
      return Math.floor((s.center + (nOut - 1) * s.M) / s.L) + 1;
    case "poly":
      if (s.rational) return Math.floor((s.at0 + (nOut - 1) * s.step) / s.L) - s.preload + s.n;
      return s.atInt0 + Math.ceil((nOut - 1) * (s.stepInt + s.stepFrac / TWO32)) + 2 - s.preload + s.n;
    case "cubic":
      return Math.ceil((nOut - 1) * (s.stepInt + s.stepFrac / TWO32)) + 4;
  }
}

/**
 * A copy of x with `pre` zeros in front and zeros after, `total` long, in the scratch slot
 * "resample.padded" (give it back with {@link unpad}).
 */
function padded(x: Float64Array, pre: number, total: number): Float64Array {
  const len = Math.max(total, pre + x.length);
  const xp = borrow("resample.padded", Float64Array, len);
  xp.fill(0, 0, pre);
  xp.set(x, pre);
  xp.fill(0, pre + x.length, len);
  return xp;
}

function unpad(xp: Float64Array): void {
  giveBack("resample.padded", xp);
}

/** Stage outputs alternate between two scratch slots (a stage reads the previous one's). */
function stageOutput(k: number, n: number): Float64Array {
  return borrow(k % 2 === 0 ? "resample.stage.a" : "resample.stage.b", Float64Array, n);
}

function releaseStageOutput(k: number, a: Float64Array): void {
  giveBack(k % 2 === 0 ? "resample.stage.a" : "resample.stage.b", a);
}

function runHalf(s: HalfStage, x: Float64Array, y: Float64Array): void {
  const nOut = y.length;
  const c = s.coefs;
  const nc = c.length;
  const pre = 2 * nc;
  const xp = padded(x, pre, pre + 2 * nOut + 2 * nc);
  for (let i = 0; i < nOut; i++) {
    const m = pre + 2 * i;
    let sum = xp[m] * 0.5;
    for (let j = 0; j < nc; j++) sum += (xp[m - 2 * j - 1] + xp[m + 2 * j + 1]) * c[j];
    y[i] = sum;
  }
  unpad(xp);
}

/**
 * @param xPadded x in place with the margins the stage reads (`preload` zeros before, `n` + 2
 *   after; see {@link soxrResample}), or null to copy x into such a buffer
 */
function runPoly(s: PolyStage, x: Float64Array, y: Float64Array, xPadded: Float64Array | null): void {
  const xp = xPadded ?? padded(x, s.preload, inputNeeded(s, y.length) + s.preload + s.n + 2);
  if (s.rational) polyRational(s, xp, y);
  else polyIrrational(s, xp, y);
  if (!xPadded) unpad(xp);
}

/**
 * The poly-phase coefficients to read: float32 when the plan has them (cr32s engine; the same
 * values, half the cache footprint), else float64. Either way products are taken in float64.
 */
function polyCoefs(s: PolyStage): Float32Array | Float64Array {
  return s.table32 ?? s.table;
}

/** Rational ratio: the phase is `at mod L`, no coefficient interpolation (soxr's vpoly0). */
function polyRational(s: PolyStage, xp: Float64Array, y: Float64Array): void {
  if (s.n - s.first === 14) return polyRational14(s, xp, y);
  const { n, first } = s;
  const table = polyCoefs(s);
  const L = s.L | 0;
  const stepDiv = Math.floor(s.step / L) | 0;
  const stepRem = (s.step % L) | 0;
  let div = Math.floor(s.at0 / L) | 0;
  let rem = (s.at0 % L) | 0;
  for (let i = 0; i < y.length; i++) {
    const c0 = rem * n + first;
    const x0 = div + first;
    // four partial sums (independent chains), then their sum
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let k = 0;
    const m = n - first;
    for (; k + 3 < m; k += 4) {
      s0 += table[c0 + k] * xp[x0 + k];
      s1 += table[c0 + k + 1] * xp[x0 + k + 1];
      s2 += table[c0 + k + 2] * xp[x0 + k + 2];
      s3 += table[c0 + k + 3] * xp[x0 + k + 3];
    }
    for (; k < m; k++) s0 += table[c0 + k] * xp[x0 + k];
    y[i] = s0 + s1 + (s2 + s3);
    rem += stepRem;
    if (rem >= L) {
      rem -= L;
      div++;
    }
    div += stepDiv;
  }
}

/**
 * {@link polyRational} for 14 taps per phase (soxr_hq's poly stage: 16 with 2 of padding), fully
 * unrolled; the same products summed in the same order (four chains over k mod 4, the last two
 * taps into the first chain).
 */
function polyRational14(s: PolyStage, xp: Float64Array, y: Float64Array): void {
  const { n, first } = s;
  const table = polyCoefs(s);
  const L = s.L | 0;
  const stepDiv = Math.floor(s.step / L) | 0;
  const stepRem = (s.step % L) | 0;
  let div = Math.floor(s.at0 / L) | 0;
  let rem = (s.at0 % L) | 0;
  const count = y.length;
  for (let i = 0; i < count; i++) {
    const c = rem * n + first;
    const x = div + first;
    let s0 = table[c] * xp[x];
    let s1 = table[c + 1] * xp[x + 1];
    let s2 = table[c + 2] * xp[x + 2];
    let s3 = table[c + 3] * xp[x + 3];
    s0 += table[c + 4] * xp[x + 4];
    s1 += table[c + 5] * xp[x + 5];
    s2 += table[c + 6] * xp[x + 6];
    s3 += table[c + 7] * xp[x + 7];
    s0 += table[c + 8] * xp[x + 8];
    s1 += table[c + 9] * xp[x + 9];
    s2 += table[c + 10] * xp[x + 10];
    s3 += table[c + 11] * xp[x + 11];
    s0 += table[c + 12] * xp[x + 12];
    s0 += table[c + 13] * xp[x + 13];
    y[i] = s0 + s1 + (s2 + s3);
    rem += stepRem;
    if (rem >= L) {
      rem -= L;
      div++;
    }
    div += stepDiv;
  }
}

/*
 * Irrational ratio (soxr's vpoly1/2/3): a 32.32 fixed-point clock; the top `phaseBits` bits of the
 * fraction choose the phase, the rest (x ∈ [0, 1), float32 as in soxr) interpolate the coefficients
 * with a polynomial of degree `order`. Σ_k (Σ_q c_{k,q}·x^q)·in_k is computed as Σ_q x^q·(Σ_k c_{k,q}·in_k):
 * one dot product per term (independent sums), then Horner's rule once per output.
 */
function polyIrrational(s: PolyStage, xp: Float64Array, y: Float64Array): void {
  if ((s.order === 1 || s.order === 2) && y.length > 0) {
    const clock = borrowPolyClock(y.length);
    fillPolyClock(s, clock);
    if (s.order === 1) polyIrrationalLinear(s, xp, y, clock);
    else polyIrrationalQuadratic(s, xp, y, clock);
    releasePolyClock(clock);
    return;
  }
  const { n, table, first, stepFrac, order } = s;
  const w = order + 1;
  const stepInt = s.stepInt | 0;
  const phaseDiv = 2 ** (32 - s.phaseBits);
  const phaseMul = 2 ** s.phaseBits;
  const m = n - first;
  let atInt = s.atInt0 | 0;
  let atFrac = s.atFrac0;
  for (let i = 0; i < y.length; i++) {
    const phase = Math.floor(atFrac / phaseDiv);
    const xf = Math.fround((atFrac * phaseMul - phase * TWO32) / TWO32);
    const x0 = atInt + first;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = 0, u = (phase * n + first) * w; k < m; k++, u += w) {
      const v = xp[x0 + k];
      s0 += table[u] * v;
      if (w > 1) s1 += table[u + 1] * v;
      if (w > 2) s2 += table[u + 2] * v;
      if (w > 3) s3 += table[u + 3] * v;
    }
    y[i] = ((s3 * xf + s2) * xf + s1) * xf + s0;
    atFrac += stepFrac;
    if (atFrac >= TWO32) {
      atFrac -= TWO32;
      atInt++;
    }
    atInt += stepInt;
  }
}

/**
 * The 32.32 clock of an irrational poly stage, unrolled ahead of the dot products: for output i,
 * `start[i]` = the first input sample read (clock integer part + `first`), `coef[i]` = the index of
 * its phase's first coefficient in the table, `xf[i]` = the interpolation fraction (float32, as
 * soxr). All three have one entry per output.
 */
interface PolyClock {
  readonly start: Int32Array;
  readonly coef: Int32Array;
  readonly xf: Float64Array;
}

function borrowPolyClock(count: number): PolyClock {
  return {
    start: borrow("resample.clock.start", Int32Array, count),
    coef: borrow("resample.clock.coef", Int32Array, count),
    xf: borrow("resample.clock.xf", Float64Array, count),
  };
}

function releasePolyClock(c: PolyClock): void {
  giveBack("resample.clock.start", c.start);
  giveBack("resample.clock.coef", c.coef);
  giveBack("resample.clock.xf", c.xf);
}

/*
 * A note on the shape of the hot functions below: each is called once per signal and spends its
 * time in one long loop, so V8 enters it through on-stack replacement compiled while the loop was
 * first running, and code after the loop that had not run yet then has no type feedback; V8 (11.x,
 * Node 20) deoptimises there on every later call. So these functions end with their loop (no
 * remainder loop, no call or property access after it), and their callers do the rest.
 */

/**
 * Runs the clock of stage `s` for `c.xf.length` outputs into `c`. Powers of two scale exactly, so
 * multiplying by 2^(phaseBits − 32) and 2^−32 gives what dividing does.
 */
function fillPolyClock(s: PolyStage, c: PolyClock): void {
  const { start, coef, xf } = c;
  const count = xf.length;
  const { n, first, stepFrac } = s;
  const w = s.order + 1;
  const stepInt = s.stepInt | 0;
  const phaseScale = 2 ** (s.phaseBits - 32);
  const phaseMul = 2 ** s.phaseBits;
  const INV_TWO32 = 1 / TWO32;
  let atInt = s.atInt0 | 0;
  let atFrac = s.atFrac0;
  for (let i = 0; i < count; i++) {
    const phase = Math.floor(atFrac * phaseScale);
    xf[i] = Math.fround((atFrac * phaseMul - phase * TWO32) * INV_TWO32);
    start[i] = atInt + first;
    coef[i] = (phase * n + first) * w;
    atFrac += stepFrac;
    if (atFrac >= TWO32) {
      atFrac -= TWO32;
      atInt++;
    }
    atInt += stepInt;
  }
}

/**
 * {@link polyIrrational} for order 1 (soxr_hq's poly stage for downward pitch shifts): two dot
 * products per output, four outputs per pass over the taps (eight independent sums for the CPU to
 * overlap, one loop overhead for four outputs; each sum still adds its terms in tap order, so the
 * results are those of the generic loop). The last pass repeats the last output where fewer than
 * four remain (the same value, written twice) instead of a remainder loop (see the note above).
 * `clock` comes from {@link fillPolyClock}.
 */
function polyIrrationalLinear(s: PolyStage, xp: Float64Array, y: Float64Array, clock: PolyClock): void {
  const table = polyCoefs(s);
  const m = s.n - s.first;
  const count = y.length; // ≥ 1
  const last = count - 1;
  const { start, coef, xf } = clock;
  for (let i = 0; i < count; i += 4) {
    const iB = Math.min(i + 1, last);
    const iC = Math.min(i + 2, last);
    const iD = Math.min(i + 3, last);
    const xA = start[i];
    const xB = start[iB];
    const xC = start[iC];
    const xD = start[iD];
    let a0 = 0;
    let a1 = 0;
    let b0 = 0;
    let b1 = 0;
    let c0 = 0;
    let c1 = 0;
    let d0 = 0;
    let d1 = 0;
    for (let k = 0, u = coef[i], v = coef[iB], w = coef[iC], q = coef[iD]; k < m; k++, u += 2, v += 2, w += 2, q += 2) {
      const va = xp[xA + k];
      const vb = xp[xB + k];
      const vc = xp[xC + k];
      const vd = xp[xD + k];
      a0 += table[u] * va;
      a1 += table[u + 1] * va;
      b0 += table[v] * vb;
      b1 += table[v + 1] * vb;
      c0 += table[w] * vc;
      c1 += table[w + 1] * vc;
      d0 += table[q] * vd;
      d1 += table[q + 1] * vd;
    }
    y[i] = a1 * xf[i] + a0;
    y[iB] = b1 * xf[iB] + b0;
    y[iC] = c1 * xf[iC] + c0;
    y[iD] = d1 * xf[iD] + d0;
  }
}

/**
 * {@link polyIrrational} for order 2 (soxr_hq's poly stage for upward pitch shifts): three dot
 * products per output, two outputs per pass over the taps (more would not fit the CPU's
 * registers); as {@link polyIrrationalLinear}, an odd last output is computed twice.
 */
function polyIrrationalQuadratic(s: PolyStage, xp: Float64Array, y: Float64Array, clock: PolyClock): void {
  const table = polyCoefs(s);
  const m = s.n - s.first;
  const count = y.length; // ≥ 1
  const last = count - 1;
  const { start, coef, xf } = clock;
  for (let i = 0; i < count; i += 2) {
    const iB = Math.min(i + 1, last);
    const xA = start[i];
    const xB = start[iB];
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let b0 = 0;
    let b1 = 0;
    let b2 = 0;
    for (let k = 0, u = coef[i], v = coef[iB]; k < m; k++, u += 3, v += 3) {
      const va = xp[xA + k];
      const vb = xp[xB + k];
      a0 += table[u] * va;
      a1 += table[u + 1] * va;
      a2 += table[u + 2] * va;
      b0 += table[v] * vb;
      b1 += table[v + 1] * vb;
      b2 += table[v + 2] * vb;
    }
    const xfA = xf[i];
    const xfB = xf[iB];
    y[i] = (a2 * xfA + a1) * xfA + a0;
    y[iB] = (b2 * xfB + b1) * xfB + b0;
  }
}

function runCubic(s: CubicStage, x: Float64Array, y: Float64Array): void {
  const nOut = y.length;
  const xp = padded(x, 1, inputNeeded(s, nOut) + 4);
  let atInt = 0;
  let atFrac = 0;
  for (let i = 0; i < nOut; i++) {
    const m = atInt + 1;
    const s0 = xp[m];
    const s1 = xp[m + 1];
    const sm1 = xp[m - 1];
    const s2 = xp[m + 2];
    const xf = atFrac / TWO32;
    const b = 0.5 * (s1 + sm1) - s0;
    const a = (1 / 6) * (s2 - s1 + sm1 - s0 - 4 * b);
    const c = s1 - s0 - a - b;
    y[i] = ((a * xf + b) * xf + c) * xf + s0;
    atFrac += s.stepFrac;
    if (atFrac >= TWO32) {
      atFrac -= TWO32;
      atInt += 1;
    }
    atInt += s.stepInt;
  }
  unpad(xp);
}

/** Runs stage `s` on x into y (its y.length outputs); `xPadded` as {@link runPoly}'s. */
function runStage(s: SoxrStage, x: Float64Array, y: Float64Array, xPadded: Float64Array | null): void {
  switch (s.kind) {
    case "half":
      return runHalf(s, x, y);
    case "dft":
      firStuffDecimate(x, s.g, s.center, s.L, s.M, y.length, y);
      return;
    case "poly":
      return runPoly(s, x, y, xPadded);
    case "cubic":
      return runCubic(s, x, y);
  }
}

/**
 * Runs soxr's stages on `y` and returns what soxr emits: `floor(n · targetSr/origSr + 0.5)` samples
 * (librosa then fixes the length). Exposed for tests and benchmarks; use {@link resample}.
 */
export function soxrResample(y: Float32Array | Float64Array, origSr: number, targetSr: number, resType: ResType = "soxr_hq"): Float32Array {
  const ioRatio = origSr / targetSr;
  const nFinal = Math.floor(y.length / ioRatio + 0.5);
  const { stages } = soxrPlan(ioRatio, resType);
  const counts = new Array<number>(stages.length + 1);
  counts[stages.length] = nFinal;
  for (let k = stages.length - 1; k >= 0; k--) counts[k] = inputNeeded(stages[k], counts[k + 1]);
  const input = borrow("resample.input", Float64Array, y.length);
  input.set(y);
  let x = input;
  let xPadded: Float64Array | null = null;
  for (let k = 0; k < stages.length; k++) {
    // A poly stage reads zeros around its input: the stage before it writes inside those margins
    // (no copy into a padded buffer).
    const reader = stages[k + 1];
    const pre = reader?.kind === "poly" ? reader.preload : 0;
    const post = reader?.kind === "poly" ? reader.n + 2 : 0;
    const buf = stageOutput(k, pre + counts[k + 1] + post);
    buf.fill(0, 0, pre);
    buf.fill(0, pre + counts[k + 1]);
    const next = buf.subarray(pre, pre + counts[k + 1]);
    runStage(stages[k], x, next, xPadded);
    if (k > 0) releaseStageOutput(k - 1, x);
    x = next;
    xPadded = reader?.kind === "poly" ? buf : null;
  }
  giveBack("resample.input", input);
  const out = new Float32Array(nFinal);
  out.set(x.length > nFinal ? x.subarray(0, nFinal) : x); // float64 → float32 (a builtin copy: no loop here for V8 to OSR)
  if (stages.length > 0) releaseStageOutput(stages.length - 1, x);
  return out;
}

/**
 * Resample a time series from `origSr` to `targetSr`, as `librosa.resample` (0.11) with its soxr
 * resamplers: band-limited, linear phase, zero delay; output length `ceil(n · targetSr / origSr)`
 * when `fix` (default). Ratios may be any positive reals (e.g. pitch shifting's
 * `sr / 2^(−steps/12)`). When `origSr === targetSr`, `y` itself is returned, as librosa does.
 *
 * @param y mono audio [n], finite, non-empty
 * @param options `origSr` and `targetSr` (Hz, > 0), then resType, fix, scale
 * @returns resampled audio [ceil(n · targetSr / origSr)] (with `fix`), float32
 * @example
 * const y22 = resample(y48, { origSr: 48000, targetSr: 22050 });              // soxr_hq, as librosa.resample
 * const half = resample(y, { origSr: 22050, targetSr: 11025, scale: true });  // as librosa's CQT octave step
 */
export function resample(y: Float32Array, options: ResampleOptions): Float32Array {
  validAudio(y);
  assertPlainObject("resample options", options);
  const { origSr, targetSr, ...settings } = options;
  return resampleValidated(y, origSr, targetSr, settings);
}

/**
 * {@link resample} for audio the caller has already validated or produced itself (finite,
 * non-empty: e.g. pitchShift's time-stretched signal), skipping the scan of every sample; checks
 * the other arguments.
 * @returns resampled audio [ceil(n · targetSr / origSr)] (with `fix`), float32
 */
export function resampleValidated(y: Float32Array, origSr: number, targetSr: number, options: ResampleSettings = {}): Float32Array {
  const { resType = "soxr_hq", fix = true, scale = false } = options;
  assertPositive("origSr", origSr);
  assertPositive("targetSr", targetSr);
  assertOneOf("resType", resType, RES_TYPES);
  if (origSr === targetSr) return y;
  const ratio = targetSr / origSr;
  const nSamples = Math.ceil(y.length * ratio);
  if (!Number.isSafeInteger(nSamples) || nSamples > 2 ** 31) {
    throw new ParameterError(`targetSr/origSr=${ratio} would make ${nSamples} samples from ${y.length}`);
  }
  let yHat = soxrResample(y, origSr, targetSr, resType);
  if (fix) yHat = fixLength(yHat, { size: nSamples });
  if (scale) {
    const d = Math.sqrt(ratio);
    for (let i = 0; i < yHat.length; i++) yHat[i] = yHat[i] / d;
  }
  return yHat;
}
