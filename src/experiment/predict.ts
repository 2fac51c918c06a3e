/**
 * Predicting emotions of audio files with a saved model bundle: each file is loaded and turned
 * into features exactly as the bundle's training data was (its feature config), then scored.
 * A file that cannot be used is reported with its path; the others still run.
 */
import fs from "node:fs";
import path from "node:path";
import { FileError, SerError } from "../util/errors";
import { loadClip, clipFeatures, featureConfig, type FeatureConfig } from "../features/clip-features";
import { predictProba, type ModelBundle } from "../model/bundle";
import { speakerNormalize } from "../model/speaker-normalize";
import { isRavdessName, parseRavdessName } from "../data/ravdess";

/** One file's prediction, or why there is none. */
export type FilePrediction =
  | { path: string; emotion: string; confidence: number; probabilities: Record<string, number>; ms: number; scored?: ScoredPart }
  | { path: string; error: string };

/** Which part of a recording a prediction used (s): the model's window, from `start` to `end` of `duration`. */
export interface ScoredPart {
  start: number;
  end: number;
  duration: number;
}

/** File extensions a folder search picks up (a file named on the command line is read whatever its name). */
export const AUDIO_EXTENSIONS: readonly string[] = Object.freeze([".wav", ".mp3", ".flac", ".ogg", ".oga", ".opus", ".webm", ".weba", ".mka", ".m4a", ".mp4", ".aac"]);

/**
 * Expands command-line arguments into audio files: files as given, folders searched recursively for
 * audio files (by extension: {@link AUDIO_EXTENSIONS}), and `*` / `**` / `?` / `[...]` patterns matched against the file system. Sorted, deduplicated.
 * A pattern or path that matches nothing is returned as is (its prediction reports the problem).
 */
export function expandAudioPaths(args: readonly string[]): string[] {
  const out = new Set<string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (AUDIO_EXTENSIONS.includes(path.extname(e.name).toLowerCase())) out.add(p);
    }
  };
  for (const a of args) {
    if (/[*?[]/.test(a)) {
      const matches = globFiles(a);
      if (matches.length === 0) out.add(a);
      for (const m of matches) out.add(m);
    } else if (fs.existsSync(a) && fs.statSync(a).isDirectory()) walk(a);
    else out.add(a);
  }
  return [...out];
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
    }
    else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

/** Files matching a glob pattern with `*`, `**`, `?` and `[...]` (relative patterns from the working folder). */
export function globFiles(pattern: string): string[] {
  const abs = path.resolve(pattern);
  const firstWild = abs.search(/[*?[]/);
  const base = abs.slice(0, abs.lastIndexOf("/", firstWild) + 1) || "/";
  if (!fs.existsSync(base)) return [];
  const re = globToRegExp(abs);
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
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
  /** Fewest clips per speaker for speaker normalisation. Default 8. */
  minSpeakerClips?: number;
}

/** The normalisation a bundle was trained with ("global" for bundles that do not say). */
export function bundleNormalization(bundle: ModelBundle): "global" | "speaker" {
  const n = (bundle.trainingConfig as { normalization?: string } | undefined)?.normalization;
  return n === "speaker" ? "speaker" : "global";
}

/**
 * Predicts the emotion of each file with `bundle`. Files are featurised one at a time, so `ms` is
 * the per-clip latency from the WAV path to probabilities. A speaker-normalised bundle first groups
 * the files by speaker (see {@link speakerOf}) and standardises each group with its own statistics;
 * a group with too few clips is reported as an error for its files.
 * @example for (const p of predictFiles(bundle, ["a.wav"])) if ("emotion" in p) console.log(p.path, p.emotion);
 */
export function predictFiles(bundle: ModelBundle, files: readonly string[], options: PredictFilesOptions = {}): FilePrediction[] {
  const cfg: FeatureConfig = featureConfig(bundle.featureConfig as Partial<FeatureConfig>);
  // 1. features, one file at a time
  const feats = files.map((file) => {
    const t0 = performance.now();
    try {
      if (!fs.existsSync(file)) throw new FileError(file, "no such file");
      const f = clipFeatures(loadClip(file, cfg), cfg);
      return { x: f.data, ms: performance.now() - t0 };
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
}

/**
 * Steps 2–3 of {@link predictFiles} on features already computed: speaker normalisation by group
 * (when the bundle expects it), then probabilities.
 * @param feats per file, its features or its error
 */
export function scoreFeatures(bundle: ModelBundle, files: readonly string[], feats: readonly (FileFeatures | { path: string; error: string })[], options: PredictFilesOptions = {}): FilePrediction[] {
  const speakerNorm = bundleNormalization(bundle) === "speaker";
  const fail = predictionError;
  // 2. speaker normalisation by group, when the model expects it
  const ready = new Map<number, FileFeatures>();
  const errors = new Map<number, { path: string; error: string }>();
  feats.forEach((f, i) => ("error" in f ? errors.set(i, f) : ready.set(i, { ...f })));
  if (speakerNorm && ready.size) {
    const shape = bundle.standardizer?.shape ?? [ready.values().next().value!.x.length, 1];
    const groups = new Map<string, number[]>();
    for (const i of ready.keys()) {
      const s = speakerOf(files[i], options.speakers);
      groups.set(s, [...(groups.get(s) ?? []), i]);
    }
    const minClips = options.minSpeakerClips ?? 8;
    for (const [s, idx] of groups) {
      if (idx.length < minClips) {
        for (const i of idx) {
          errors.set(i, { path: files[i], error: `${files[i]}: this model normalises each speaker with their own clips, and ${s} has ${idx.length} (at least ${minClips} needed; group files with --speakers folder|one)` });
          ready.delete(i);
        }
        continue;
      }
      const per = idx.map((i) => ready.get(i)!.x);
      const x = new Float32Array(per.length * per[0].length);
      per.forEach((v, k) => x.set(v, k * v.length));
      const xs = speakerNormalize(x, shape as [number, number], idx.map(() => s));
      idx.forEach((i, k) => (ready.get(i)!.x = xs.subarray(k * per[0].length, (k + 1) * per[0].length)));
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
      return { path: file, emotion: bundle.labels[best], confidence: p.data[best], probabilities, ms: r.ms + performance.now() - t0, ...(r.scored ? { scored: r.scored } : {}) };
    } catch (err) {
      return fail(file, err);
    }
  });
}
