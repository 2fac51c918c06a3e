/**
 * Throughput of time stretching and pitch shifting on real RAVDESS clips (3 s at 22050 Hz, loaded
 * like librosa.load(path, sr=22050, offset=0.5, duration=3)), ours against librosa 0.11 in the same
 * run, one core each. The machine is shared, so the two sides alternate pass by pass (a pass = every
 * clip once) and each keeps its best pass. Prints clips/s, the ratio (> 1: we are faster) and our
 * parity with librosa on the first clip.
 *
 * Run: npx tsx bench/augment.ts [--clips 8] [--rounds 7] [--in-place]
 *
 * Timing runs in a clean V8 isolate (the script re-runs itself without tsx's ESM loader, see
 * ./clean-isolate.ts); --in-place times in the tsx process instead.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { spawn } from "node:child_process";
import { listRavdessEntries, readRavdessEntry, requireRavdess } from "../src/data/locate";
import { loadBytes } from "../src/audio/load";
import { fixLength } from "../src/dsp/fix-length";
import { timeStretch } from "../src/augment/time-stretch";
import { pitchShift } from "../src/augment/pitch-shift";
import { isolateNote, rerunInCleanIsolate } from "./clean-isolate";

const RAVDESS = requireRavdess();
const SR = 22050;
const N = 3 * SR;
const ROOT = path.join(__dirname, "..");

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}

const OPS: Record<string, (y: Float32Array) => Float32Array> = {
  "time_stretch(rate=0.8)": (y) => timeStretch(y, { rate: 0.8 }),
  "time_stretch(rate=1.25)": (y) => timeStretch(y, { rate: 1.25 }),
  "pitch_shift(n_steps=0.7)": (y) => pitchShift(y, { sr: SR, nSteps: 0.7 }),
  "pitch_shift(n_steps=-2)": (y) => pitchShift(y, { sr: SR, nSteps: -2 }),
};

function snrDb(a: Float32Array, ref: Float32Array): number {
  let s = 0;
  let e = 0;
  for (let i = 0; i < ref.length; i++) {
    s += ref[i] * ref[i];
    e += (a[i] - ref[i]) ** 2;
  }
  return 10 * Math.log10(s / e);
}

async function main(): Promise<void> {
  if (rerunInCleanIsolate(__filename)) return;
  const nClips = arg("clips", 8);
  const rounds = arg("rounds", 7);
  const names = await listRavdessEntries(RAVDESS);
  const picks = Array.from({ length: nClips }, (_, i) => names[Math.floor(((i + 0.5) * names.length) / nClips)]);
  const clips: Float32Array[] = [];
  for (const name of picks) {
    const { y } = loadBytes(await readRavdessEntry(RAVDESS, name), { name, sr: SR, offset: 0.5, duration: 3 });
    clips.push(fixLength(y, { size: N }));
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-augment-"));
  const raw = path.join(tmp, "clips.f32");
  const all = new Float32Array(nClips * N);
  clips.forEach((c, i) => all.set(c, i * N));
  fs.writeFileSync(raw, Buffer.from(all.buffer));

  const py = spawn(path.join(ROOT, ".venv/bin/python"), [path.join(__dirname, "augment_librosa.py"), raw, String(N)], {
    env: { ...process.env, OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1", MKL_NUM_THREADS: "1" },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = readline.createInterface({ input: py.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<string> => {
    const r = await lines.next();
    if (r.done) throw new Error("augment_librosa.py exited early");
    return r.value;
  };
  const ask = async (cmd: string): Promise<string> => {
    py.stdin.write(`${cmd}\n`);
    return next();
  };
  try {
    const hello = JSON.parse(await next()) as { versions: Record<string, string> };
    for (const op of Object.values(OPS)) for (let i = 0; i < 3; i++) op(clips[i % clips.length]); // JIT warm-up

    const ours: Record<string, number> = {};
    const theirs: Record<string, number> = {};
    for (let r = 0; r < rounds; r++) {
      for (const [name, op] of Object.entries(OPS)) {
        const t = performance.now();
        for (const y of clips) op(y);
        ours[name] = Math.min(ours[name] ?? Infinity, (performance.now() - t) / 1000);
        theirs[name] = Math.min(theirs[name] ?? Infinity, Number(await ask(`time ${name}`)));
      }
    }

    console.log(`augmentation throughput: ${nClips} RAVDESS clips × 3 s at ${SR} Hz, best of ${rounds} alternating passes, one core each`);
    console.log(
      `node ${process.version}; librosa ${hello.versions.librosa}, numpy ${hello.versions.numpy}, soxr ${hello.versions.soxr}; load average ${os
        .loadavg()
        .map((v) => v.toFixed(2))
        .join(" ")}`,
    );
    console.log(isolateNote());
    console.log(
      `${"operation".padEnd(26)} ${"ours clips/s".padStart(13)} ${"librosa clips/s".padStart(16)} ${"ratio".padStart(7)}   parity on clip 0 (SNR vs librosa)`,
    );
    for (const name of Object.keys(OPS)) {
      const dump = path.join(tmp, `librosa-${Object.keys(OPS).indexOf(name)}.f32`);
      await ask(`dump ${name} ${dump}`);
      const b = fs.readFileSync(dump);
      const ref = new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
      const out = OPS[name](clips[0]);
      const parity = out.length === ref.length ? `${snrDb(out, ref).toFixed(1)} dB` : `length ${out.length} vs ${ref.length}`;
      const a = nClips / ours[name];
      const l = nClips / theirs[name];
      console.log(`${name.padEnd(26)} ${a.toFixed(1).padStart(13)} ${l.toFixed(1).padStart(16)} ${(a / l).toFixed(2).padStart(6)}×   ${parity}`);
    }
    py.stdin.write("quit\n");
  } finally {
    py.stdin.end();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
