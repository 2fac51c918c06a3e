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
  | { path: string; emotion: string; confidence: number; probabilities: Record<string, number>; ms: number; normalization: ClipNormalization }
  | { path: string; error: string };

/**
 * How a clip was normalised before the network: "global" (training statistics only), "speaker"
 * (its speaker's clips among the inputs), "calibration" (the calibration clips' statistics),
 * "single-clip" (its own statistics: a speaker-normalised model scoring a speaker with too few clips).
 */
export type ClipNormalization = "global" | "speaker" | "calibration" | "single-clip";

/**
 * Expands command-line arguments into audio files: files as given, folders searched recursively for
 * .wav files, and `*` / `**` / `?` / `[...]` patterns matched against the file system. Sorted, deduplicated.
 * A pattern or path that matches nothing is returned as is (its prediction reports the problem).
 */
export function expandAudioPaths(args: readonly string[]): string[] {
  const out = new Set<string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.wav$/i.test(e.name)) out.add(p);
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
  /** Fewest clips per speaker for speaker normalisation; a speaker with fewer is scored clip by clip ("single-clip"). Default 8. */
  minSpeakerClips?: number;
  /**
   * Unlabelled clips of the speaker(s) of `files` (e.g. a few recordings of the same voice): a
   * speaker-normalised model then standardises every file with these clips' statistics.
   */
  calibration?: readonly string[];
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
  const cfg: FeatureConfig = featureConfig(bundle.featureConfig as Partial<FeatureConfig>);
  const speakerNorm = bundleNormalization(bundle) === "speaker";
  const fail = (file: string, err: unknown) => {
    const msg = err instanceof SerError ? err.message : `${(err as Error).message}`;
    return { path: file, error: msg.includes(file) ? msg : `${file}: ${msg}` };
  };
  // 1. features, one file at a time
  const feats = files.map((file) => {
    const t0 = performance.now();
    try {
      if (!fs.existsSync(file)) throw new FileError(file, "no such file");
      const f = clipFeatures(loadClip(file, cfg), cfg);
      return { file, x: f.data, ms: performance.now() - t0 };
    } catch (err) {
      return fail(file, err);
    }
  });
  // 2. normalisation by speaker, by calibration clips, or clip by clip, as the model expects
  const ready = new Map<number, { x: Float32Array; ms: number; normalization: ClipNormalization }>();
  const errors = new Map<number, { path: string; error: string }>();
  const mode = bundleNormalization(bundle);
  feats.forEach((f, i) => ("error" in f ? errors.set(i, f) : ready.set(i, { x: f.x, ms: f.ms, normalization: "global" })));
  const shape = (bundle.standardizer?.shape ?? [ready.values().next().value?.x.length ?? 1, 1]) as [number, number];
  const alone = (i: number) => {
    const r = ready.get(i)!;
    r.x = speakerNormalize(r.x, shape, [0], { minClips: 1 });
    r.normalization = "single-clip";
  };
  if (mode === "utterance") for (const i of ready.keys()) alone(i);
  if (mode === "speaker" && ready.size && options.calibration?.length) {
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
      const xs = speakerNormalize(stack(per), shape, idx.map(() => s));
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
      return { path: file, emotion: bundle.labels[best], confidence: p.data[best], probabilities, ms: r.ms + performance.now() - t0, normalization: r.normalization };
    } catch (err) {
      return fail(file, err);
    }
  });
}
