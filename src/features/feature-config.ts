/**
 * The schema of a clip's features: {@link FeatureConfig} (everything that determines them, JSON),
 * its defaults and its checking ({@link featureConfig}). Browser-safe; its hash for caches is in
 * `config-hash.ts`.
 */
import { ParameterError } from "../util/errors";
import { assertOneOf, assertPositive, assertPositiveInt, repr } from "../util/validate";

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
    if (!(k in DEFAULT_FEATURE_CONFIG))
      throw new ParameterError(`unknown FeatureConfig field ${repr(k)}; known: ${Object.keys(DEFAULT_FEATURE_CONFIG).join(", ")}`);
  }
  // fields given as undefined take their defaults
  const given = Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined));
  const c: FeatureConfig = { ...DEFAULT_FEATURE_CONFIG, ...given } as FeatureConfig;
  assertPositive("sr", c.sr);
  if (!(typeof c.offset === "number" && Number.isFinite(c.offset) && c.offset >= 0))
    throw new ParameterError(`offset=${repr(c.offset)} must be a finite number ≥ 0 (seconds)`);
  if (c.duration !== null) assertPositive("duration", c.duration);
  assertPositiveInt("nFft", c.nFft);
  assertPositiveInt("hopLength", c.hopLength);
  assertPositiveInt("nMfcc", c.nMfcc);
  assertPositiveInt("nMels", c.nMels);
  if (c.nMfcc > c.nMels) throw new ParameterError(`nMfcc=${c.nMfcc} must be ≤ nMels=${c.nMels}`);
  if (!Array.isArray(c.features) || c.features.length === 0)
    throw new ParameterError(`features=${JSON.stringify(c.features)} must list at least one of ${FEATURE_NAMES.join(", ")}`);
  for (const f of c.features) assertOneOf("features[]", f, FEATURE_NAMES);
  c.features = FEATURE_NAMES.filter((f) => c.features.includes(f));
  assertOneOf("melDb", c.melDb, [true, false]);
  assertOneOf("chromaPower", c.chromaPower, [1, 2] as const);
  assertOneOf("tonnetzOnHarmonic", c.tonnetzOnHarmonic, [true, false]);
  assertOneOf("representation", c.representation, ["summary", "sequence"] as const);
  if (!Array.isArray(c.stats) || c.stats.length === 0) throw new ParameterError(`stats=${JSON.stringify(c.stats)} must list "mean" and/or "std"`);
  for (const s of c.stats) assertOneOf("stats[]", s, ["mean", "std"] as const);
  assertOneOf("deltas", c.deltas, [0, 1, 2] as const);
  if (c.deltas > 0 && !c.features.includes("mfcc"))
    throw new ParameterError(`deltas=${c.deltas} needs "mfcc" among the features (the deltas are of the MFCCs)`);
  if (c.representation === "sequence" && c.duration === null)
    throw new ParameterError("duration=null is only allowed for the summary representation: a sequence needs a fixed clip length");
  return { ...c, features: [...c.features], stats: [...c.stats] };
}
