#!/usr/bin/env node
/**
 * `ser` — train, predict and evaluate speech emotion models from the command line.
 *
 *   ser train [--config file.json] [--set key=value ...] [--name NAME] [--runs DIR]
 *   ser predict <audio|folder|glob ...> [--model DIR] [--json|--csv] [--segments [--hop S]] [--speakers auto|folder|one] [--calibrate DIR]
 *   ser evaluate [--model DIR] [--actors 17-20] [--data DIR] [--json]
 *   ser extract [--data DIR] [--config file.json] [--set features.key=value ...] [--workers N] [--cache DIR]
 *   ser export [--model DIR] --out DIR
 *
 * Models are run folders (`runs/<name>/`, or their `model/` bundle); the default is the newest run.
 */
import fs from "node:fs";
import path from "node:path";
import { ParameterError, FileError } from "../util/errors";
import { projectPath } from "../util/paths";
import { readJsonFile } from "../util/read-file";
import { runCli } from "./run-cli";
import { parseSetArgs } from "../notebook/params";
import { withOverrides, experimentConfig, type PartialExperimentConfig } from "../experiment/config";
import { runExperiment } from "../experiment/run";
import { listRunDirs } from "../experiment/runs";
import { bundleFeatureConfig, bundleNormalization, findAudioFiles, predictionError } from "../experiment/predict";
import { predictFilesStream } from "../experiment/predict-stream";
import { predictTimeline } from "../experiment/timeline";
import { fileProgress, predictionWriter, timelineWriter, type PredictFormat } from "./predict-output";
import { speakerNormalize } from "../model/speaker-normalize";
import { argmaxRows, evaluatePredictions } from "../experiment/evaluate";
import { extractProgressPrinter, extractDataset } from "../experiment/extract";
import type { FeatureConfig } from "../features/clip-features";
import { loadBundle, predictProba, type ModelBundle } from "../model/bundle";
import { scanRavdess } from "../data/scan";
import { parseActorRange } from "../data/split";
import { emotionIndex } from "../data/ravdess";
import { exportBundle } from "../export/export-bundle";

const USAGE = `usage:
  ser train [--config file.json] [--set key=value ...] [--name NAME] [--runs DIR]
      Trains the CNN+LSTM on RAVDESS (data/ravdess) and writes runs/<name>/.
      --set uses dotted config paths: --set training.epochs=40 --set augmentation=none
  ser predict <audio|folder|glob ...> [--model DIR] [--json|--csv] [--segments [--hop S]] [--speakers auto|folder|one] [--calibrate DIR]
      Emotion and all 8 probabilities per file, printed as each file is scored. Reads WAV, MP3, FLAC,
      Ogg Vorbis/Opus, WebM and M4A/AAC. --model: a run folder or its model/ (default: newest run).
      A recording longer than the model's window is scored on that window (the note says which part);
      --segments splits it into voiced segments and prints a timeline: start, end, emotion, probabilities
      (segments longer than the window are scored every --hop seconds, default the window, and averaged).
      A speaker-normalised model groups files by speaker (auto: RAVDESS actor, else folder); a speaker
      with fewer than 8 clips is scored clip by clip, or with --calibrate's clips of that speaker.
  ser evaluate [--model DIR] [--actors 17-20] [--data DIR] [--json]
      Scores a model on the given actors' clips (default: the run's test actors).
  ser extract [--data DIR] [--config file.json] [--set features.key=value ...] [--workers N] [--cache DIR]
      Features of every clip through the on-disk cache (run it twice: the second run reads the cache).
  ser export [--model DIR] --out DIR
      Writes a portable bundle: a standard TensorFlow.js model (browser, or Node without native code),
      its feature config, standardisation, labels and model card. Open it with \`npm run web\`.`;

interface Args {
  positional: string[];
  flags: Map<string, string[]>;
}

function parseArgs(argv: string[], booleans: string[]): Args {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      let value: string;
      if (eq > 0) value = a.slice(eq + 1);
      else if (booleans.includes(name)) value = "true";
      else {
        if (i + 1 >= argv.length) throw new ParameterError(`--${name} needs a value`);
        value = argv[++i];
      }
      flags.set(name, [...(flags.get(name) ?? []), value]);
    } else positional.push(a);
  }
  return { positional, flags };
}

function one(args: Args, name: string): string | undefined {
  const v = args.flags.get(name);
  return v ? v[v.length - 1] : undefined;
}

function checkFlags(args: Args, allowed: string[]): void {
  for (const k of args.flags.keys())
    if (!allowed.includes(k)) throw new ParameterError(`unknown option --${k} (allowed: ${allowed.map((a) => `--${a}`).join(", ")})`);
}

/** The model bundle folder for --model (a run folder or a bundle), or the newest run's. */
export function resolveModelDir(given: string | undefined, runsDir = projectPath("runs")): string {
  if (given) {
    const dir = path.resolve(given);
    if (!fs.existsSync(dir)) throw new FileError(dir, "no such model folder");
    if (fs.existsSync(path.join(dir, "bundle.json"))) return dir;
    if (fs.existsSync(path.join(dir, "model", "bundle.json"))) return path.join(dir, "model");
    throw new FileError(dir, "not a model: no bundle.json in it or in its model/ folder");
  }
  const runs = listRunDirs(runsDir).filter((d) => fs.existsSync(path.join(d, "model", "bundle.json")));
  if (runs.length === 0) throw new FileError(runsDir, "no trained model here: run `ser train` first, or pass --model DIR");
  return path.join(runs[runs.length - 1], "model");
}

/** An experiment config file (--config): a JSON object, or a FileError naming the file. */
function readConfigFile(file: string | undefined): PartialExperimentConfig {
  if (!file) return {};
  if (!fs.existsSync(file)) throw new FileError(file, "no such config file");
  return readJsonFile(file, { what: "config", object: true }) as PartialExperimentConfig;
}

/** Up to 10 failure messages, one per line, and how many more there were. */
function failureList(errors: readonly { message: string }[]): string {
  const lines = errors.slice(0, 10).map((e) => `  ${e.message}`);
  if (errors.length > 10) lines.push(`  … and ${errors.length - 10} more`);
  return lines.join("\n");
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

async function train(argv: string[]): Promise<number> {
  const args = parseArgs(argv, []);
  checkFlags(args, ["config", "set", "name", "runs"]);
  if (args.positional.length) throw new ParameterError(`unexpected argument ${JSON.stringify(args.positional[0])}`);
  const base = readConfigFile(one(args, "config"));
  const name = one(args, "name");
  const config = withOverrides(experimentConfig({ ...base, ...(name ? { name } : {}) }), parseSetArgs(args.flags.get("set") ?? []));
  console.log(
    `[ser] run ${config.name}: train actors ${config.split.train.join(",")}, val ${config.split.val.join(",") || "-"}, test ${config.split.test.join(",") || "-"}`,
  );
  const r = await runExperiment(config, {
    runsDir: one(args, "runs"),
    onExtractProgress: extractProgressPrinter(),
    onEpoch: (l, c) =>
      console.log(
        `[ser] epoch ${String(l.epoch + 1).padStart(3)}/${c.training.epochs}  loss ${l.loss.toFixed(4)}  acc ${pct(l.accuracy)}` +
          (l.valLoss !== null ? `  val_loss ${l.valLoss.toFixed(4)}  val_acc ${pct(l.valAccuracy!)}` : "") +
          `  lr ${l.learningRate.toPrecision(2)}  ${l.seconds.toFixed(1)} s`,
      ),
  });
  const m = r.metrics;
  console.log(
    `[ser] ${m.training.epochs} epochs (best ${m.training.bestEpoch !== null ? m.training.bestEpoch + 1 : "-"}), ${m.training.secondsPerEpoch.toFixed(2)} s/epoch`,
  );
  if (m.val) console.log(`[ser] validation actors: accuracy ${pct(m.val.accuracy)}, macro-F1 ${pct(m.val.macroF1)} (${m.val.n} clips)`);
  if (m.test) console.log(`[ser] test actors:       accuracy ${pct(m.test.accuracy)}, macro-F1 ${pct(m.test.macroF1)} (${m.test.n} clips)`);
  if (m.errors.length) console.log(`[ser] ${m.errors.length} file(s) left out: ${m.errors.map((e) => e.message).join("; ")}`);
  console.log(`[ser] saved ${r.dir}`);
  return 0;
}

/** The audio files of `--calibrate DIR` (a folder, a file or a pattern); an error when there are none or one is missing. */
function calibrationFiles(arg: string): string[] {
  const { files, problems } = findAudioFiles([arg]);
  if (problems.length > 0) throw new ParameterError(`--calibrate ${arg}: ${problems[0].error.replace(`${problems[0].path}: `, "")}`);
  const missing = files.find((f) => !fs.existsSync(f));
  if (missing !== undefined) throw new FileError(missing, "no such file or folder (given to --calibrate)");
  if (files.length === 0) throw new ParameterError(`--calibrate ${arg}: no audio files there`);
  return files;
}

async function predict(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ["json", "csv", "segments"]);
  checkFlags(args, ["model", "json", "csv", "segments", "hop", "speakers", "calibrate"]);
  if (args.positional.length === 0) throw new ParameterError("predict needs at least one audio file, folder or pattern");
  if (one(args, "json") === "true" && one(args, "csv") === "true") throw new ParameterError("--json and --csv: choose one output format");
  const format: PredictFormat = one(args, "json") === "true" ? "json" : one(args, "csv") === "true" ? "csv" : "text";
  const dir = resolveModelDir(one(args, "model"));
  const bundle = await loadBundle(dir);
  const { files, problems } = findAudioFiles(args.positional);
  const speakers = (one(args, "speakers") ?? "auto") as "auto" | "folder" | "one";
  if (!["auto", "folder", "one"].includes(speakers)) throw new ParameterError(`--speakers=${JSON.stringify(speakers)} must be auto, folder or one`);
  const calibrateArg = one(args, "calibrate");
  const calibration = calibrateArg === undefined ? undefined : calibrationFiles(calibrateArg);
  let single = 0;
  const hopText = one(args, "hop");
  const hop = hopText === undefined ? undefined : Number(hopText);
  if (hop !== undefined && !(hop > 0)) throw new ParameterError(`--hop=${hopText} must be a number of seconds > 0`);
  if (hop !== undefined && one(args, "segments") !== "true") throw new ParameterError("--hop only applies with --segments");
  const progress = fileProgress(files.length);
  const print = (s: string) => {
    progress.clear();
    process.stdout.write(s);
  };
  let failed = 0;
  if (one(args, "segments") === "true") {
    const w = timelineWriter({ write: print }, format, dir, bundle.labels);
    w.begin();
    for (const p of problems) w.row(p);
    for (const [i, file] of files.entries()) {
      progress.update(i);
      try {
        const t = await predictTimeline(bundle, file, { hop });
        w.row(t);
        if (t.segments.length === 0) console.error(`[ser] ${file}: no voiced audio found (${t.duration.toFixed(1)} s of silence or noise)`);
      } catch (err) {
        failed++;
        w.row(predictionError(file, err));
      }
    }
    progress.update(files.length);
    w.end();
  } else {
    const w = predictionWriter({ write: print }, format, dir, bundle.labels);
    w.begin();
    for (const p of problems) w.row(p);
    let i = 0;
    progress.update(0);
    for await (const p of predictFilesStream(bundle, files, { speakers, calibration })) {
      w.row(p);
      if ("error" in p) failed++;
      else if (p.normalization === "single-clip" && bundleNormalization(bundle) === "speaker") single++;
      else if (p.scored && p.scored.duration > p.scored.end + 0.5) {
        progress.clear();
        console.error(
          `[ser] ${p.path} is ${p.scored.duration.toFixed(1)} s long; scored ${p.scored.start.toFixed(2)}–${p.scored.end.toFixed(2)} s (the model's window). --segments scores every voiced part`,
        );
      }
      progress.update(++i);
    }
    w.end();
  }
  progress.clear();
  failed += problems.length;
  if (failed) console.error(`[ser] ${failed} of ${files.length + problems.length} file(s) could not be scored`);
  return failed ? 1 : 0;
}

async function evaluate(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ["json"]);
  checkFlags(args, ["model", "actors", "data", "json"]);
  const dir = resolveModelDir(one(args, "model"));
  const bundle: ModelBundle = await loadBundle(dir);
  const runConfig = path.join(path.dirname(dir), "config.json");
  const saved = fs.existsSync(runConfig)
    ? (readJsonFile(runConfig, { what: "run config", object: true }) as { split?: { train?: number[]; test?: number[] } })
    : null;
  const actorsText = one(args, "actors");
  const actors = actorsText ? parseActorRange(actorsText) : (saved?.split?.test as number[] | undefined);
  if (!actors || actors.length === 0) throw new ParameterError("which actors? pass --actors (e.g. --actors 17-20): the model's run has no test actors");
  const trained: number[] = saved?.split?.train ?? [];
  const overlap = actors.filter((a) => trained.includes(a));
  if (overlap.length) console.error(`[ser] warning: actor(s) ${overlap.join(",")} were in this model's training set: the score is not speaker-independent`);
  const root = path.resolve(one(args, "data") ?? projectPath("data", "ravdess"));
  const clips = (await scanRavdess(root)).filter((c) => actors.includes(c.actor));
  if (clips.length === 0) throw new FileError(root, `no clips of actors ${actors.join(",")}`);
  const cfg: FeatureConfig = bundleFeatureConfig(bundle);
  const res = await extractDataset(
    clips.map((c) => ({ path: c.path })),
    cfg,
    { onProgress: one(args, "json") ? undefined : extractProgressPrinter() },
  );
  const ok = clips.map((c, i) => [c, res.features[i]] as const).filter(([, f]) => f !== null);
  if (ok.length === 0) throw new FileError(root, `none of the ${clips.length} clips of actors ${actors.join(",")} could be used:\n${failureList(res.errors)}`);
  const per = ok[0][1]!.data.length;
  const x = new Float32Array(ok.length * per);
  ok.forEach(([, f], i) => x.set(f!.data, i * per));
  const yTrue = Int32Array.from(ok.map(([c]) => emotionIndex(c.emotion)));
  // A speaker-normalised model sees each actor standardised with that actor's own clips.
  const norm = bundleNormalization(bundle);
  const statShape = (bundle.standardizer?.shape ?? [per, 1]) as [number, number];
  const xIn =
    norm === "speaker"
      ? speakerNormalize(
          x,
          statShape,
          ok.map(([c]) => c.actor),
        )
      : norm === "utterance"
        ? speakerNormalize(
            x,
            statShape,
            ok.map((_, i) => i),
            { minClips: 1 },
          )
        : x;
  const ev = evaluatePredictions(yTrue, argmaxRows(predictProba(bundle, xIn)), bundle.labels);
  if (one(args, "json") === "true") {
    console.log(JSON.stringify({ model: dir, actors, errors: res.errors, ...ev }, null, 2));
  } else {
    console.log(`model: ${dir}\nactors: ${actors.join(",")} (${ev.n} clips)`);
    console.log(`accuracy ${pct(ev.accuracy)}  macro-F1 ${pct(ev.macroF1)}  balanced accuracy ${pct(ev.balancedAccuracy)}  kappa ${ev.kappa.toFixed(3)}\n`);
    console.log(ev.reportText);
    console.log(`confusion matrix (rows: true, columns: predicted; ${bundle.labels.join(", ")})`);
    for (const [i, r] of ev.confusion.entries()) console.log(`${bundle.labels[i].padStart(10)} ${r.map((v) => String(v).padStart(4)).join("")}`);
    for (const e of res.errors) console.error(`[ser] skipped ${e.message}`);
  }
  return 0;
}

async function extract(argv: string[]): Promise<number> {
  const args = parseArgs(argv, []);
  checkFlags(args, ["data", "config", "set", "workers", "cache"]);
  const base = readConfigFile(one(args, "config"));
  const config = withOverrides(experimentConfig(base), parseSetArgs(args.flags.get("set") ?? []));
  const root = path.resolve(one(args, "data") ?? config.dataRoot);
  const clips = await scanRavdess(root);
  if (clips.length === 0) throw new FileError(root, "no RAVDESS clips (run `npm run data` first)");
  const workersText = one(args, "workers");
  const workers = workersText === undefined ? undefined : Number(workersText);
  const cacheDir = one(args, "cache");
  const res = await extractDataset(
    clips.map((c) => ({ path: c.path })),
    config.features,
    { workers, cacheDir, onProgress: extractProgressPrinter() },
  );
  const s = res.stats;
  console.log(
    `[ser] ${s.total} clips (${config.features.representation}, ${res.columns.length} columns): ${s.computed} computed, ${s.cacheHits} from the cache, ${s.errors} failed, ` +
      `${s.seconds.toFixed(1)} s on ${s.workers} worker(s) = ${(s.total / s.seconds).toFixed(1)} clips/s; cache ${path.relative(process.cwd(), path.join(cacheDir ?? projectPath(".cache", "features"), res.configHash)) || "."}`,
  );
  for (const e of res.errors) console.error(`[ser] ${e.message}`);
  return res.errors.length ? 1 : 0;
}

async function exportCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, []);
  checkFlags(args, ["model", "out"]);
  if (args.positional.length) throw new ParameterError(`unexpected argument ${JSON.stringify(args.positional[0])}`);
  const out = one(args, "out");
  if (!out) throw new ParameterError("export needs --out DIR (the exported bundle folder)");
  const dir = resolveModelDir(one(args, "model"));
  const r = await exportBundle(dir, path.resolve(out));
  const replaced = Object.entries(r.replaced)
    .map(([a, b]) => `${a} → ${b}`)
    .join(", ");
  console.log(`[ser] exported ${dir} to ${r.dir}${replaced ? ` (${replaced})` : ""}`);
  for (const [f, bytes] of Object.entries(r.files)) console.log(`[ser]   ${f.padEnd(14)} ${(bytes / 1024).toFixed(1).padStart(8)} KiB`);
  console.log(`[ser]   total          ${(r.bytes / 1024).toFixed(1).padStart(8)} KiB`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case "train":
      return train(rest);
    case "predict":
      return predict(rest);
    case "evaluate":
      return evaluate(rest);
    case "extract":
      return extract(rest);
    case "export":
      return exportCommand(rest);
    case undefined:
    case "help":
    case "-h":
    case "--help":
      console.log(USAGE);
      return cmd === undefined ? 2 : 0;
    default:
      throw new ParameterError(`unknown command ${JSON.stringify(cmd)}\n${USAGE}`);
  }
}

if (require.main === module) runCli("ser: ", main);
