/**
 * Predicting emotions of audio files with a saved model bundle: each file is loaded and turned
 * into features exactly as the bundle's training data was (its feature config), then scored.
 * A file that cannot be used is reported with its path; the others still run.
 */
import fs from "node:fs";
import path from "node:path";
import { FileError, ParameterError, SerError } from "../util/errors";
import { fileErrorFrom } from "../util/fs-errors";
import { assertAllFinite, NonFiniteError, peakAbs } from "../util/finite";
import { MAX_AUDIO_BYTES, readFileBounded } from "../util/read-file";
import { loadBytes } from "../audio/load";
import { wavInfo } from "../audio/wav";
import { prepareClip, clipFeatures, featureConfig, type FeatureConfig } from "../features/clip-features";
import { scoredPartNote } from "./scored-part";
import { loadClip } from "../features/load-clip";
import { predictProba, type ModelBundle } from "../model/bundle";
import { speakerNormalize } from "../model/speaker-normalize";
import { isRavdessName, parseRavdessName } from "../data/ravdess";

/** One file's prediction, or why there is none. */
export type FilePrediction =
  | {
      path: string;
      emotion: string;
      confidence: number;
      probabilities: Record<string, number>;
      ms: number;
      note?: string;
      scored?: ScoredPart;
      normalization?: ClipNormalization;
    }
  | { path: string; error: string };

/** Which part of a recording a prediction used (s): the model's window, from `start` to `end` of `duration`. */
export interface ScoredPart {
  start: number;
  end: number;
  duration: number;
}

/** File extensions a folder search picks up (a file named on the command line is read whatever its name). */
export const AUDIO_EXTENSIONS: readonly string[] = Object.freeze([
  ".wav",
  ".mp3",
  ".flac",
  ".ogg",
  ".oga",
  ".opus",
  ".webm",
  ".weba",
  ".mka",
  ".m4a",
  ".mp4",
  ".aac",
]);

/** Audio files found for command-line arguments, and the arguments or folders that gave none. */
export interface FoundAudio {
  /** Files to score, in argument order (folders and patterns sorted), deduplicated. */
  files: string[];
  /** Why an argument or a folder under it gave no files (it is reported; the others still run). */
  problems: { path: string; error: string }[];
}

/**
 * How a clip was normalised before the network: "global" (training statistics only), "speaker"
 * (its speaker's clips among the inputs), "calibration" (the calibration clips' statistics),
 * "single-clip" (its own statistics: a speaker-normalised model scoring a speaker with too few clips).
 */
export type ClipNormalization = "global" | "speaker" | "calibration" | "single-clip";

/**
 * Finds the audio files of command-line arguments: files as given, folders searched recursively
 * for audio files (by extension: {@link AUDIO_EXTENSIONS}), and `*` / `**` / `?` / `[...]` patterns matched against the file system. A pattern
 * that matches nothing, a folder without audio files and a subfolder that cannot be read are
 * problems, named by path; they never stop the other files. A path that does not exist stays in
 * `files` (its prediction reports the problem).
 * @example const { files, problems } = findAudioFiles(["clips/", "extra/*.wav"]);
 */
export function findAudioFiles(args: readonly string[]): FoundAudio {
  const out = new Set<string>();
  const problems: FoundAudio["problems"] = [];
  for (const a of args) {
    if (/[*?[]/.test(a)) {
      const matches = globFiles(a, problems);
      if (matches.length === 0) problems.push({ path: a, error: `${a}: no file matches this pattern` });
      for (const m of matches) out.add(m);
    } else if (isDir(a)) {
      const before = out.size;
      walkWavs(a, (p) => out.add(p), problems);
      if (out.size === before && !problems.some((p) => p.path === a))
        problems.push({ path: a, error: `${a}: no audio files (.wav, .mp3, .flac, .ogg, .webm, .m4a, …) in this folder` });
    } else out.add(a);
  }
  return { files: [...out], problems };
}

/**
 * {@link findAudioFiles}'s files, followed by the paths of its problems (whose predictions then
 * report them). Sorted within folders and patterns, deduplicated.
 */
export function expandAudioPaths(args: readonly string[]): string[] {
  const { files, problems } = findAudioFiles(args);
  return [...files, ...problems.map((p) => p.path)];
}

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Lists a folder, or records why it cannot be listed. */
function listDir(dir: string, problems: FoundAudio["problems"]): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    const e = fileErrorFrom(err, dir, "cannot search this folder");
    problems.push({ path: dir, error: e.message });
    return [];
  }
}

function walkWavs(dir: string, add: (p: string) => void, problems: FoundAudio["problems"]): void {
  for (const e of listDir(dir, problems).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walkWavs(p, add, problems);
    else if (AUDIO_EXTENSIONS.includes(path.extname(e.name).toLowerCase())) add(p);
  }
}

function globToRegExp(pattern: string): RegExp {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "*" && pattern[i + 1] === "*") {
      re += ".*";
      i++;
      if (pattern[i + 1] === "/") i++;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "[" && pattern.indexOf("]", i + 2) > 0) {
      const end = pattern.indexOf("]", i + 2);
      const body = pattern.slice(i + 1, end);
      re += `[${body.startsWith("!") ? "^" + body.slice(1) : body}]`;
      i = end;
    } else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

/**
 * Files matching a glob pattern with `*`, `**`, `?` and `[...]` (relative patterns from the working
 * folder). Folders that cannot be read are skipped, and recorded in `problems` when given.
 */
export function globFiles(pattern: string, problems: FoundAudio["problems"] = []): string[] {
  const abs = path.resolve(pattern);
  const firstWild = abs.search(/[*?[]/);
  const base = abs.slice(0, abs.lastIndexOf("/", firstWild) + 1) || "/";
  if (!fs.existsSync(base)) return [];
  const re = globToRegExp(abs);
  const out: string[] = [];
  // Only folders deep enough to hold a match are worth reporting when they cannot be read.
  const depth = abs.includes("**") ? Infinity : abs.split("/").length - 1;
  const walk = (dir: string) => {
    for (const e of listDir(dir, dir.split("/").length < depth ? problems : [])) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (re.test(p)) out.push(p);
    }
  };
  walk(base);
  const rel = !path.isAbsolute(pattern);
  return out.sort().map((p) => (rel ? path.relative(process.cwd(), p) : p));
}

/** How files are grouped into speakers for a speaker-normalised model. */
export type SpeakerGrouping = "auto" | "folder" | "one";

/** The speaker of a file: its RAVDESS actor when the name parses ("auto"), else its folder; or one speaker for all. */
export function speakerOf(file: string, grouping: SpeakerGrouping = "auto"): string {
  if (grouping === "one") return "all";
  if (grouping === "auto" && isRavdessName(path.basename(file))) return `actor ${parseRavdessName(file).actor}`;
  return path.dirname(path.resolve(file));
}

/** Options of {@link predictFiles}. */
export interface PredictFilesOptions {
  /** Speaker grouping for speaker-normalised models. Default "auto". */
  speakers?: SpeakerGrouping;
  /** Fewest clips per speaker for speaker normalisation; a speaker with fewer is scored clip by clip ("single-clip"). Default 8. */
  minSpeakerClips?: number;
  /**
   * Unlabelled clips of the speaker(s) of `files` (e.g. a few recordings of the same voice): a
   * speaker-normalised model then standardises every file with these clips' statistics.
   */
  calibration?: readonly string[];
}

/**
 * A bundle's feature config, checked: how audio must be turned into this model's inputs.
 * @throws FileError naming the bundle's bundle.json when featureConfig is missing, null or invalid
 */
export function bundleFeatureConfig(bundle: ModelBundle): FeatureConfig {
  const where = bundle.dir ? path.join(bundle.dir, "bundle.json") : "the model bundle";
  const given = bundle.featureConfig;
  if (given === null || given === undefined || typeof given !== "object" || Array.isArray(given)) {
    throw new FileError(
      where,
      `featureConfig is ${given === undefined ? "missing" : JSON.stringify(given)}: the bundle does not say how audio becomes model inputs, so it cannot score audio files`,
    );
  }
  try {
    return featureConfig(given as Partial<FeatureConfig>);
  } catch (err) {
    throw new FileError(where, `featureConfig: ${(err as Error).message}`);
  }
}

/** A clip's features, which must be finite; when they are not, the message says how loud the audio was. */
function finiteFeatures(file: string, y: Float32Array, cfg: FeatureConfig): ReturnType<typeof clipFeatures> {
  try {
    const f = clipFeatures(y, cfg);
    assertAllFinite("its features", f.data);
    return f;
  } catch (err) {
    if (!(err instanceof NonFiniteError || (err instanceof ParameterError && /finite/.test(err.message)))) throw err;
    throw new FileError(
      file,
      `${err.message.replace(/^Input must be finite/, "its features are not finite")} (the audio peaks at |y| = ${peakAbs(y).toPrecision(3)}; audio is expected within [-1, 1])`,
    );
  }
}

/** The normalisation a bundle was trained with ("global" for bundles that do not say). */
export function bundleNormalization(bundle: ModelBundle): "global" | "speaker" | "utterance" {
  const n = (bundle.trainingConfig as { normalization?: string } | undefined)?.normalization;
  return n === "speaker" || n === "utterance" ? n : "global";
}

/** Concatenates equal-length clips into one flat array. */
function stack(clips: readonly Float32Array[]): Float32Array {
  const x = new Float32Array(clips.reduce((s, c) => s + c.length, 0));
  let o = 0;
  for (const c of clips) {
    x.set(c, o);
    o += c.length;
  }
  return x;
}

/**
 * Predicts the emotion of each file with `bundle`. Files are featurised one at a time, so `ms` is
 * the per-clip latency from the WAV path to probabilities. A speaker-normalised bundle standardises
 * the files with the statistics of `calibration` clips when given; otherwise it groups the files by
 * speaker (see {@link speakerOf}) and standardises each group with its own statistics, and a group
 * with fewer than `minSpeakerClips` clips is scored clip by clip, each with its own statistics
 * ("single-clip", the case the protocols report as single-clip accuracy). An utterance-normalised
 * bundle standardises every clip with its own statistics.
 * @example for (const p of predictFiles(bundle, ["a.wav"])) if ("emotion" in p) console.log(p.path, p.emotion);
 */
export function predictFiles(bundle: ModelBundle, files: readonly string[], options: PredictFilesOptions = {}): FilePrediction[] {
  const cfg: FeatureConfig = bundleFeatureConfig(bundle);
  // 1. features, one file at a time
  const feats = files.map((file) => {
    const t0 = performance.now();
    try {
      const bytes = readFileBounded(file, { maxBytes: MAX_AUDIO_BYTES, what: "WAV file" });
      const seconds = wavInfo(bytes, file).seconds;
      const y = prepareClip(loadBytes(bytes, { name: file, sr: cfg.sr, offset: cfg.offset, duration: cfg.duration }).y, cfg);
      const f = finiteFeatures(file, y, cfg);
      return {
        file,
        x: f.data,
        ms: performance.now() - t0,
        note: scoredPartNote(seconds, cfg),
        scored: { start: cfg.offset, end: cfg.duration === null ? seconds : Math.min(seconds, cfg.offset + cfg.duration), duration: seconds },
      };
    } catch (err) {
      return predictionError(file, err);
    }
  });
  return scoreFeatures(bundle, files, feats, options);
}

/** A file's failed prediction: the error's message, naming the file. */
export function predictionError(file: string, err: unknown): { path: string; error: string } {
  const msg = err instanceof SerError ? err.message : `${(err as Error).message}`;
  return { path: file, error: msg.includes(file) ? msg : `${file}: ${msg}` };
}

/** A file's features for {@link scoreFeatures}: the model input, time spent, and which part of the file was used. */
export interface FileFeatures {
  x: Float32Array;
  ms: number;
  scored?: ScoredPart;
  /** Said with the prediction, e.g. which part of a long recording was scored. */
  note?: string | null;
}

/**
 * Steps 2–3 of {@link predictFiles} on features already computed: speaker normalisation by group
 * (when the bundle expects it), then probabilities.
 * @param feats per file, its features or its error
 */
export function scoreFeatures(
  bundle: ModelBundle,
  files: readonly string[],
  feats: readonly (FileFeatures | { path: string; error: string })[],
  options: PredictFilesOptions = {},
): FilePrediction[] {
  const fail = predictionError;
  // 2. normalisation by speaker, by calibration clips, or clip by clip, as the model expects
  const ready = new Map<number, FileFeatures & { normalization: ClipNormalization }>();
  const errors = new Map<number, { path: string; error: string }>();
  const mode = bundleNormalization(bundle);
  feats.forEach((f, i) => ("error" in f ? errors.set(i, f) : ready.set(i, { ...f, normalization: "global" })));
  const shape = (bundle.standardizer?.shape ?? [ready.values().next().value?.x.length ?? 1, 1]) as [number, number];
  const alone = (i: number) => {
    const r = ready.get(i)!;
    r.x = speakerNormalize(r.x, shape, [0], { minClips: 1 });
    r.normalization = "single-clip";
  };
  if (mode === "utterance") for (const i of ready.keys()) alone(i);
  if (mode === "speaker" && ready.size && options.calibration?.length) {
    const cfg = bundleFeatureConfig(bundle);
    const cal = options.calibration.map((file) => clipFeatures(loadClip(file, cfg), cfg).data);
    const n = cal.length;
    const x = speakerNormalize(stack([...cal, ...[...ready.values()].map((r) => r.x)]), shape, [...cal.map(() => "s"), ...[...ready.keys()].map(() => "s")], {
      useForStats: (k) => k < n,
      minClips: 1,
    });
    const per = cal[0].length;
    [...ready.values()].forEach((r, k) => {
      r.x = x.subarray((n + k) * per, (n + k + 1) * per);
      r.normalization = "calibration";
    });
  } else if (mode === "speaker" && ready.size) {
    const groups = new Map<string, number[]>();
    for (const i of ready.keys()) {
      const s = speakerOf(files[i], options.speakers);
      groups.set(s, [...(groups.get(s) ?? []), i]);
    }
    const minClips = options.minSpeakerClips ?? 8;
    for (const [s, idx] of groups) {
      if (idx.length < minClips) {
        idx.forEach(alone);
        continue;
      }
      const per = idx.map((i) => ready.get(i)!.x);
      const xs = speakerNormalize(
        stack(per),
        shape,
        idx.map(() => s),
      );
      idx.forEach((i, k) => {
        const r = ready.get(i)!;
        r.x = xs.subarray(k * per[0].length, (k + 1) * per[0].length);
        r.normalization = "speaker";
      });
    }
  }
  // 3. probabilities
  return files.map((file, i) => {
    const e = errors.get(i);
    if (e) return e;
    const r = ready.get(i)!;
    const t0 = performance.now();
    try {
      const p = predictProba(bundle, r.x);
      const probabilities: Record<string, number> = {};
      let best = 0;
      bundle.labels.forEach((label, k) => {
        probabilities[label] = p.data[k];
        if (p.data[k] > p.data[best]) best = k;
      });
      const out: FilePrediction = {
        path: file,
        emotion: bundle.labels[best],
        confidence: p.data[best],
        probabilities,
        ms: r.ms + performance.now() - t0,
        normalization: r.normalization,
        ...(r.scored ? { scored: r.scored } : {}),
      };
      return r.note ? { ...out, note: r.note } : out;
    } catch (err) {
      return fail(file, err);
    }
  });
}
