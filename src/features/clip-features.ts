/**
 * The two clip representations the model uses, built from the seven librosa features of one clip:
 *
 * - **sequence**: frames × features — every feature's value at each frame, stacked in the order
 *   mfcc, chroma, mel, contrast, tonnetz, zcr, rms — for a fixed clip length;
 * - **summary**: one vector per clip — each column's mean over frames (the seed project's
 *   `np.mean(feature.T, axis=0)`: mfcc 40 + chroma 12 + mel 128 + contrast 7 + tonnetz 6 = 193,
 *   plus zcr and rms = 195), optionally followed by each column's standard deviation.
 *
 * Every column has a name ({@link featureColumns}). One STFT is shared ({@link spectra}): its
 * magnitude feeds spectral contrast, its power the mel spectrogram (whose dB values give both the
 * mel columns and the MFCCs) and chroma, and the complex STFT itself the HPSS of the harmonic part;
 * tonnetz runs chroma_cqt (its own CQT) on that harmonic part, as the seed project's
 * `tonnetz(y=librosa.effects.harmonic(y))`; zcr and rms work on the samples.
 *
 * No Node-only dependency (browser-safe): the config hash is in `config-hash.ts`, loading a file in
 * `load-clip.ts`.
 */
import { ParameterError } from "../util/errors";
import type { Matrix } from "../util/matrix";
import { assertOneOf, assertPositive, assertPositiveInt, repr, validAudio } from "../util/validate";
import { fixLength } from "../dsp/fix-length";
import { mel, applyMel } from "../dsp/mel";
import { powerToDb } from "../dsp/db";
import { dct } from "../dsp/dct";
import { harmonicOf } from "../dsp/hpss";
import { istftInto, stftFrames } from "../dsp/stft";
import { spectraInto, type Spectra, type SpectraPlanes } from "../dsp/spectra";
import { borrow, giveBack } from "../dsp/scratch";
import { chromaStft } from "./chroma-stft";
import { spectralContrast } from "./spectral-contrast";
import { zeroCrossingRate } from "./zero-crossing-rate";
import { rms } from "./rms";
import { tonnetz } from "./tonnetz";
import { delta } from "./delta";

/** The seven features, in column order. */
export const FEATURE_NAMES = ["mfcc", "chroma", "mel", "contrast", "tonnetz", "zcr", "rms"] as const;
/** One of {@link FEATURE_NAMES}. */
export type FeatureName = (typeof FEATURE_NAMES)[number];
/** Summary statistics over frames. */
export type SummaryStat = "mean" | "std";

/**
 * Everything that determines a clip's features (JSON-serialisable; {@link featureConfigHash} gives
 * it a stable hash for caches, in `config-hash.ts`).
 */
export interface FeatureConfig {
  /** Sample rate the clip is loaded at, Hz. Default 22050 (librosa.load's). */
  sr: number;
  /** Seconds skipped at the start when loading a file (RAVDESS clips open with ~0.5 s of silence). Default 0.5. */
  offset: number;
  /**
   * Clip length in seconds: after loading (from `offset`), the audio is trimmed or zero-padded at
   * the end to exactly round(duration · sr) samples (librosa.util.fix_length). null keeps each
   * clip's own length (summary only: a sequence needs one frame count). Default 3.
   */
  duration: number | null;
  /** FFT length of the shared STFT, integer ≥ 1. Default 2048. */
  nFft: number;
  /** Hop between frames, samples (STFT, zcr and rms frames, chroma_cqt). Default 512. */
  hopLength: number;
  /** MFCCs kept. Default 40 (the seed project's). */
  nMfcc: number;
  /** Mel bands. Default 128. */
  nMels: number;
  /** Which features, any subset of {@link FEATURE_NAMES}; columns always follow that order. Default all seven. */
  features: FeatureName[];
  /** Mel columns as power_to_db(mel) in dB (true) or raw power as the seed project's mean of melspectrogram (false). Default true. */
  melDb: boolean;
  /** Exponent of the spectrogram chroma_stft sees: 2 (librosa's default, power) or 1 (the seed project's `chroma_stft(S=np.abs(stft))`). Default 2. */
  chromaPower: 1 | 2;
  /** Tonnetz of the harmonic part (`tonnetz(y=librosa.effects.harmonic(y))`, the seed's) or of y itself. Default true. */
  tonnetzOnHarmonic: boolean;
  /** "summary" (one vector per clip) or "sequence" (frames × features). Default "summary". */
  representation: "summary" | "sequence";
  /** Statistics of a summary, in order. Default ["mean"]. */
  stats: SummaryStat[];
  /**
   * MFCC derivatives appended after the MFCC columns (librosa.feature.delta, width 9): 0 none,
   * 1 delta, 2 delta and delta-delta. Needs "mfcc" among the features when > 0. Default 0.
   */
  deltas: 0 | 1 | 2;
}

/** Version of the feature code: part of every config hash, bumped when outputs change. */
export const FEATURES_VERSION = 1;

/** The default configuration (see each field of {@link FeatureConfig}). */
export const DEFAULT_FEATURE_CONFIG: Readonly<FeatureConfig> = Object.freeze<FeatureConfig>({
  sr: 22050,
  offset: 0.5,
  duration: 3,
  nFft: 2048,
  hopLength: 512,
  nMfcc: 40,
  nMels: 128,
  features: [...FEATURE_NAMES],
  melDb: true,
  chromaPower: 2,
  tonnetzOnHarmonic: true,
  representation: "summary",
  stats: ["mean"],
  deltas: 0,
});

/**
 * A complete, checked FeatureConfig: defaults filled in, unknown fields rejected, features put in
 * column order.
 * @example const cfg = featureConfig({ representation: "sequence", nMfcc: 20 });
 */
export function featureConfig(partial: Partial<FeatureConfig> = {}): FeatureConfig {
  for (const k of Object.keys(partial)) {
    if (!(k in DEFAULT_FEATURE_CONFIG)) throw new ParameterError(`unknown FeatureConfig field ${repr(k)}; known: ${Object.keys(DEFAULT_FEATURE_CONFIG).join(", ")}`);
  }
  // fields given as undefined take their defaults
  const given = Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined));
  const c: FeatureConfig = { ...DEFAULT_FEATURE_CONFIG, ...given } as FeatureConfig;
  assertPositive("sr", c.sr);
  if (!(typeof c.offset === "number" && Number.isFinite(c.offset) && c.offset >= 0)) throw new ParameterError(`offset=${repr(c.offset)} must be a finite number ≥ 0 (seconds)`);
  if (c.duration !== null) assertPositive("duration", c.duration);
  assertPositiveInt("nFft", c.nFft);
  assertPositiveInt("hopLength", c.hopLength);
  assertPositiveInt("nMfcc", c.nMfcc);
  assertPositiveInt("nMels", c.nMels);
  if (c.nMfcc > c.nMels) throw new ParameterError(`nMfcc=${c.nMfcc} must be ≤ nMels=${c.nMels}`);
  if (!Array.isArray(c.features) || c.features.length === 0) throw new ParameterError(`features=${JSON.stringify(c.features)} must list at least one of ${FEATURE_NAMES.join(", ")}`);
  for (const f of c.features) assertOneOf("features[]", f, FEATURE_NAMES);
  c.features = FEATURE_NAMES.filter((f) => c.features.includes(f));
  assertOneOf("melDb", c.melDb, [true, false]);
  assertOneOf("chromaPower", c.chromaPower, [1, 2] as const);
  assertOneOf("tonnetzOnHarmonic", c.tonnetzOnHarmonic, [true, false]);
  assertOneOf("representation", c.representation, ["summary", "sequence"] as const);
  if (!Array.isArray(c.stats) || c.stats.length === 0) throw new ParameterError(`stats=${JSON.stringify(c.stats)} must list "mean" and/or "std"`);
  for (const s of c.stats) assertOneOf("stats[]", s, ["mean", "std"] as const);
  assertOneOf("deltas", c.deltas, [0, 1, 2] as const);
  if (c.deltas > 0 && !c.features.includes("mfcc")) throw new ParameterError(`deltas=${c.deltas} needs "mfcc" among the features (the deltas are of the MFCCs)`);
  if (c.representation === "sequence" && c.duration === null) throw new ParameterError("duration=null is only allowed for the summary representation: a sequence needs a fixed clip length");
  return { ...c, features: [...c.features], stats: [...c.stats] };
}

const CHROMA_NAMES = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];

function numbered(prefix: string, n: number, width: number): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}_${String(i + 1).padStart(width, "0")}`);
}

/** Names of one feature's rows: mfcc_01.., chroma_C..chroma_B, mel_001.., contrast_1..7, tonnetz_1..6, zcr, rms. * @example featureRowNames("chroma", cfg)  // ["chroma_C", "chroma_C#", …, "chroma_B"]
 */
export function featureRowNames(feature: FeatureName, config: Pick<FeatureConfig, "nMfcc" | "nMels">): string[] {
  switch (feature) {
    case "mfcc":
      return numbered("mfcc", config.nMfcc, Math.max(2, String(config.nMfcc).length));
    case "chroma":
      return CHROMA_NAMES.map((c) => `chroma_${c}`);
    case "mel":
      return numbered("mel", config.nMels, Math.max(3, String(config.nMels).length));
    case "contrast":
      return numbered("contrast", 7, 1);
    case "tonnetz":
      return numbered("tonnetz", 6, 1);
    case "zcr":
      return ["zcr"];
    case "rms":
      return ["rms"];
  }
}

/**
 * The column names of a clip's representation: per-frame names for a sequence; for a summary the
 * same names for the means, then `<name>_std` for the standard deviations when requested.
 * @example featureColumns(featureConfig()).length  // 195
 */
export function featureColumns(config: FeatureConfig): string[] {
  const c = featureConfig(config);
  const frame = c.features.flatMap((f) => {
    const names = featureRowNames(f, c);
    if (f !== "mfcc" || c.deltas === 0) return names;
    return [...names, ...names.map((n) => n.replace("mfcc_", "mfcc_d1_")), ...(c.deltas === 2 ? names.map((n) => n.replace("mfcc_", "mfcc_d2_")) : [])];
  });
  if (c.representation === "sequence") return frame;
  return c.stats.flatMap((s) => (s === "mean" ? frame : frame.map((n) => `${n}_std`)));
}

/** Number of frames of a clip of n samples: 1 + ⌊n / hopLength⌋ (centred frames). * @example clipFrames(66150, { hopLength: 512 })  // 130
 */
export function clipFrames(n: number, config: Pick<FeatureConfig, "hopLength">): number {
  return 1 + Math.floor(n / config.hopLength);
}

/**
 * Prepares loaded audio for {@link frameFeatures}: trimmed or zero-padded at the end to
 * round(duration · sr) samples (librosa.util.fix_length); unchanged when duration is null.
 * (The `offset` is applied when loading, by {@link loadClip}.)
 * @example prepareClip(y, featureConfig({ duration: 3 })).length  // 66150 at 22050 Hz
 */
export function prepareClip(y: Float32Array, config: FeatureConfig): Float32Array {
  return config.duration === null ? y : fixLength(y, { size: Math.round(config.duration * config.sr) });
}

/** librosa.effects.harmonic(y) from y's shared spectra: istft(hpss(D).harmonic) into `out`, the harmonic STFT in scratch memory. */
function harmonicAudio(S: Spectra, options: { nFft: number; hopLength: number; length: number }, out: Float32Array): Float32Array {
  const n = S.magnitude.data.length;
  const re = borrow("features.harmonic.re", Float32Array, n);
  const im = borrow("features.harmonic.im", Float32Array, n);
  try {
    return istftInto(harmonicOf(S.complex!, S.magnitude.data, {}, { re, im }), options, out);
  } finally {
    giveBack("features.harmonic.re", re);
    giveBack("features.harmonic.im", im);
  }
}

/** Time spent per feature by {@link frameFeatures} (ms), when asked for. */
export type FeatureTimings = Partial<Record<FeatureName | "stft", number>>;

/**
 * The per-frame features of one clip, stacked: Matrix [frames, columns] (row t = frame t), in
 * the order of {@link featureColumns} for a sequence. `y` is used as given (see {@link prepareClip}).
 * @param y mono audio at config.sr [n]
 * @param timings if given, receives the milliseconds spent per feature (by `clock`, default wall time)
 * @returns Matrix [1 + ⌊n / hopLength⌋, nColumns]
 * @example const F = frameFeatures(prepareClip(y, cfg), cfg);  // 130 × 195 for 3 s at 22050 Hz
 */
export function frameFeatures(y: Float32Array, config: FeatureConfig, timings?: FeatureTimings, clock: () => number = () => performance.now()): Matrix {
  validAudio(y);
  const c = featureConfig(config);
  // The clip's intermediate planes (spectrograms, complex STFT, harmonic audio: ~2.5 MB for 3 s)
  // come from the scratch pool and go back when the features are stacked: reusing them from clip
  // to clip keeps V8's external-memory-driven mark-compact collections rare.
  const nSpec = (Math.floor(c.nFft / 2) + 1) * stftFrames(y.length, { nFft: c.nFft, hopLength: c.hopLength });
  const borrowed = new Map<string, Float32Array>();
  const take = (key: string, n: number): Float32Array => {
    const a = borrow(key, Float32Array, n);
    borrowed.set(key, a);
    return a;
  };
  try {
    return stackedFeatures(y, c, nSpec, take, timings, clock);
  } finally {
    for (const [key, a] of borrowed) giveBack(key, a);
  }
}

/** {@link frameFeatures} of a checked config, taking its intermediate planes from `take`. */
function stackedFeatures(y: Float32Array, c: FeatureConfig, nSpec: number, take: (key: string, n: number) => Float32Array, timings: FeatureTimings | undefined, clock: () => number): Matrix {
  const { sr, nFft, hopLength } = c;
  const want = new Set(c.features);
  const now = timings ? clock : () => 0;
  const tick = (key: FeatureName | "stft", t0: number) => {
    if (timings) timings[key] = (timings[key] ?? 0) + (clock() - t0);
  };
  const blocks: Matrix[] = [];
  let t0 = now();
  const harmonicTonnetz = want.has("tonnetz") && c.tonnetzOnHarmonic;
  const needSpec = want.has("mfcc") || want.has("mel") || want.has("chroma") || want.has("contrast") || harmonicTonnetz;
  // the complex STFT is kept when the harmonic part is needed: HPSS starts from the same STFT
  const planes: SpectraPlanes | undefined = needSpec
    ? {
        magnitude: take("features.magnitude", nSpec),
        power: take("features.power", nSpec),
        re: harmonicTonnetz ? take("features.stft.re", nSpec) : undefined,
        im: harmonicTonnetz ? take("features.stft.im", nSpec) : undefined,
      }
    : undefined;
  const S = needSpec ? spectraInto(y, { nFft, hopLength, complex: harmonicTonnetz }, planes) : null;
  tick("stft", t0);
  let melPower: Matrix | null = null;
  let melDbM: Matrix | null = null;
  const melOf = () => (melPower ??= applyMel(mel({ sr, nFft, nMels: c.nMels }), S!.power));
  const melDbOf = () => (melDbM ??= powerToDb(melOf()));
  const byName: Partial<Record<FeatureName, Matrix>> = {};
  if (want.has("mfcc")) {
    t0 = now();
    byName.mfcc = dct(melDbOf(), { nOut: c.nMfcc });
    tick("mfcc", t0);
  }
  if (want.has("chroma")) {
    t0 = now();
    byName.chroma = chromaStft(c.chromaPower === 2 ? S!.power : S!.magnitude, { sr, nFft });
    tick("chroma", t0);
  }
  if (want.has("mel")) {
    t0 = now();
    byName.mel = c.melDb ? melDbOf() : melOf();
    tick("mel", t0);
  }
  if (want.has("contrast")) {
    t0 = now();
    byName.contrast = spectralContrast(S!.magnitude, { sr });
    tick("contrast", t0);
  }
  if (want.has("tonnetz")) {
    t0 = now();
    // librosa.effects.harmonic(y) = istft(hpss(stft(y))[0], length=len(y)), here on the shared STFT
    const yt = c.tonnetzOnHarmonic ? harmonicAudio(S!, { nFft, hopLength, length: y.length }, take("features.harmonic.y", y.length)) : y;
    byName.tonnetz = tonnetz(yt, { sr, hopLength });
    tick("tonnetz", t0);
  }
  if (want.has("zcr")) {
    t0 = now();
    byName.zcr = zeroCrossingRate(y, { frameLength: nFft, hopLength });
    tick("zcr", t0);
  }
  if (want.has("rms")) {
    t0 = now();
    byName.rms = rms(y, { frameLength: nFft, hopLength });
    tick("rms", t0);
  }
  for (const f of c.features) {
    blocks.push(byName[f]!);
    if (f === "mfcc") for (let order = 1; order <= c.deltas; order++) blocks.push(delta(byName.mfcc!, { order }));
  }
  const T = clipFrames(y.length, c);
  for (const [i, b] of blocks.entries()) {
    if (b.cols !== T) throw new ParameterError(`feature block ${i} has ${b.cols} frames, expected ${T} (1 + ⌊${y.length} / ${hopLength}⌋)`);
  }
  // transpose-stack: out[t, col] with the features' rows side by side
  const D = blocks.reduce((s, b) => s + b.rows, 0);
  const out = new Float32Array(T * D);
  let col = 0;
  for (const b of blocks) {
    for (let r = 0; r < b.rows; r++, col++) {
      const src = r * T;
      for (let t = 0; t < T; t++) out[t * D + col] = b.data[src + t];
    }
  }
  return { data: out, rows: T, cols: D };
}

/**
 * Column statistics of per-frame features: means over frames (float64 accumulation), then
 * population standard deviations (numpy's default ddof=0) if requested.
 * @param frames Matrix [t, d]
 * @returns Float32Array [d · stats.length]
 * @example summarize(frameFeatures(y, cfg), ["mean", "std"])  // 390 values
 */
export function summarize(frames: Matrix, stats: readonly SummaryStat[] = ["mean"]): Float32Array {
  const { rows: T, cols: D, data } = frames;
  if (T === 0) throw new ParameterError("cannot summarise a clip with 0 frames");
  const mean = new Float64Array(D);
  for (let t = 0; t < T; t++) for (let d = 0; d < D; d++) mean[d] += data[t * D + d];
  for (let d = 0; d < D; d++) mean[d] /= T;
  const out = new Float32Array(D * stats.length);
  stats.forEach((s, i) => {
    if (s === "mean") out.set(mean, i * D);
    else {
      const v = new Float64Array(D);
      for (let t = 0; t < T; t++) {
        for (let d = 0; d < D; d++) {
          const e = data[t * D + d] - mean[d];
          v[d] += e * e;
        }
      }
      for (let d = 0; d < D; d++) out[i * D + d] = Math.sqrt(v[d] / T);
    }
  });
  return out;
}

/** One clip's representation: a Matrix (sequence: [frames, columns]; summary: [1, columns]) plus the column names. */
export interface ClipFeatures extends Matrix {
  readonly columns: string[];
}

/**
 * A clip's representation as the config says (sequence or summary), with column names.
 * @param y mono audio at config.sr; its length is fixed to `duration` first ({@link prepareClip})
 * @returns ClipFeatures: sequence [1 + ⌊n / hopLength⌋, d] or summary [1, d · stats]
 * @example
 * const cfg = featureConfig();                 // summary, 195 columns
 * const v = clipFeatures(loadClip(path, cfg), cfg);
 */
export function clipFeatures(y: Float32Array, config: FeatureConfig, timings?: FeatureTimings): ClipFeatures {
  const c = featureConfig(config);
  const frames = frameFeatures(prepareClip(y, c), c, timings);
  const columns = featureColumns(c);
  if (c.representation === "sequence") return { ...frames, columns };
  const v = summarize(frames, c.stats);
  return { data: v, rows: 1, cols: v.length, columns };
}
