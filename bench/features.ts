/**
 * Feature extraction speed: ser-toolkit against librosa 0.11 (bench/features_librosa.py through the
 * project venv), the same clips, the same parameters, in one run.
 *
 *   npx tsx bench/features.ts [--clips 60] [--rounds 3] [--workers 2] [--no-tonnetz] [--tuning] [--in-place]
 *
 * Part 1 (single core): the seven features of each clip (the default FeatureConfig: 22.05 kHz,
 * 0.5 s offset, 3 s clips, nFft 2048, hop 512, 40 MFCCs, 128 mels, tonnetz on the harmonic part),
 * with one STFT shared by the spectral features on both sides. Loading (decode, resample, fix
 * length) is excluded on both sides: each side loads its clips first, then times the features.
 * Times are CPU time of the process (robust when other jobs share the machine); each side runs
 * `rounds` times, alternating, and the best round counts. Prints ms per clip per feature for both,
 * clips per CPU-second, and the ratio (with and without tonnetz).
 *
 * Part 2 (all cores): extractDataset of dist/ (compiled, as notebooks use it) over the same clips
 * with 1 worker and with `workers` workers, cache disabled; these times include loading each file
 * (decode + resample), wall clock. For reference, the same clips split over `workers` independent
 * node processes at once: what the machine gives this workload with no threads shared.
 *
 * Timing runs in a clean V8 isolate (the script re-runs itself without tsx's ESM loader, see
 * ./clean-isolate.ts); --in-place times in the tsx process instead.
 *
 * --tuning: also checks librosa.estimate_tuning parity (from y and from |stft|²) on every clip at
 * its native rate (slow: all clips of --root, both sides).
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { featureConfig, frameFeatures, FEATURE_NAMES, type FeatureConfig, type FeatureTimings } from "../src/features/clip-features";
import { loadClip } from "../src/features/load-clip";
import { load } from "../src/audio/load-file";
import { spectra } from "../src/dsp/spectra";
import { estimateTuning } from "../src/dsp/tuning";
import { projectPath, venvPython } from "../src/util/paths";
import { allClips, pick } from "./ravdess-clips";
import { isolateNote, rerunInCleanIsolate } from "./clean-isolate";

const args = process.argv.slice(2);
const opt = (name: string, def: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const flag = (name: string): boolean => args.includes(`--${name}`);
const N_CLIPS = opt("clips", 60);
const ROUNDS = opt("rounds", 3);
const WORKERS = opt("workers", os.availableParallelism());
const NO_TONNETZ = flag("no-tonnetz");
const ROOT = (() => {
  const i = args.indexOf("--root");
  return i >= 0 ? args[i + 1] : projectPath("data", "ravdess");
})();

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function runPython(argv: string[]): any {
  const r = spawnSync(venvPython(), [path.join(__dirname, "features_librosa.py"), ...argv], { encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`features_librosa.py failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const KEYS = ["stft", ...FEATURE_NAMES] as const;

/** extractDataset of the compiled library (dist/): its workers load compiled JavaScript, as in notebooks. */
function distExtractDataset(): typeof import("../src/experiment/extract").extractDataset {
  const file = projectPath("dist", "features", "extract.js");
  if (!fs.existsSync(file)) throw new Error(`${file} not found: run \`npm run build\` first`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file).extractDataset;
}

/** Wall seconds for `k` separate node processes to extract every k-th clip each (workers 0, cache off), all at once. */
async function independentProcesses(files: string[], cfg: FeatureConfig, k: number): Promise<number> {
  const script = `const { extractDataset } = require(${JSON.stringify(projectPath("dist", "features", "extract.js"))});
    const [files, cfg] = JSON.parse(require("fs").readFileSync(0, "utf8"));
    extractDataset(files.map((p) => ({ path: p })), cfg, { workers: 0, cacheDir: null }).then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });`;
  const t0 = performance.now();
  await Promise.all(
    Array.from(
      { length: k },
      (_, part) =>
        new Promise<void>((resolve, reject) => {
          const child = spawn(process.execPath, ["-e", script], { stdio: ["pipe", "ignore", "inherit"] });
          child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`reference process ${part} exited with ${code}`))));
          child.stdin.end(JSON.stringify([files.filter((_, i) => i % k === part), cfg]));
        }),
    ),
  );
  return (performance.now() - t0) / 1000;
}

async function main(): Promise<void> {
  if (rerunInCleanIsolate(__filename)) return;
  const files = pick(allClips(ROOT), N_CLIPS);
  const cfg = featureConfig({ features: NO_TONNETZ ? FEATURE_NAMES.filter((f) => f !== "tonnetz") : [...FEATURE_NAMES] });
  const list = path.join(os.tmpdir(), `ser-bench-clips-${process.pid}.json`);
  fs.writeFileSync(list, JSON.stringify(files));
  console.log(
    `features bench: ${files.length} RAVDESS clips from ${ROOT}; sr ${cfg.sr}, offset ${cfg.offset} s, ${cfg.duration} s clips, nFft ${cfg.nFft}, hop ${cfg.hopLength}, ${cfg.nMfcc} MFCCs, ${cfg.nMels} mels${NO_TONNETZ ? ", no tonnetz" : ""}`,
  );
  console.log(
    `machine: ${os.cpus()[0].model}, ${os.availableParallelism()} cores, load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}`,
  );
  console.log(isolateNote());

  const ys = files.map((f) => loadClip(f, cfg));
  for (const y of ys.slice(0, 10)) frameFeatures(y, cfg); // warm-up (JIT); the best of several rounds counts too
  let best: { total: number; wall: number; per: FeatureTimings } | null = null;
  let py: any = null;
  const pyArgs = [
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
  ];
  if (NO_TONNETZ) pyArgs.push("--no-tonnetz");
  for (let r = 0; r < ROUNDS; r++) {
    const per: FeatureTimings = {};
    const w0 = performance.now();
    const t0 = cpuMs();
    for (const y of ys) frameFeatures(y, cfg, per, cpuMs);
    const total = cpuMs() - t0;
    const wall = performance.now() - w0;
    if (!best || total < best.total) best = { total, wall, per };
    const p = runPython(pyArgs);
    if (!py || p.cpu_seconds < py.cpu_seconds) py = p;
  }
  fs.rmSync(list, { force: true });
  const n = ys.length;
  const ours = best!;
  const oursMs = (k: string) => ((ours.per as Record<string, number>)[k] ?? 0) / n;
  const pyMs = (k: string) => py.ms_per_clip[k] ?? 0;
  console.log(`\nPart 1 — single core, features only (CPU ms per clip, best of ${ROUNDS} rounds)`);
  console.log(`${"feature".padEnd(10)} ${"ours".padStart(9)} ${"librosa".padStart(9)} ${"speed-up".padStart(9)}`);
  for (const k of KEYS) {
    if (NO_TONNETZ && k === "tonnetz") continue;
    const a = oursMs(k);
    const b = pyMs(k);
    console.log(`${k.padEnd(10)} ${a.toFixed(2).padStart(9)} ${b.toFixed(2).padStart(9)} ${(b / a).toFixed(2).padStart(8)}×`);
  }
  const oursTotal = ours.total / n;
  const pyTotal = (1000 * py.cpu_seconds) / n;
  console.log(`${"total".padEnd(10)} ${oursTotal.toFixed(2).padStart(9)} ${pyTotal.toFixed(2).padStart(9)} ${(pyTotal / oursTotal).toFixed(2).padStart(8)}×`);
  if (!NO_TONNETZ) {
    const a = oursTotal - oursMs("tonnetz");
    const b = pyTotal - pyMs("tonnetz");
    console.log(`${"w/o tonnetz".padEnd(10)} ${a.toFixed(2).padStart(9)} ${b.toFixed(2).padStart(9)} ${(b / a).toFixed(2).padStart(8)}×`);
  }
  console.log(
    `clips per CPU-second: ours ${(1000 / oursTotal).toFixed(1)}, librosa ${(1000 / pyTotal).toFixed(1)} (librosa ${py.librosa}, numpy ${py.numpy}); ratio ${(pyTotal / oursTotal).toFixed(2)}×`,
  );
  console.log(
    `clips per wall-second in the same rounds: ours ${((1000 * n) / ours.wall).toFixed(1)}, librosa ${(n / py.wall_seconds).toFixed(1)}; ratio ${((1000 * py.wall_seconds) / ours.wall).toFixed(2)}×`,
  );
  console.log("(CPU time counts all of a process's threads: for node that includes the JIT compiler and GC helpers.)");

  console.log(`\nPart 2 — extractDataset from dist/ (as notebooks run it), cache off, loading included (wall clock, ${n} clips)`);
  const items = files.map((p) => ({ path: p }));
  const extractDataset = distExtractDataset();
  const base = await extractDataset(items, cfg, { workers: 1, cacheDir: null });
  const rate1 = n / base.stats.seconds;
  console.log(`workers 1: ${base.stats.seconds.toFixed(2)} s, ${rate1.toFixed(1)} clips/s`);
  if (WORKERS > 1) {
    const multi = await extractDataset(items, cfg, { workers: WORKERS, cacheDir: null });
    const rate = n / multi.stats.seconds;
    console.log(
      `workers ${WORKERS}: ${multi.stats.seconds.toFixed(2)} s, ${rate.toFixed(1)} clips/s — scaling ${(rate / rate1).toFixed(2)}× on ${WORKERS} workers`,
    );
    for (let i = 0; i < n; i++) {
      if (!base.features[i] || !multi.features[i] || base.features[i]!.data.some((v, j) => v !== multi.features[i]!.data[j]))
        throw new Error(`clip ${files[i]}: results differ between 1 and ${WORKERS} workers`);
    }
    const seconds = await independentProcesses(files, cfg, WORKERS);
    console.log(
      `reference, the machine's ceiling: ${WORKERS} independent node processes, each extracting one clip in ${WORKERS} in its main thread: ${seconds.toFixed(2)} s, ${(n / seconds).toFixed(1)} clips/s — ${(n / seconds / rate1).toFixed(2)}× the 1-worker rate`,
    );
  }

  if (flag("tuning")) {
    const every = allClips(ROOT);
    console.log(`\nTuning parity — estimate_tuning on ${every.length} clips at the native rate (from y, and from S = |stft|²)`);
    const tl = path.join(os.tmpdir(), `ser-bench-tuning-${process.pid}.json`);
    fs.writeFileSync(tl, JSON.stringify(every));
    const ref = runPython([tl, "--tuning"]).tuning as Record<string, [number, number]>;
    fs.rmSync(tl, { force: true });
    let eqY = 0;
    let eqS = 0;
    const bad: string[] = [];
    for (const f of every) {
      const { y, sr } = load(f, { sr: null });
      const tY = estimateTuning(y, { sr });
      const tS = estimateTuning(spectra(y).power, { sr });
      if (tY === ref[f][0]) eqY++;
      else bad.push(`${f}: y ${tY} vs ${ref[f][0]}`);
      if (tS === ref[f][1]) eqS++;
      else bad.push(`${f}: S ${tS} vs ${ref[f][1]}`);
    }
    console.log(`equal to librosa: from y ${eqY}/${every.length}, from S ${eqS}/${every.length}`);
    for (const b of bad.slice(0, 10)) console.log(`  ${b}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
