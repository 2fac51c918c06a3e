/**
 * Training speed of the CNN+LSTM architectures: tfjs-node (fused and tfjs-layers LSTM) against
 * Keras 3 on TensorFlow CPU, same network, same arrays, same batch size and epochs, in one run.
 *
 *   npx tsx bench/train.ts [--clips 4000] [--batch-size 64] [--epochs 2] [--warmup 1] [--rounds 2]
 *                          [--shapes 195x1,130x177] [--impls fused,fused-lstm,layers] [--latency-clips 200]
 *                          [--archs seed,attention]
 *
 * Architectures (`--archs`, options of `buildCnnLstm` on top of its defaults): "seed" (the seed
 * network), "mean" (pooling "mean"), "attention" (pooling "attention": the pooling of
 * configs/best.json), "bidirectional", "bi-attention" (both), "residual2" (two LSTM layers, the
 * second residual, attention pooling: ResLSTM-SA's recurrent part), "conv2d" (frontEnd "conv2d"),
 * "best" (the `model` section of configs/best.json as it is). The Keras side builds the same
 * layers from the resolved configuration (bench/train_keras.py); the two parameter counts are
 * printed and must be equal (the bench stops otherwise). 130x177 is the input of configs/best.json
 * (130 frames of mfcc 40 + mel 128 + contrast 7 + zcr + rms).
 *
 * Implementations: "fused" (the default network: fused LSTM, Conv1D and BatchNormalization),
 * "fused-lstm" (fused LSTM, tfjs-layers Conv1D and BatchNormalization), "layers" (tfjs-layers
 * throughout, as a plain tfjs port would be). All use SeededDropout and FlatAdam.
 *
 * For each input shape: seeded random clips and labels are written once to temporary raw files;
 * then, `rounds` times and for each architecture, Keras trains on them in a subprocess (the project
 * venv) and each tfjs-node implementation trains in this process, one after the other (never at
 * the same time). The first
 * `warmup` epochs of each training are excluded. The table shows the best round (the machine is
 * shared; the best is the least disturbed) and every round's mean, and the best round's CPU
 * seconds per epoch (user + system, all threads of the process: the work done, less disturbed by
 * other processes than wall-clock time on a loaded machine, though not immune to it). Then single-clip inference
 * latency: one clip at a time through `predictProba` (model part only), median of `latency-clips`.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs-node";
import { buildCnnLstm, resolveCnnLstmConfig, type CnnLstmConfig, type LstmImpl } from "../src/model/cnn-lstm";
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
const shapes = arg("shapes", "195x1,130x177")
  .split(",")
  .map((s) => s.split("x").map(Number) as [number, number]);
type Impl = "fused" | "fused-lstm" | "layers";
const impls = arg("impls", "fused,fused-lstm,layers").split(",") as Impl[];
const IMPL_CONFIG: Record<Impl, { lstmImpl: LstmImpl; convBnImpl: LstmImpl }> = {
  fused: { lstmImpl: "fused", convBnImpl: "fused" },
  "fused-lstm": { lstmImpl: "fused", convBnImpl: "layers" },
  layers: { lstmImpl: "layers", convBnImpl: "layers" },
};
for (const impl of impls)
  if (!IMPL_CONFIG[impl]) throw new Error(`unknown --impls entry ${JSON.stringify(impl)} (one of ${Object.keys(IMPL_CONFIG).join(", ")})`);

/** The `model` section of configs/best.json (the fields of CnnLstmConfig that it sets). */
function bestModel(): Partial<CnnLstmConfig> {
  const file = projectPath("configs", "best.json");
  const model = JSON.parse(fs.readFileSync(file, "utf8")).model;
  if (!model || typeof model !== "object") throw new Error(`${file} has no "model" section`);
  return model as Partial<CnnLstmConfig>;
}
/** Architectures: options of buildCnnLstm on top of its defaults (inputShape, seed and impls are set per run). */
const ARCHS: Record<string, () => Partial<CnnLstmConfig>> = {
  seed: () => ({}),
  mean: () => ({ pooling: "mean" }),
  attention: () => ({ pooling: "attention" }),
  bidirectional: () => ({ bidirectional: true }),
  "bi-attention": () => ({ bidirectional: true, pooling: "attention" }),
  residual2: () => ({ lstmLayers: 2, residual: true, pooling: "attention" }),
  conv2d: () => ({ frontEnd: "conv2d" }),
  best: bestModel,
};
const archs = arg("archs", "seed,attention").split(",");
for (const a of archs) if (!ARCHS[a]) throw new Error(`unknown --archs entry ${JSON.stringify(a)} (one of ${Object.keys(ARCHS).join(", ")})`);

/** The full configuration of architecture `arch` at input `shape` (tfjs implementation fields are overridden per impl). */
function archConfig(arch: string, shape: [number, number]): CnnLstmConfig {
  return resolveCnnLstmConfig({ ...ARCHS[arch](), inputShape: shape, seed: 1 });
}

const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
const median = (a: number[]) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];

interface Row {
  shape: string;
  arch: string;
  impl: string;
  params: number;
  secondsPerEpoch: number;
  epochSeconds: number[];
  /** CPU seconds (user + system, all threads) per timed epoch, mean. */
  cpuSecondsPerEpoch: number;
  latencyMs: number;
}

/** Parameter count of architecture `arch` in tfjs-node (trainable and not, as Keras's count_params). */
function tfjsParams(arch: string, shape: [number, number]): number {
  const model = buildCnnLstm(archConfig(arch, shape));
  const n = model.countParams();
  model.dispose();
  return n;
}

async function tfjsRun(shape: [number, number], arch: string, impl: Impl, x: Float32Array, y: Int32Array, kerasParams: number): Promise<Row> {
  const model = buildCnnLstm({ ...archConfig(arch, shape), ...IMPL_CONFIG[impl] });
  const params = model.countParams();
  if (params !== kerasParams) {
    model.summary();
    throw new Error(`${arch} at ${shape.join("x")}: tfjs-node ${impl} has ${params} parameters, Keras ${kerasParams}: not the same network`);
  }
  const seconds: number[] = [];
  const cpu: number[] = [];
  let c0 = process.cpuUsage();
  const onEpochEnd = (log: { seconds: number }): void => {
    const c = process.cpuUsage(c0);
    seconds.push(log.seconds);
    cpu.push((c.user + c.system) / 1e6);
    c0 = process.cpuUsage();
  };
  await trainModel(model, { xTrain: x, yTrain: y, shape }, { epochs: warmup + epochs, batchSize, seed: 1, onEpochEnd });
  const clip = shape[0] * shape[1];
  const lat: number[] = [];
  for (let i = 0; i < latencyClips + 10; i++) {
    const xi = x.subarray((i % clips) * clip, ((i % clips) + 1) * clip);
    const t0 = performance.now();
    predictProba({ model, standardizer: null }, xi);
    if (i >= 10) lat.push(performance.now() - t0);
  }
  model.dispose();
  const timed = seconds.slice(warmup);
  return {
    shape: shape.join("x"),
    arch,
    impl: `tfjs-node ${impl}`,
    params,
    secondsPerEpoch: mean(timed),
    epochSeconds: timed,
    cpuSecondsPerEpoch: mean(cpu.slice(warmup)),
    latencyMs: median(lat),
  };
}

function kerasRun(shape: [number, number], arch: string, xFile: string, yFile: string, dir: string): Row & { latencyMsPredict: number; versions: unknown } {
  const expected = tfjsParams(arch, shape);
  const configFile = path.join(dir, `${arch}.json`);
  fs.writeFileSync(configFile, JSON.stringify(archConfig(arch, shape)));
  const res = spawnSync(
    venvPython(),
    [
      projectPath("bench", "train_keras.py"),
      "--x",
      xFile,
      "--y",
      yFile,
      "--n",
      String(clips),
      "--timesteps",
      String(shape[0]),
      "--features",
      String(shape[1]),
      "--batch-size",
      String(batchSize),
      "--epochs",
      String(epochs),
      "--warmup",
      String(warmup),
      "--latency-clips",
      String(latencyClips),
      "--config",
      configFile,
      "--expect-params",
      String(expected),
    ],
    { encoding: "utf8", env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: "2" }, maxBuffer: 64 << 20 },
  );
  const line = res.stdout.trim().split("\n").pop() ?? "";
  if (res.status === 3) throw new Error(`${arch} at ${shape.join("x")}: Keras and tfjs-node parameter counts differ:\n${res.stderr.slice(-6000)}`);
  if (res.status !== 0 || !line.startsWith("{")) throw new Error(`bench/train_keras.py failed for ${arch} (status ${res.status}):\n${res.stderr.slice(-3000)}`);
  const r = JSON.parse(line);
  if (r.params !== expected) throw new Error(`${arch} at ${shape.join("x")}: Keras has ${r.params} parameters, tfjs-node ${expected}`);
  return {
    shape: shape.join("x"),
    arch,
    impl: "keras",
    params: r.params,
    secondsPerEpoch: mean(r.epochSeconds),
    epochSeconds: r.epochSeconds,
    cpuSecondsPerEpoch: mean(r.epochCpuSeconds),
    latencyMs: r.latencyMsCall,
    latencyMsPredict: r.latencyMsPredict,
    versions: r.versions,
  };
}

async function main(): Promise<void> {
  console.log(
    `bench/train: ${clips} clips, batch ${batchSize}, ${warmup} warm-up + ${epochs} timed epochs; archs ${archs.join(", ")}; ` +
      `tfjs-node ${tf.version["tfjs-node"]} (backend ${tf.getBackend()}), ${os.cpus().length} cores, load average ${os
        .loadavg()
        .map((v) => v.toFixed(2))
        .join(" ")}`,
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
        for (const arch of archs) {
          const keras = kerasRun(shape, arch, xFile, yFile, dir);
          rows.push(keras);
          console.log(
            `  round ${round + 1} ${keras.shape} ${arch} keras (${keras.params} parameters): ${keras.secondsPerEpoch.toFixed(2)} s/epoch (CPU ${keras.cpuSecondsPerEpoch.toFixed(2)} s), ` +
              `single clip ${keras.latencyMs.toFixed(2)} ms (model(x)), ${keras.latencyMsPredict.toFixed(1)} ms (predict)`,
          );
          for (const impl of impls) {
            const r = await tfjsRun(shape, arch, impl, x, y, keras.params);
            rows.push(r);
            console.log(
              `  round ${round + 1} ${r.shape} ${arch} ${r.impl} (${r.params} parameters): ${r.secondsPerEpoch.toFixed(2)} s/epoch (CPU ${r.cpuSecondsPerEpoch.toFixed(2)} s), single clip ${r.latencyMs.toFixed(2)} ms (predictProba)`,
            );
          }
        }
      }
      fs.rmSync(xFile);
      fs.rmSync(yFile);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    "\n| input | architecture | implementation | parameters | best s/epoch | ratio to Keras (best) | every round, s/epoch | " +
      "CPU s/epoch (best round) | CPU ratio to Keras | single-clip ms (best) |\n" +
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  );
  const select = (shape: string, arch: string, impl: string) => rows.filter((q) => q.shape === shape && q.arch === arch && q.impl === impl);
  for (const shape of shapes.map((s) => s.join("x"))) {
    for (const arch of archs) {
      const bestRound = (rs: Row[]) => rs.reduce((p, q) => (q.secondsPerEpoch < p.secondsPerEpoch ? q : p));
      const k = bestRound(select(shape, arch, "keras"));
      for (const impl of ["keras", ...impls.map((i) => `tfjs-node ${i}`)]) {
        const rs = select(shape, arch, impl);
        const b = bestRound(rs);
        const lat = Math.min(...rs.map((q) => q.latencyMs));
        console.log(
          `| ${shape} | ${arch} | ${impl} | ${b.params} | ${b.secondsPerEpoch.toFixed(2)} | ${(b.secondsPerEpoch / k.secondsPerEpoch).toFixed(2)} | ` +
            `${rs.map((q) => q.secondsPerEpoch.toFixed(2)).join(", ")} | ${b.cpuSecondsPerEpoch.toFixed(2)} | ${(b.cpuSecondsPerEpoch / k.cpuSecondsPerEpoch).toFixed(2)} | ${lat.toFixed(2)} |`,
        );
      }
    }
  }
  console.log(
    `\nload average at the end: ${os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(" ")}`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
