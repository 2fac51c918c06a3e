/**
 * Training speed of the seed CNN+LSTM: tfjs-node (fused and tfjs-layers LSTM) against Keras 3 on
 * TensorFlow CPU, same network, same arrays, same batch size and epochs, in one run.
 *
 *   npx tsx bench/train.ts [--clips 4000] [--batch-size 64] [--epochs 2] [--warmup 1] [--rounds 2]
 *                          [--shapes 195x1,130x177] [--impls fused,fused-lstm,layers] [--latency-clips 200]
 *
 * Implementations: "fused" (the default network: fused LSTM, Conv1D and BatchNormalization),
 * "fused-lstm" (fused LSTM, tfjs-layers Conv1D and BatchNormalization), "layers" (tfjs-layers
 * throughout, as a plain tfjs port would be). All use SeededDropout and FlatAdam.
 *
 * For each input shape: seeded random clips and labels are written once to temporary raw files;
 * then, `rounds` times, Keras trains on them in a subprocess (the project venv) and each tfjs-node
 * implementation trains in this process, one after the other (never at the same time). The first
 * `warmup` epochs of each training are excluded. The table shows the best round (the machine is
 * shared; the best is the least disturbed) and every round's mean. Then single-clip inference
 * latency: one clip at a time through `predictProba` (model part only), median of `latency-clips`.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs-node";
import { buildCnnLstm, type LstmImpl } from "../src/model/cnn-lstm";
import { trainModel } from "../src/model/train";
import { predictProba } from "../src/model/bundle";
import { Rng } from "../src/util/rng";
import { projectPath, venvPython } from "../src/util/paths";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}
const clips = Number(arg("clips", "4000"));
const batchSize = Number(arg("batch-size", "64"));
const epochs = Number(arg("epochs", "2"));
const warmup = Number(arg("warmup", "1"));
const latencyClips = Number(arg("latency-clips", "200"));
const rounds = Number(arg("rounds", "2"));
const shapes = arg("shapes", "195x1,130x177").split(",").map((s) => s.split("x").map(Number) as [number, number]);
type Impl = "fused" | "fused-lstm" | "layers";
const impls = arg("impls", "fused,fused-lstm,layers").split(",") as Impl[];
const IMPL_CONFIG: Record<Impl, { lstmImpl: LstmImpl; convBnImpl: LstmImpl }> = {
  fused: { lstmImpl: "fused", convBnImpl: "fused" },
  "fused-lstm": { lstmImpl: "fused", convBnImpl: "layers" },
  layers: { lstmImpl: "layers", convBnImpl: "layers" },
};

const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
const median = (a: number[]) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];

interface Row {
  shape: string;
  impl: string;
  secondsPerEpoch: number;
  epochSeconds: number[];
  latencyMs: number;
}

async function tfjsRun(shape: [number, number], impl: Impl, x: Float32Array, y: Int32Array): Promise<Row> {
  if (!IMPL_CONFIG[impl]) throw new Error(`unknown --impls entry ${JSON.stringify(impl)}`);
  const model = buildCnnLstm({ inputShape: shape, seed: 1, ...IMPL_CONFIG[impl] });
  const seconds: number[] = [];
  await trainModel(model, { xTrain: x, yTrain: y, shape }, { epochs: warmup + epochs, batchSize, seed: 1, onEpochEnd: (log) => void seconds.push(log.seconds) });
  const clip = shape[0] * shape[1];
  const lat: number[] = [];
  for (let i = 0; i < latencyClips + 10; i++) {
    const xi = x.subarray((i % clips) * clip, (i % clips + 1) * clip);
    const t0 = performance.now();
    predictProba({ model, standardizer: null }, xi);
    if (i >= 10) lat.push(performance.now() - t0);
  }
  model.dispose();
  const timed = seconds.slice(warmup);
  return { shape: shape.join("x"), impl: `tfjs-node ${impl}`, secondsPerEpoch: mean(timed), epochSeconds: timed, latencyMs: median(lat) };
}

function kerasRun(shape: [number, number], xFile: string, yFile: string): Row & { latencyMsPredict: number; versions: unknown } {
  const res = spawnSync(
    venvPython(),
    [
      projectPath("bench", "train_keras.py"),
      "--x", xFile, "--y", yFile, "--n", String(clips), "--timesteps", String(shape[0]), "--features", String(shape[1]),
      "--batch-size", String(batchSize), "--epochs", String(epochs), "--warmup", String(warmup), "--latency-clips", String(latencyClips),
    ],
    { encoding: "utf8", env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: "2" }, maxBuffer: 64 << 20 },
  );
  const line = res.stdout.trim().split("\n").pop() ?? "";
  if (res.status !== 0 || !line.startsWith("{")) throw new Error(`bench/train_keras.py failed (status ${res.status}):\n${res.stderr.slice(-3000)}`);
  const r = JSON.parse(line);
  return {
    shape: shape.join("x"),
    impl: "keras",
    secondsPerEpoch: mean(r.epochSeconds),
    epochSeconds: r.epochSeconds,
    latencyMs: r.latencyMsCall,
    latencyMsPredict: r.latencyMsPredict,
    versions: r.versions,
  };
}

async function main(): Promise<void> {
  console.log(
    `bench/train: ${clips} clips, batch ${batchSize}, ${warmup} warm-up + ${epochs} timed epochs; ` +
      `tfjs-node ${tf.version["tfjs-node"]} (backend ${tf.getBackend()}), ${os.cpus().length} cores, load average ${os.loadavg().map((v) => v.toFixed(2)).join(" ")}`,
  );
  const rows: Row[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ser-bench-train-"));
  try {
    for (const shape of shapes) {
      const rng = new Rng(42);
      const x = rng.standardNormal(clips * shape[0] * shape[1]);
      const y = Int32Array.from({ length: clips }, () => rng.integers(0, 8));
      const xFile = path.join(dir, "x.f32");
      const yFile = path.join(dir, "y.i32");
      fs.writeFileSync(xFile, x);
      fs.writeFileSync(yFile, y);
      for (let round = 0; round < rounds; round++) {
        const keras = kerasRun(shape, xFile, yFile);
        rows.push(keras);
        console.log(`  round ${round + 1} ${keras.shape} keras: ${keras.secondsPerEpoch.toFixed(2)} s/epoch, single clip ${keras.latencyMs.toFixed(2)} ms (model(x)), ${keras.latencyMsPredict.toFixed(1)} ms (predict)`);
        for (const impl of impls) {
          const r = await tfjsRun(shape, impl, x, y);
          rows.push(r);
          console.log(`  round ${round + 1} ${r.shape} ${r.impl}: ${r.secondsPerEpoch.toFixed(2)} s/epoch, single clip ${r.latencyMs.toFixed(2)} ms (predictProba)`);
        }
      }
      fs.rmSync(xFile);
      fs.rmSync(yFile);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log("\n| input | implementation | best s/epoch | ratio to Keras (best) | every round, s/epoch | single-clip ms (best) |\n| --- | --- | --- | --- | --- | --- |");
  const best = (shape: string, impl: string) => rows.filter((q) => q.shape === shape && q.impl === impl);
  for (const shape of shapes.map((s) => s.join("x"))) {
    const k = Math.min(...best(shape, "keras").map((q) => q.secondsPerEpoch));
    for (const impl of ["keras", ...impls.map((i) => `tfjs-node ${i}`)]) {
      const rs = best(shape, impl);
      const b = Math.min(...rs.map((q) => q.secondsPerEpoch));
      const lat = Math.min(...rs.map((q) => q.latencyMs));
      console.log(`| ${shape} | ${impl} | ${b.toFixed(2)} | ${(b / k).toFixed(2)} | ${rs.map((q) => q.secondsPerEpoch.toFixed(2)).join(", ")} | ${lat.toFixed(2)} |`);
    }
  }
  console.log(`\nload average at the end: ${os.loadavg().map((v) => v.toFixed(2)).join(" ")}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
