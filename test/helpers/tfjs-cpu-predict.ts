/**
 * Child process for export tests: scores WAV files with an exported bundle on plain
 * `@tensorflow/tfjs` and its CPU backend — no tfjs-node, no native code — through the browser
 * library path (src/browser/, which registers the portable layers), every model of an ensemble
 * averaged. Prints `{ backend, models, probabilities: number[][] }` as JSON.
 *
 *   node --import tsx test/helpers/tfjs-cpu-predict.ts <exported dir> <wav> [<wav> ...]
 */
import fs from "node:fs";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { modelFiles, parseWebBundle, wavInput, predictInput } from "../../src/browser";

/** A model.json and its weight files, read from disk (tfjs's file:// handler is tfjs-node's). */
async function loadModel(file: string): Promise<tf.LayersModel> {
  const dir = path.dirname(file);
  const modelJson = JSON.parse(fs.readFileSync(file, "utf8"));
  const weightSpecs = modelJson.weightsManifest.flatMap((g: { weights: tf.io.WeightsManifestEntry[] }) => g.weights);
  const buffers = modelJson.weightsManifest.flatMap((g: { paths: string[] }) => g.paths.map((p) => fs.readFileSync(path.join(dir, p))));
  const all = Buffer.concat(buffers);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs, weightData }));
}

async function main(): Promise<void> {
  const [dir, ...wavs] = process.argv.slice(2);
  await tf.setBackend("cpu");
  if (tf.findBackend("tensorflow")) throw new Error("the native tensorflow backend is registered: this check must run without tfjs-node");
  const bundle = parseWebBundle(JSON.parse(fs.readFileSync(path.join(dir, "bundle.json"), "utf8")), path.join(dir, "bundle.json"));
  const models: tf.LayersModel[] = [];
  for (const f of modelFiles(bundle)) models.push(await loadModel(path.join(dir, f)));
  const probabilities = wavs.map((w) => Array.from(predictInput(models, bundle, wavInput(fs.readFileSync(w), bundle, w))));
  process.stdout.write(JSON.stringify({ backend: tf.getBackend(), models: models.length, probabilities }));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
