/**
 * The two clip representations the model uses, built from the seven librosa features of one clip:
 *
 * - **sequence**: frames × features — every feature's value at each frame, stacked in the order
 *   mfcc, chroma, mel, contrast, tonnetz, zcr, rms — for a fixed clip length;
 * - **summary**: one vector per clip — each column's mean over frames (the seed project's
 *   `np.mean(feature.T, axis=0)`: mfcc 40 + chroma 12 + mel 128 + contrast 7 + tonnetz 6 = 193,
 *   plus zcr and rms = 195), optionally followed by each column's standard deviation.
 *
 * This file is the pipeline; the config schema is in `feature-config.ts`, the column names in
 * `feature-columns.ts`, the summary statistics in `summary-stats.ts` (all re-exported here).
 *
 * Every column has a name ({@link featureColumns}). One STFT is shared ({@link spectra}): its
 * magnitude feeds spectral contrast, its power the mel spectrogram (whose dB values give both the
 * mel columns and, through {@link mfcc}, the MFCCs) and chroma, and the complex STFT itself the
 * HPSS of the harmonic part; tonnetz runs chroma_cqt (its own CQT) on that harmonic part, as the
 * seed project's `tonnetz(y=librosa.effects.harmonic(y))`; zcr and rms work on the samples.
 *
 * No Node-only dependency (browser-safe): the config hash is in `config-hash.ts`, loading a file in
 * `load-clip.ts`.
 */
import { ParameterError } from "../util/errors";
import type { Matrix } from "../util/matrix";
import { validAudio } from "../util/validate";
import { fixLength } from "../dsp/fix-length";
import { mel, applyMel } from "../dsp/mel";
import { powerToDb } from "../dsp/db";
import { harmonicOf } from "../dsp/hpss";
import { istftInto, stftFrames } from "../dsp/stft";
import { spectraInto, type Spectra, type SpectraPlanes } from "../dsp/spectra";
import { borrow, giveBack } from "../dsp/scratch";
import { mfcc } from "./mfcc";
import { chromaStft } from "./chroma-stft";
import { spectralContrast } from "./spectral-contrast";
import { zeroCrossingRate } from "./zero-crossing-rate";
import { rms } from "./rms";
import { tonnetz } from "./tonnetz";
import { delta } from "./delta";
import { featureConfig, type FeatureConfig, type FeatureName } from "./feature-config";
import { clipFrames, featureColumns } from "./feature-columns";
import { summarize } from "./summary-stats";

export * from "./feature-config";
export * from "./feature-columns";
export * from "./summary-stats";

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
function stackedFeatures(
  y: Float32Array,
  c: FeatureConfig,
  nSpec: number,
  take: (key: string, n: number) => Float32Array,
  timings: FeatureTimings | undefined,
  clock: () => number,
): Matrix {
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
    // librosa.feature.mfcc(S=power_to_db(mel)): the one MFCC path, on the shared dB mel spectrogram
    byName.mfcc = mfcc(melDbOf(), { nMfcc: c.nMfcc });
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
