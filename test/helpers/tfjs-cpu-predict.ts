/**
 * Child process for export tests: scores WAV files with an exported bundle on plain
 * `@tensorflow/tfjs` and its CPU backend — no tfjs-node, no native code — through the browser
 * library path (src/browser/). Prints `{ backend, probabilities: number[][] }` as JSON.
 *
 *   node --import tsx test/helpers/tfjs-cpu-predict.ts <exported dir> <wav> [<wav> ...]
 */
import fs from "node:fs";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { parseWebBundle, wavInput, predictInput } from "../../src/browser";

async function main(): Promise<void> {
  const [dir, ...wavs] = process.argv.slice(2);
  await tf.setBackend("cpu");
  if (tf.findBackend("tensorflow")) throw new Error("the native tensorflow backend is registered: this check must run without tfjs-node");
  const bundle = parseWebBundle(JSON.parse(fs.readFileSync(path.join(dir, "bundle.json"), "utf8")), path.join(dir, "bundle.json"));
  const modelJson = JSON.parse(fs.readFileSync(path.join(dir, bundle.modelFile), "utf8"));
  const weightSpecs = modelJson.weightsManifest.flatMap((g: { weights: tf.io.WeightsManifestEntry[] }) => g.weights);
  const buffers = modelJson.weightsManifest.flatMap((g: { paths: string[] }) => g.paths.map((p) => fs.readFileSync(path.join(dir, p))));
  const all = Buffer.concat(buffers);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs, weightData }));
  const probabilities = wavs.map((w) => Array.from(predictInput(model, bundle, wavInput(fs.readFileSync(w), bundle, w))));
  process.stdout.write(JSON.stringify({ backend: tf.getBackend(), probabilities }));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
