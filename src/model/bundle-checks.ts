/**
 * What {@link loadBundle} checks before it trusts a bundle folder, so that a damaged or mismatched
 * bundle is an error naming the file at fault instead of a TypeError or a wrong label:
 * weights.bin against model.json's manifest (truncated, or longer than listed), every weight
 * finite, labels against the model's outputs, and class probabilities finite.
 */
import fs from "node:fs";
import path from "node:path";
import type * as tf from "@tensorflow/tfjs-node";
import { FileError } from "../util/errors";
import { assertAllFinite, firstNonFinite } from "../util/finite";

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8 };

interface WeightsManifestGroup {
  paths: string[];
  weights: { name: string; shape: number[]; dtype: string; quantization?: unknown }[];
}

/**
 * Checks that the weight files model.json lists exist and hold exactly the bytes its manifest
 * describes (tfjs itself blames a short weights.bin on model.json, and ignores extra bytes).
 * @param modelFile path of model.json (already parsed as `modelJson`)
 * @throws FileError naming the weight file: missing, shorter or longer than the manifest says
 */
export function checkWeightFiles(modelFile: string, modelJson: unknown): void {
  const groups = (modelJson as { weightsManifest?: WeightsManifestGroup[] })?.weightsManifest;
  if (!Array.isArray(groups)) throw new FileError(modelFile, "no weightsManifest: not a tfjs LayersModel saved with its weights");
  for (const g of groups) {
    if (!Array.isArray(g?.paths) || !Array.isArray(g?.weights)) throw new FileError(modelFile, "weightsManifest entries must have paths and weights");
    let expected = 0;
    let known = true;
    for (const w of g.weights) {
      const bytes = DTYPE_BYTES[w?.dtype];
      if (!bytes || w.quantization !== undefined || !Array.isArray(w.shape)) known = false;
      else expected += bytes * w.shape.reduce((a, b) => a * b, 1);
    }
    let actual = 0;
    const files = g.paths.map((p) => path.join(path.dirname(modelFile), p));
    for (const f of files) {
      let st: fs.Stats;
      try {
        st = fs.statSync(f);
      } catch {
        throw new FileError(f, `missing: ${path.basename(modelFile)} lists it as a weight file`);
      }
      if (!st.isFile()) throw new FileError(f, "is not a regular file");
      actual += st.size;
    }
    if (known && actual !== expected) {
      const name = files.length === 1 ? files[0] : files.join(", ");
      throw new FileError(
        name,
        actual < expected
          ? `truncated: ${actual} bytes, but ${path.basename(modelFile)} lists ${expected} bytes of weights (${expected - actual} missing)`
          : `${actual} bytes, but ${path.basename(modelFile)} lists only ${expected} bytes of weights (${actual - expected} extra): not the weights of this model`,
      );
    }
  }
}

/**
 * Checks every weight of a loaded model for NaN and ±Infinity (a diverged training, a garbage file).
 * @param weightsFile the file to name in the error (weights.bin)
 * @throws FileError naming `weightsFile`, the weight and the first bad value
 */
export function checkWeightsFinite(model: tf.LayersModel, weightsFile: string): void {
  for (const w of model.weights) {
    const values = w.read().dataSync() as Float32Array;
    const i = firstNonFinite(values);
    if (i >= 0)
      throw new FileError(
        weightsFile,
        `weight ${w.originalName ?? w.name} holds ${values[i]} (at index ${i} of ${values.length}): the model is unusable (a training that diverged, or a damaged file)`,
      );
  }
}

/** The number of classes a softmax model outputs (last dimension of its output). */
export function outputUnits(model: tf.LayersModel): number {
  const s = model.outputs[0].shape;
  return s[s.length - 1] as number;
}

/**
 * Checks bundle.json's labels against the model: an array of distinct non-empty strings, one per output.
 * @throws FileError naming `bundleFile`
 */
export function checkLabels(labels: unknown, model: tf.LayersModel, bundleFile: string): string[] {
  if (!Array.isArray(labels) || labels.some((l) => typeof l !== "string" || l === "")) {
    throw new FileError(bundleFile, "labels must be an array of class names (non-empty strings)");
  }
  const units = outputUnits(model);
  if (labels.length !== units) {
    throw new FileError(bundleFile, `labels lists ${labels.length} class names, but the model has ${units} outputs: every output needs exactly one name`);
  }
  const dup = labels.find((l, i) => labels.indexOf(l) !== i);
  if (dup !== undefined) throw new FileError(bundleFile, `labels lists ${JSON.stringify(dup)} twice`);
  return labels as string[];
}

/**
 * Checks class probabilities [n, C] coming out of a model: a NaN or infinite probability is an
 * error (for that clip), never a label.
 */
export function checkProbabilities(p: Float32Array, classes: number): void {
  assertAllFinite("the model's class probabilities", p, (i) => `clip ${Math.floor(i / classes)}, class ${i % classes}`);
}
