/**
 * Resampling and loading speed: ours against librosa/soxr (through the project venv), same inputs,
 * same machine, one run. Prints CPU time per clip (robust when other jobs share the machine),
 * clips per second of CPU, and the ratio.
 *
 *   npx tsx bench/resample.ts [--reps 30] [--clips 1200]
 *
 * Part 1 resamples a 3 s clip for the ratios the toolkit uses (48 kHz → 22.05 kHz as librosa.load,
 * 2:1 with scale as librosa's CQT, ±2 semitones as pitch_shift). Part 2 loads real RAVDESS clips
 * (decode + mono + resample to 22.05 kHz) from bytes already in memory, if the shared zip exists.
 */
import { listRavdessEntries, locateRavdess, ravdessHowTo, readRavdessEntry } from "../src/data/locate";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { resample } from "../src/dsp/resample";
import { loadBytes } from "../src/audio/load";
import { venvPython } from "../src/util/paths";

const args = process.argv.slice(2);
const opt = (name: string, def: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const REPS = opt("reps", 30);
const CLIPS = opt("clips", 1200);

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** CPU time of this process in ms (less disturbed than wall time when other jobs share the machine). */
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Median CPU time (ms) of fn over `reps` runs after 3 warm-up runs. */
function timeMs(fn: () => void, reps: number): number {
  for (let i = 0; i < 3; i++) fn();
  const t: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = cpuMs();
    fn();
    t.push(cpuMs() - t0);
  }
  return median(t);
}

function python(script: string, input: object): Record<string, number> {
  const r = spawnSync(venvPython(), ["-c", script], { input: JSON.stringify(input), encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop() as string);
}

const PY_RESAMPLE = `
import json, sys, time, numpy as np, librosa
cfg = json.load(sys.stdin)
x = np.fromfile(cfg["file"], dtype="<f4")
out = {}
for c in cfg["cases"]:
    f = lambda: librosa.resample(x[: c["n"]], orig_sr=c["orig"], target_sr=c["target"], res_type="soxr_hq", scale=c["scale"])
    for _ in range(3): f()
    t = []
    for _ in range(cfg["reps"]):
        t0 = time.process_time(); f(); t.append((time.process_time() - t0) * 1e3)
    out[c["name"]] = float(np.median(t))
print(json.dumps(out))
`;

const PY_LOAD = `
import json, sys, time, io, zipfile, numpy as np, librosa
cfg = json.load(sys.stdin)
if cfg["zip"]:
    z = zipfile.ZipFile(cfg["zip"])
    blobs = [z.read(n) for n in cfg["names"]]
else:
    blobs = [open(cfg["folder"] + "/" + n, "rb").read() for n in cfg["names"]]
librosa.load(io.BytesIO(blobs[0]), sr=22050)
w0, c0 = time.perf_counter(), time.process_time()
for b in blobs: librosa.load(io.BytesIO(b), sr=22050)
print(json.dumps({"wall_ms": (time.perf_counter() - w0) * 1e3, "cpu_ms": (time.process_time() - c0) * 1e3}))
`;

async function main(): Promise<void> {
  console.log(
    `node ${process.version}, ${os.cpus()[0]?.model ?? "cpu"} × ${os.cpus().length}, load average ${os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(" ")}`,
  );
  // A 3 s test signal: chirp + noise, float32, regenerated identically for every case.
  const n = 48000 * 3;
  const x = new Float32Array(n);
  let state = 1;
  for (let i = 0; i < n; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const t = i / 48000;
    x[i] = 0.4 * Math.sin(2 * Math.PI * (50 * t + 1500 * t * t)) + 0.1 * ((2 * state) / 4294967296 - 1);
  }
  const file = path.join(os.tmpdir(), `bench-resample-${process.pid}.f32`);
  fs.writeFileSync(file, Buffer.from(x.buffer));
  const sr = 22050;
  const cases = [
    { name: "48000 → 22050 (librosa.load)", n, orig: 48000, target: 22050, scale: false },
    { name: "22050 → 11025, scale (CQT octave)", n: 3 * sr, orig: 22050, target: 11025, scale: true },
    { name: "pitch +2 st: 24750.3 → 22050", n: 3 * sr, orig: sr / 2 ** (-2 / 12), target: sr, scale: false },
    { name: "pitch −2 st: 19644.3 → 22050", n: 3 * sr, orig: sr / 2 ** (2 / 12), target: sr, scale: false },
  ];
  try {
    const py = python(PY_RESAMPLE, { file, reps: REPS, cases });
    console.log(`\nresample one 3 s clip (median CPU time of ${REPS} runs):`);
    console.log(
      `${"case".padEnd(36)} ${"ours ms".padStart(8)} ${"soxr ms".padStart(8)} ${"ours clips/s".padStart(13)} ${"soxr clips/s".padStart(13)}  ours/soxr time`,
    );
    for (const c of cases) {
      const xs = x.subarray(0, c.n);
      const ours = timeMs(() => resample(xs, { origSr: c.orig, targetSr: c.target, scale: c.scale }), REPS);
      const ref = py[c.name];
      console.log(
        `${c.name.padEnd(36)} ${ours.toFixed(2).padStart(8)} ${ref.toFixed(2).padStart(8)} ${(1000 / ours).toFixed(0).padStart(13)} ${(1000 / ref).toFixed(0).padStart(13)}  ${(ours / ref).toFixed(2)}×`,
      );
    }
  } finally {
    fs.rmSync(file, { force: true });
  }

  const loc = locateRavdess();
  if (!loc) {
    console.log(`\n(skipping the load benchmark: ${ravdessHowTo()})`);
    return;
  }
  const names = (await listRavdessEntries(loc)).slice(0, CLIPS);
  const blobs: Buffer[] = [];
  for (const name of names) blobs.push(Buffer.from(await readRavdessEntry(loc, name)));
  loadBytes(blobs[0]);
  const w0 = performance.now();
  const c0 = cpuMs();
  let samples = 0;
  for (let i = 0; i < blobs.length; i++) samples += loadBytes(blobs[i], { name: names[i] }).y.length;
  const ours = { wall: performance.now() - w0, cpu: cpuMs() - c0 };
  const py = python(PY_LOAD, { zip: loc.kind === "zip" ? loc.path : null, folder: loc.kind === "folder" ? loc.path : null, names });
  const rate = (ms: number) => ((blobs.length * 1000) / ms).toFixed(0);
  console.log(`\nload ${blobs.length} RAVDESS clips from memory (decode 16-bit WAV, resample 48 kHz → 22.05 kHz; ${samples} output samples):`);
  console.log(`  ours          wall ${(ours.wall / 1000).toFixed(2)} s, CPU ${(ours.cpu / 1000).toFixed(2)} s  (${rate(ours.cpu)} clips/s of CPU)`);
  console.log(`  librosa.load  wall ${(py.wall_ms / 1000).toFixed(2)} s, CPU ${(py.cpu_ms / 1000).toFixed(2)} s  (${rate(py.cpu_ms)} clips/s of CPU)`);
  console.log(`  ours/librosa CPU time ${(ours.cpu / py.cpu_ms).toFixed(2)}×`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
