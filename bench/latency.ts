/**
 * Inference latency, one clip at a time: WAV path → class probabilities with `predictFiles`
 * (src/experiment/predict.ts), for a fresh seed model (`buildCnnLstm`, untrained: the weights do
 * not change the time) on the default summary features, and on the subset without chroma and
 * tonnetz (mfcc, mel, contrast, zcr, rms). librosa's load + features of the same clips are timed
 * in the same run (bench/latency_librosa.py through the project venv).
 *
 *   npx tsx bench/latency.ts [--clips 40] [--in-place]
 *
 * Per clip, wall clock (latency is what a caller waits for; the machine may be shared, so medians
 * and p90 over the clips are printed, with the load average):
 * - total: one `predictFiles(bundle, [path])` call (read + decode + resample + features + model);
 * - split: the same clip again through the same steps one by one — `loadClip` (read, decode,
 *   resample 48 → 22.05 kHz, fix length), each feature group (`frameFeatures` timings; "stft" is
 *   the shared STFT), the summary, and the model (`predictProba`).
 * The first call of each variant (JIT warm-up, TensorFlow graph set-up) is printed on its own and
 * left out of the statistics; a few other clips warm up first as well.
 *
 * Timing runs in a clean V8 isolate (see ./clean-isolate.ts); --in-place times under tsx's loader.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs-node";
import { loadClip } from "../src/features/load-clip";
import {
  clipFeatures,
  featureConfig,
  frameFeatures,
  summarize,
  FEATURE_NAMES,
  type FeatureConfig,
  type FeatureName,
  type FeatureTimings,
} from "../src/features/clip-features";
import { predictFiles } from "../src/experiment/predict";
import { buildCnnLstm } from "../src/model/cnn-lstm";
import { predictProba, type ModelBundle } from "../src/model/bundle";
import { EMOTIONS } from "../src/data/ravdess";
import { projectPath, venvPython } from "../src/util/paths";
import { allClips, pick } from "./ravdess-clips";
import { isolateNote, rerunInCleanIsolate } from "./clean-isolate";

const args = process.argv.slice(2);
const opt = (name: string, def: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const N_CLIPS = opt("clips", 40);
const WARMUP = 3;
const ROOT = projectPath("data", "ravdess");

function quantile(v: number[], q: number): number {
  const s = [...v].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const x = q * (s.length - 1);
  const i = Math.floor(x);
  return i + 1 < s.length ? s[i] + (x - i) * (s[i + 1] - s[i]) : s[i];
}

const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : "—").padStart(8);

interface Variant {
  name: string;
  cfg: FeatureConfig;
  bundle: ModelBundle;
  python: { load: number[]; features: number[]; total: number[] };
}

function python(list: string, cfg: FeatureConfig, subset: boolean): Variant["python"] {
  const argv = [
    path.join(__dirname, "latency_librosa.py"),
    list,
    "--sr",
    String(cfg.sr),
    "--offset",
    String(cfg.offset),
    "--duration",
    String(cfg.duration),
    "--n-fft",
    String(cfg.nFft),
    "--hop",
    String(cfg.hopLength),
    "--n-mfcc",
    String(cfg.nMfcc),
    "--n-mels",
    String(cfg.nMels),
    "--warmup",
    String(WARMUP),
  ];
  if (subset) argv.push("--subset");
  const r = spawnSync(venvPython(), argv, { encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`latency_librosa.py failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { clips: { load_ms: number; features_ms: number; total_ms: number }[] };
  return { load: out.clips.map((c) => c.load_ms), features: out.clips.map((c) => c.features_ms), total: out.clips.map((c) => c.total_ms) };
}

async function main(): Promise<void> {
  if (rerunInCleanIsolate(__filename)) return;
  await tf.ready();
  const every = allClips(ROOT);
  const files = pick(every, N_CLIPS);
  const warm = pick(every, WARMUP, 7);
  const list = path.join(os.tmpdir(), `ser-bench-latency-${process.pid}.json`);
  fs.writeFileSync(list, JSON.stringify([...warm, ...files]));
  console.log(
    `latency bench: ${files.length} RAVDESS clips, one at a time, WAV path → probabilities (predictFiles); tfjs-node ${tf.version.tfjs} (${tf.getBackend()})`,
  );
  console.log(
    `machine: ${os.cpus()[0].model}, ${os.availableParallelism()} cores, load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}`,
  );
  console.log(isolateNote());

  const variants: Variant[] = [];
  const subsetNames: FeatureName[] = ["mfcc", "mel", "contrast", "zcr", "rms"];
  for (const [name, features, subset, representation] of [
    ["default summary (all seven features, 195 columns)", [...FEATURE_NAMES], false, "summary"],
    ["without chroma and tonnetz (mfcc, mel, contrast, zcr, rms)", subsetNames, true, "summary"],
    ["configs/best.json's input: the frame sequence of mfcc, mel, contrast, zcr, rms", subsetNames, true, "sequence"],
  ] as const) {
    const cfg = featureConfig({ features: [...features], representation });
    const shape = clipFeatures(loadClip(files[0], cfg), cfg);
    const inputShape: [number, number] = representation === "sequence" ? [shape.rows, shape.cols] : [shape.cols, 1];
    const model = buildCnnLstm({ inputShape, numClasses: EMOTIONS.length, seed: 7 });
    const bundle: ModelBundle = { model, featureConfig: cfg, standardizer: null, labels: [...EMOTIONS] } as ModelBundle;
    // librosa's side depends only on which features: the sequence variant reuses the summary's run
    const py = variants.find((v) => v.cfg.features.join() === cfg.features.join())?.python ?? python(list, cfg, subset);
    variants.push({ name, cfg, bundle, python: py });
  }
  fs.rmSync(list, { force: true });

  for (const v of variants) {
    const { cfg, bundle } = v;
    const t0 = performance.now();
    const first = predictFiles(bundle, [warm[0]])[0];
    const firstMs = performance.now() - t0;
    if ("error" in first) throw new Error(first.error);
    for (const f of warm.slice(1)) predictFiles(bundle, [f]);
    const total: number[] = [];
    for (const f of files) {
      const s = performance.now();
      const [r] = predictFiles(bundle, [f]);
      total.push(performance.now() - s);
      if ("error" in r) throw new Error(r.error);
    }
    // the split, clip by clip: load, features by group, summary, model
    const load: number[] = [];
    const feats: number[] = [];
    const model: number[] = [];
    const groups: Record<string, number[]> = {};
    for (const f of files) {
      let s = performance.now();
      const y = loadClip(f, cfg);
      load.push(performance.now() - s);
      s = performance.now();
      const timings: FeatureTimings = {};
      const frames = frameFeatures(y, cfg, timings, () => performance.now());
      const x = cfg.representation === "sequence" ? frames.data : summarize(frames, cfg.stats);
      feats.push(performance.now() - s);
      for (const [k, ms] of Object.entries(timings)) (groups[k] ??= []).push(ms);
      s = performance.now();
      predictProba(bundle, x);
      model.push(performance.now() - s);
    }
    const py = v.python;
    console.log(`\n${v.name}: input [${bundle.model.inputs[0].shape.slice(1).join(", ")}]; first call ${firstMs.toFixed(0)} ms (not counted)`);
    console.log(
      `${"ms per clip".padEnd(30)} ${"median".padStart(8)} ${"p90".padStart(8)}   ${"librosa median".padStart(14)} ${"p90".padStart(8)}   librosa / ours (median; > 1: we are faster)`,
    );
    const row = (label: string, ours: number[], ref?: number[]) => {
      const a = quantile(ours, 0.5);
      const line = `${label.padEnd(30)} ${fmt(a)} ${fmt(quantile(ours, 0.9))}`;
      if (!ref) return console.log(line);
      const b = quantile(ref, 0.5);
      console.log(`${line}   ${fmt(b).padStart(14)} ${fmt(quantile(ref, 0.9))}   ${(b / a).toFixed(2)}×`);
    };
    row("total: predictFiles", total, py.total);
    row("  load (read+resample)", load, py.load);
    row("  features (frameFeatures+mean)", feats, py.features);
    for (const k of ["stft", ...FEATURE_NAMES]) if (groups[k]) row(`    ${k}`, groups[k]);
    row("  model (predictProba)", model);
    const med = quantile(total, 0.5);
    console.log(`goal < 20 ms per 3 s clip: median ${med.toFixed(1)} ms, p90 ${quantile(total, 0.9).toFixed(1)} ms — ${med < 20 ? "met" : "not met"} (median)`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
