#!/usr/bin/env node
// `npm run parity`: runs the librosa parity tests (committed fixtures from test/fixtures/make_*.py,
// identical input samples on both sides) and prints the worst error reached per feature as a
// Markdown table — the table in the README comes from this command.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const files = [
  "test/features/parity.test.ts",
  "test/features/chroma-cqt.test.ts",
  "test/features/tonnetz.test.ts",
  "test/audio/resample.test.ts",
  "test/audio/load.test.ts",
];
const r = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-reporter=tap", ...files], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26 });
const worst = new Map();
const snr = [];
for (const line of r.stdout.split("\n")) {
  const s =
    /^\s*# (\w+_(?:48k_to_22k|2to1_scale|22k|22k_to_48k|48k_to_12k)(?:_soxr_\w+)?): SNR (\S+) dB/.exec(line) ??
    /^\s*# (Actor_\S+): .*SNR ≈ (\S+) dB/.exec(line);
  if (s) snr.push([s[1].startsWith("Actor_") ? `load(sr=22050): RAVDESS ${s[1]}` : s[1], s[2]]);
  const m = /^\s*# parity (\S+) (\S+) ([0-9.e+-]+)/.exec(line);
  if (!m) continue;
  const [, feature, signal, err] = m;
  const w = worst.get(feature) ?? { err: 0, signals: new Set(), at: "" };
  w.signals.add(signal);
  if (Number(err) >= w.err) Object.assign(w, { err: Number(err), at: signal });
  worst.set(feature, w);
}
const summary = /# pass (\d+)[\s\S]*# fail (\d+)/.exec(r.stdout);
const ROWS = [
  ["mel_db", "melspectrogram, in dB (power_to_db)", "1e-3 dB"],
  ["mfcc", "mfcc (20)", "1e-3"],
  ["mfcc40", "mfcc (40, the model's)", "1e-3"],
  ["chroma", "chromaStft (tuning estimated)", "1e-4"],
  ["contrast", "spectralContrast", "1e-4"],
  ["zcr", "zeroCrossingRate", "1e-4"],
  ["rms", "rms", "1e-4"],
  ["chroma_cqt", "chromaCqt (tonnetz's input)", "—"],
  ["tonnetz", "tonnetz(y)", "1e-3"],
  ["tonnetz_harmonic", "tonnetz(harmonic(y)), as the seed", "1e-3"],
];
console.log("| feature | max abs error vs librosa 0.11 | target | signals compared | worst on |");
console.log("|---|---|---|---|---|");
for (const [key, label, target] of ROWS) {
  const w = worst.get(key);
  if (w) console.log(`| ${label} | ${w.err.toExponential(1)} | ${target} | ${w.signals.size} | ${w.at} |`);
}
console.log("\n| resampling (ours vs librosa.resample / librosa.load, soxr_hq unless named) | SNR (dB) |\n|---|---|");
for (const [name, db] of snr) console.log(`| ${name} | ${db === "Infinity" ? "identical" : db} |`);
console.log(`\n${summary ? `${summary[1]} parity tests passed, ${summary[2]} failed` : "no test summary"} (${files.join(", ")})`);
process.exit(r.status ?? 1);
