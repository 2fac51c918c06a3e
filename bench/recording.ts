/**
 * A 10-minute MP3, end to end: read + decode (WebAssembly mpg123) + resample to the model's rate,
 * voice-activity detection, features of every window, and the model — `predictTimeline`, what
 * `ser predict long.mp3 --segments` runs. Goal: under 10 s on one core.
 *
 *   npm run bench:recording [-- --minutes 10] [--in-place]
 *
 * The MP3 is made at bench time (never committed): RAVDESS sentences (data/ravdess, `npm run data`)
 * with 1 s pauses, repeated to the length asked, encoded by Debian's ffmpeg (128 kbit/s, 48 kHz
 * mono). The model is a fresh seed network on the default summary features (untrained: the weights
 * do not change the time), scoring single clips (global normalisation).
 * Reference in the same run: ffmpeg decoding the same MP3 to PCM (`ffmpeg -i long.mp3 -f f32le`).
 * `npm run bench:recording` pins the process to one core (`taskset -c 0`).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { clipFeatures, featureConfig } from "../src/features/clip-features";
import { buildCnnLstm } from "../src/model/cnn-lstm";
import type { ModelBundle } from "../src/model/bundle";
import { EMOTIONS } from "../src/data/ravdess";
import { projectPath } from "../src/util/paths";
import { load } from "../src/audio/load-file";
import { loadAsync } from "../src/audio/load-async";
import { encodeWav } from "../src/audio/wav";
import { predictSegments } from "../src/experiment/timeline";
import { voicedIntervals } from "../src/effects/voiced-intervals";
import { allClips, pick } from "./ravdess-clips";
import { isolateNote, rerunInCleanIsolate } from "./clean-isolate";

const args = process.argv.slice(2);
const opt = (name: string, def: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const MINUTES = opt("minutes", 10);

function ffmpeg(argv: string[]): void {
  const r = spawnSync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", ...argv], { stdio: ["ignore", "ignore", "inherit"] });
  if (r.error) throw new Error(`ffmpeg not found (${r.error.message}): install Debian's ffmpeg (apt-get install ffmpeg) to make the benchmark's MP3`);
  if (r.status !== 0) throw new Error(`ffmpeg ${argv.join(" ")} failed`);
}

const seconds = (t0: number) => (performance.now() - t0) / 1000;
/** CPU seconds (user + system) of this process since `c0`: what the machine's other load does not inflate. */
const cpu = (c0: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
};

/** Milliseconds per clip of `clipFeatures` over `n` windows of `y` (median). */
function featureMs(y: Float32Array, cfg: ReturnType<typeof featureConfig>, n = 15): number {
  const w = Math.round(cfg.duration! * cfg.sr);
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    clipFeatures(y.subarray(i * w, (i + 1) * w), cfg);
    ms.push(performance.now() - t);
  }
  return ms.sort((a, b) => a - b)[n >> 1];
}

async function main(): Promise<void> {
  if (rerunInCleanIsolate(__filename)) return;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "ser-bench-rec-"));
  try {
    console.log(`bench:recording — ${MINUTES}-minute MP3, decode + VAD + features + model; ${os.availableParallelism()} core(s) available to this process`);
    console.log(isolateNote());
    // 1. the recording
    const sr = 48000;
    const clips = pick(allClips(projectPath("data", "ravdess")), 40).map((f) => load(f, { sr }).y);
    const total = Math.round(MINUTES * 60 * sr);
    const y = new Float32Array(total);
    for (let at = 0, k = 0; at < total; k++) {
      const c = clips[k % clips.length];
      y.set(c.subarray(0, Math.min(c.length, total - at)), at);
      at += c.length + sr;
    }
    const wav = path.join(work, "long.wav");
    const mp3 = path.join(work, "long.mp3");
    fs.writeFileSync(wav, encodeWav(y, sr));
    ffmpeg(["-i", wav, "-c:a", "libmp3lame", "-b:a", "128k", mp3]);
    console.log(`recording: ${MINUTES} min, ${(fs.statSync(mp3).size / 1e6).toFixed(1)} MB MP3 (128 kbit/s, ${sr} Hz mono)`);

    // 2. reference: ffmpeg's own decode of the same file
    let t0 = performance.now();
    ffmpeg(["-i", mp3, "-f", "f32le", "-ac", "1", path.join(work, "pcm.f32")]);
    const ffmpegDecode = seconds(t0);

    // 3. the model (seed weights), as a bundle scoring single clips
    const cfg = featureConfig();
    const d = clipFeatures(new Float32Array(Math.round(cfg.duration! * cfg.sr)), cfg).cols;
    const bundle = {
      model: buildCnnLstm({ inputShape: [d, 1], numClasses: EMOTIONS.length, seed: 7 }),
      featureConfig: cfg,
      standardizer: null,
      labels: [...EMOTIONS],
      trainingConfig: { normalization: "global" },
    } as unknown as ModelBundle;
    const y22 = load(wav, { sr: cfg.sr, duration: 60 }).y;
    predictSegments(bundle, y22.subarray(0, 10 * cfg.sr)); // warm-up: JIT, TensorFlow graph
    const featuresBefore = featureMs(y22, cfg);

    // 4. end to end, with its parts timed on their own afterwards
    t0 = performance.now();
    const c0 = process.cpuUsage();
    const audio = await loadAsync(mp3, { sr: cfg.sr });
    const tDecode = seconds(t0);
    const cDecode = cpu(c0);
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    const segments = predictSegments(bundle, audio.y);
    const tScore = seconds(t1);
    const cScore = cpu(c1);
    const endToEnd = seconds(t0);
    const cEndToEnd = cpu(c0);
    const featuresAfter = featureMs(y22, cfg);
    const t2 = performance.now();
    const intervals = voicedIntervals(audio.y, { sr: cfg.sr });
    const tVad = seconds(t2);
    const windows = segments.reduce((n, s) => n + s.windows, 0);
    const voiced = intervals.reduce((n, s) => n + (s.end - s.start), 0) / cfg.sr;

    console.log(
      `\n${segments.length} voiced segments (${voiced.toFixed(0)} s of ${(audio.y.length / cfg.sr).toFixed(0)} s), ${windows} model windows of ${cfg.duration} s`,
    );
    console.log(
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")} (wall clock is inflated on a shared machine; CPU seconds are this process's own)`,
    );
    console.log(`                                        wall      CPU`);
    console.log(
      `read + decode + resample to ${cfg.sr} Hz: ${tDecode.toFixed(2).padStart(6)} s ${cDecode.toFixed(2).padStart(6)} s   (ffmpeg decoding the same file: ${ffmpegDecode.toFixed(2)} s wall; ratio ${(tDecode / ffmpegDecode).toFixed(1)}×)`,
    );
    console.log(
      `VAD + features + model:                ${tScore.toFixed(2).padStart(6)} s ${cScore.toFixed(2).padStart(6)} s   (VAD alone ${tVad.toFixed(2)} s; ${((1000 * (tScore - tVad)) / windows).toFixed(1)} ms per window)`,
    );
    console.log(`end to end:                            ${endToEnd.toFixed(2).padStart(6)} s ${cEndToEnd.toFixed(2).padStart(6)} s   (goal < 10 s)`);
    console.log(
      `features of one 3 s window, median: ${featuresBefore.toFixed(1)} ms before any WebAssembly decode, ${featuresAfter.toFixed(1)} ms after (ratio ${(featuresAfter / featuresBefore).toFixed(2)})`,
    );
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
