/**
 * tonnetz as the seed project calls it — `librosa.feature.tonnetz(y=librosa.effects.harmonic(y), sr=sr)` —
 * ours against librosa 0.11 (through the project venv), on identical float32 samples, same machine,
 * one run. Prints per-stage speed (clips/s and the ratio) and per-stage parity (max abs error, SNR).
 *
 *   npx tsx bench/tonnetz.ts [--clips 20] [--sr 22050] [--duration 3] [--offset 0.5] [--reps 3]
 *
 * Clips are real RAVDESS files (every 60th entry of the shared zip: different actors and emotions),
 * decoded as int16/32768. At --sr 22050 (the seed's librosa.load default; offset 0.5 s and 3 s as
 * src/features/clip-features.ts) they are resampled by our soxr_hq port and cut to
 * [offset, offset + duration) s; the very same samples are handed to Python
 * through a temporary file (deleted at the end), so both sides see identical input. --sr 48000 uses
 * the native rate and the whole clip.
 *
 * Timing: each stage runs on every clip, `reps` times after a warm-up; per stage we report the
 * median over repetitions of the total CPU time (user + system; wall time is unreliable on a shared
 * machine) for all clips. Python runs with one BLAS/OpenMP thread. Stages:
 *   harmonic            effects.harmonic(y)
 *   tonnetz(harm)       feature.tonnetz(y=yh, sr) on a precomputed harmonic part (tuning estimation + CQT + chroma + projection)
 *   seed path           tonnetz(harmonic(y)) end to end
 *   cqt                 |cqt(y, sr, n_bins=252, bins_per_octave=36, tuning=0)|
 * Parity (ours vs librosa, on the same clips):
 *   harmonic SNR / max abs; |cqt| with soxr_hq and with res_type="fft" (isolates the resampler);
 *   librosa soxr_hq vs librosa fft (how much the resampler itself moves the CQT); estimated
 *   tuning equal; chroma_cqt(harm) and tonnetz(harm), tonnetz(y) max abs error.
 */
import { listRavdessEntries, readRavdessEntry, requireRavdess } from "../src/data/locate";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { decodeWav } from "../src/audio/wav";
import { resample } from "../src/dsp/resample";
import { harmonic } from "../src/dsp/hpss-audio";
import { cqt, cqtMagnitude } from "../src/dsp/cqt";
import { estimateTuning } from "../src/dsp/tuning";
import { chromaCqt } from "../src/features/chroma-cqt";
import { tonnetz } from "../src/features/tonnetz";
import { venvPython } from "../src/util/paths";

const args = process.argv.slice(2);
const opt = (name: string, def: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const CLIPS = opt("clips", 20);
const SR = opt("sr", 22050);
const DURATION = opt("duration", 3);
const OFFSET = opt("offset", 0.5);
const REPS = opt("reps", 3);

const PY = String.raw`
import json, sys, time, os, numpy as np, librosa
cfg = json.load(sys.stdin)
sr = cfg["sr"]
raw = np.fromfile(cfg["input"], dtype="<f4")
clips, o = [], 0
for n in cfg["lengths"]:
    clips.append(raw[o:o + n]); o += n
out = cfg["outdir"]
def save(name, i, x):
    np.asarray(x, dtype="<f4").tofile(os.path.join(out, f"{name}-{i}.f32"))
# parity outputs
tun = []
for i, y in enumerate(clips):
    yh = librosa.effects.harmonic(y)
    save("harm", i, yh)
    save("cqt", i, np.abs(librosa.cqt(y, sr=sr, n_bins=252, bins_per_octave=36, tuning=0.0)))
    save("cqtfft", i, np.abs(librosa.cqt(y, sr=sr, n_bins=252, bins_per_octave=36, tuning=0.0, res_type="fft")))
    save("chroma_h", i, librosa.feature.chroma_cqt(y=yh, sr=sr))
    save("tonnetz_h", i, librosa.feature.tonnetz(y=yh, sr=sr))
    save("tonnetz_y", i, librosa.feature.tonnetz(y=y, sr=sr))
    tun.append(float(librosa.estimate_tuning(y=yh, sr=sr, bins_per_octave=36)))
# timing
harms = [librosa.effects.harmonic(y) for y in clips]
stages = {
    "harmonic": lambda i: librosa.effects.harmonic(clips[i]),
    "tonnetz(harm)": lambda i: librosa.feature.tonnetz(y=harms[i], sr=sr),
    "seed path": lambda i: librosa.feature.tonnetz(y=librosa.effects.harmonic(clips[i]), sr=sr),
    "cqt": lambda i: np.abs(librosa.cqt(clips[i], sr=sr, n_bins=252, bins_per_octave=36, tuning=0.0)),
}
times = {}
for name, f in stages.items():
    f(0)
    tot = []
    for _ in range(cfg["reps"]):
        t0 = time.process_time()
        for i in range(len(clips)): f(i)
        tot.append((time.process_time() - t0) * 1e3)
    times[name] = float(np.median(tot))
print(json.dumps({"times": times, "tuning": tun}))
`;

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function readF32(file: string): Float32Array {
  const b = fs.readFileSync(file);
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

function maxAbs(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return a.length === b.length ? m : Infinity;
}

function maxOf(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

function snrDb(actual: ArrayLike<number>, ref: ArrayLike<number>): number {
  let s = 0;
  let e = 0;
  for (let i = 0; i < ref.length; i++) {
    s += ref[i] * ref[i];
    e += (actual[i] - ref[i]) ** 2;
  }
  return 10 * Math.log10(s / e);
}

async function main(): Promise<void> {
  console.log(
    `node ${process.version}, ${os.cpus()[0]?.model ?? "cpu"} × ${os.cpus().length}, load average ${os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(" ")}`,
  );
  const loc = requireRavdess();
  const entries = await listRavdessEntries(loc);
  const step = Math.max(1, Math.floor(entries.length / CLIPS));
  const names = entries.filter((_, i) => i % step === 0).slice(0, CLIPS);
  const clips: Float32Array[] = [];
  for (const name of names) {
    const { samples, sr } = decodeWav(await readRavdessEntry(loc, name), name);
    let y = samples[0];
    if (SR !== sr) {
      y = resample(y, { origSr: sr, targetSr: SR });
      y = y.slice(Math.round(OFFSET * SR), Math.round((OFFSET + DURATION) * SR));
    }
    clips.push(y);
  }
  const seconds = clips.reduce((s, y) => s + y.length, 0) / SR;
  console.log(
    `${clips.length} RAVDESS clips at ${SR} Hz, ${seconds.toFixed(1)} s of audio (${SR === 48000 ? "whole clips" : `${DURATION} s from ${OFFSET} s`})`,
  );

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-tonnetz-"));
  try {
    const input = path.join(dir, "input.f32");
    const all = new Float32Array(clips.reduce((s, y) => s + y.length, 0));
    let o = 0;
    for (const y of clips) {
      all.set(y, o);
      o += y.length;
    }
    fs.writeFileSync(input, Buffer.from(all.buffer));
    const r = spawnSync(venvPython(), ["-W", "ignore", "-c", PY], {
      input: JSON.stringify({ sr: SR, input, lengths: clips.map((y) => y.length), outdir: dir, reps: REPS }),
      encoding: "utf8",
      maxBuffer: 1 << 26,
      env: { ...process.env, OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1", MKL_NUM_THREADS: "1", NUMBA_NUM_THREADS: "1" },
    });
    if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
    const py = JSON.parse(r.stdout.trim().split("\n").pop() as string) as { times: Record<string, number>; tuning: number[] };

    // ---- parity
    let harmSnr = Infinity;
    let harmMax = 0;
    let cqtRel = 0;
    let cqtFftRel = 0;
    let resamplerRel = 0;
    let chromaMax = 0;
    let tzH = 0;
    let tzY = 0;
    let tuningSame = 0;
    const harms: Float32Array[] = [];
    clips.forEach((y, i) => {
      const yh = harmonic(y);
      harms.push(yh);
      const refH = readF32(path.join(dir, `harm-${i}.f32`));
      harmSnr = Math.min(harmSnr, snrDb(yh, refH));
      harmMax = Math.max(harmMax, maxAbs(yh, refH));
      const refC = readF32(path.join(dir, `cqt-${i}.f32`));
      const refCf = readF32(path.join(dir, `cqtfft-${i}.f32`));
      const scale = maxOf(refC);
      cqtRel = Math.max(cqtRel, maxAbs(cqtMagnitude(cqt(y, { sr: SR, nBins: 252, binsPerOctave: 36, tuning: 0 })).data, refC) / scale);
      cqtFftRel = Math.max(cqtFftRel, maxAbs(cqtMagnitude(cqt(y, { sr: SR, nBins: 252, binsPerOctave: 36, tuning: 0, resType: "fft" })).data, refCf) / scale);
      resamplerRel = Math.max(resamplerRel, maxAbs(refC, refCf) / scale);
      chromaMax = Math.max(chromaMax, maxAbs(chromaCqt(yh, { sr: SR }).data, readF32(path.join(dir, `chroma_h-${i}.f32`))));
      tzH = Math.max(tzH, maxAbs(tonnetz(yh, { sr: SR }).data, readF32(path.join(dir, `tonnetz_h-${i}.f32`))));
      tzY = Math.max(tzY, maxAbs(tonnetz(y, { sr: SR }).data, readF32(path.join(dir, `tonnetz_y-${i}.f32`))));
      if (Math.abs(estimateTuning(yh, { sr: SR, binsPerOctave: 36 }) - py.tuning[i]) < 1e-9) tuningSame++;
    });
    console.log("\nparity, worst clip (ours vs librosa 0.11 on identical samples):");
    console.log(`  harmonic(y)                 SNR ${harmSnr.toFixed(1)} dB, max abs error ${harmMax.toExponential(2)}`);
    console.log(`  |cqt| soxr_hq               max abs error / max |C| = ${cqtRel.toExponential(2)}`);
    console.log(`  |cqt| res_type="fft"        max abs error / max |C| = ${cqtFftRel.toExponential(2)}   (no soxr involved: the CQT stages alone)`);
    console.log(`  librosa soxr_hq vs fft      max abs difference / max |C| = ${resamplerRel.toExponential(2)}   (what the choice of resampler moves)`);
    console.log(`  estimate_tuning(harm)       equal on ${tuningSame}/${clips.length} clips`);
    console.log(`  chroma_cqt(harm)            max abs error ${chromaMax.toExponential(2)}`);
    console.log(`  tonnetz(harmonic(y))        max abs error ${tzH.toExponential(2)}`);
    console.log(`  tonnetz(y)                  max abs error ${tzY.toExponential(2)}`);

    // ---- timing
    const stages: Record<string, (i: number) => unknown> = {
      harmonic: (i) => harmonic(clips[i]),
      "tonnetz(harm)": (i) => tonnetz(harms[i], { sr: SR }),
      "seed path": (i) => tonnetz(harmonic(clips[i]), { sr: SR }),
      cqt: (i) => cqtMagnitude(cqt(clips[i], { sr: SR, nBins: 252, binsPerOctave: 36, tuning: 0 })),
    };
    console.log(`\nspeed, ${clips.length} clips, CPU time, median of ${REPS} repetitions (one thread each side):`);
    console.log(
      `${"stage".padEnd(16)} ${"ours ms".padStart(9)} ${"librosa ms".padStart(11)} ${"ours clips/s".padStart(13)} ${"librosa clips/s".padStart(16)}  speed-up`,
    );
    for (const [name, f] of Object.entries(stages)) {
      f(0);
      const tot: number[] = [];
      for (let k = 0; k < REPS; k++) {
        const t0 = process.cpuUsage();
        for (let i = 0; i < clips.length; i++) f(i);
        const u = process.cpuUsage(t0);
        tot.push((u.user + u.system) / 1000);
      }
      const ours = median(tot);
      const ref = py.times[name];
      console.log(
        `${name.padEnd(16)} ${ours.toFixed(1).padStart(9)} ${ref.toFixed(1).padStart(11)} ${((clips.length * 1000) / ours).toFixed(1).padStart(13)} ${((clips.length * 1000) / ref).toFixed(1).padStart(16)}  ${(ref / ours).toFixed(2)}×`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
