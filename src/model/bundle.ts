/**
 * A trained model and everything needed to use it, kept in one folder:
 *
 * ```
 * <dir>/model.json, weights.bin   the tfjs LayersModel (`file://` format)
 * <dir>/bundle.json               format version, feature config, standardisation, labels,
 *                                 model and training config, metrics
 * <dir>/history.json              the training history
 * <dir>/MODEL_CARD.md             data, split, date and numbers, for people
 * ```
 *
 * The folder is written atomically: a failure leaves any previous bundle untouched.
 */
import fs from "node:fs";
import path from "node:path";
import * as tf from "@tensorflow/tfjs-node";
import { FileError, ParameterError } from "../util/errors";
import { writeDirAtomic } from "../util/atomic-write";
import { matrix, type Matrix } from "../util/matrix";
import { assertPositiveInt } from "../util/validate";
import { assertAllFinite } from "../util/finite";
import { MAX_JSON_BYTES, readFileBounded } from "../util/read-file";
import { applyStandardizer, standardizerFromJson, type Standardizer } from "./standardize";
import { checkLabels, checkProbabilities, checkWeightFiles, checkWeightsFinite, outputUnits } from "./bundle-checks";
import type { TrainingHistory } from "./train";
import type { CnnLstmConfig } from "./cnn-lstm";
// Register the custom layers and initializers before any saved model is deserialised.
import "./fused-lstm";
import "./fused-conv1d";
import "./fused-batch-normalization";
import "./seeded-dropout";
import "./seeded-orthogonal";
import "./attention-pooling";
import "./reverse-time";

/** Format of bundle.json; an integer that only grows. Readers accept this version and older ones. */
export const BUNDLE_FORMAT_VERSION = 1;
/** The `format` field of bundle.json. */
export const BUNDLE_FORMAT = "ser-toolkit/model-bundle";

/** Free-form facts for MODEL_CARD.md; each one is optional. */
export interface ModelCard {
  /** Title line. Default "Speech emotion recognition model". */
  title?: string;
  /** Where the training data came from, e.g. "RAVDESS speech, actors 1–20". */
  data?: string;
  /** How clips were split, e.g. "by actor: train 1–14, val 15–17, test 18–20". */
  split?: string;
  /** Anything else worth knowing (augmentation, intended use, limits). */
  notes?: string;
}

/** Everything {@link saveBundle} stores and {@link loadBundle} gives back. */
export interface ModelBundle {
  /** The trained model. */
  model: tf.LayersModel;
  /**
   * Further members of an ensemble (same input, output and standardiser): {@link predictProba}
   * averages the probabilities of `model` and every member. Absent or empty: one model.
   */
  members?: tf.LayersModel[];
  /** How clips were turned into model inputs (JSON from the features pipeline). */
  featureConfig: unknown;
  /** Standardisation fitted on the training clips, or null if inputs are used as they are. */
  standardizer: Standardizer | null;
  /** Class names by output index: labels[k] is the class of output k. */
  labels: string[];
  /** Network configuration (`buildCnnLstm`'s), if the model came from there. */
  modelConfig?: CnnLstmConfig | null;
  /** How the model was trained (JSON, e.g. `TrainingHistory.options`). */
  trainingConfig?: unknown;
  /** Training history, or null. */
  history?: TrainingHistory | null;
  /** Evaluation numbers (JSON), e.g. `{ testAccuracy: 0.61, macroF1: 0.58 }`. */
  metrics?: Record<string, unknown> | null;
  /** Facts for MODEL_CARD.md. */
  card?: ModelCard;
  /** ISO date the bundle was written (set by {@link saveBundle}). */
  createdAt?: string;
  /** The folder it was loaded from (set by {@link loadBundle}), for messages naming its files. */
  dir?: string;
}

/** The JSON stored in bundle.json. */
interface BundleJson {
  format: string;
  formatVersion: number;
  createdAt: string;
  modelFile: string;
  /** model.json files of further ensemble members (relative to the bundle folder), if any. */
  memberFiles?: string[];
  inputShape: [number, number];
  featureConfig: unknown;
  standardizer: Standardizer | null;
  labels: string[];
  modelConfig: CnnLstmConfig | null;
  trainingConfig: unknown;
  metrics: Record<string, unknown> | null;
  card: ModelCard;
}

function modelInputShape(model: tf.LayersModel): [number, number] {
  const s = model.inputs[0].shape;
  if (s.length !== 3 || typeof s[1] !== "number" || typeof s[2] !== "number") {
    throw new ParameterError(`model input shape [${s}] must be [null, timesteps, features]`);
  }
  return [s[1], s[2]];
}

function fmt(v: unknown): string {
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : v.toFixed(4);
  if (typeof v === "string") return v;
  return JSON.stringify(v);
}

/**
 * The text of MODEL_CARD.md for a bundle.
 * @param b the bundle (its card, metrics, history and config are used)
 * @param createdAt ISO date
 * @returns markdown
 * @example fs.writeFileSync("MODEL_CARD.md", modelCardMarkdown(bundle, new Date().toISOString()));
 */
export function modelCardMarkdown(b: ModelBundle, createdAt: string): string {
  const card = b.card ?? {};
  const [T, F] = modelInputShape(b.model);
  const lines: string[] = [];
  lines.push(`# ${card.title ?? "Speech emotion recognition model"}`, "");
  lines.push(`- Date: ${createdAt}`);
  lines.push(`- Data: ${card.data ?? "not stated"}`);
  lines.push(`- Split: ${card.split ?? "not stated"}`);
  lines.push(
    `- Input: ${T} time steps × ${F} features${b.standardizer ? `, standardised per ${b.standardizer.per} on ${b.standardizer.nClips} training clips` : ""}`,
  );
  lines.push(`- Classes (${b.labels.length}): ${b.labels.join(", ")}`);
  lines.push(`- Parameters: ${b.model.countParams()}`);
  if (b.modelConfig) {
    lines.push(
      `- Network: CNN+LSTM (lstmImpl ${b.modelConfig.lstmImpl ?? "fused"}, convBnImpl ${b.modelConfig.convBnImpl ?? "fused"}), config \`${JSON.stringify(b.modelConfig)}\``,
    );
  }
  lines.push(`- Bundle format: ${BUNDLE_FORMAT} v${BUNDLE_FORMAT_VERSION}, tfjs-node ${tf.version["tfjs-node"]}`);
  const h = b.history;
  if (h && h.epoch.length > 0) {
    const last = h.epoch.length - 1;
    const best = h.bestEpoch ?? last;
    const at = h.epoch.indexOf(best);
    lines.push("", "## Training", "");
    lines.push(`- Epochs run: ${h.epoch.length}${h.stoppedEpoch !== null ? ` (stopped early at epoch ${h.stoppedEpoch})` : ""}`);
    lines.push(`- Weights: ${h.restoredBestWeights ? `best epoch ${best} (restored)` : `last epoch ${h.epoch[last]}`}`);
    lines.push(
      `- At epoch ${best}: loss ${fmt(h.history.loss[at])}, accuracy ${fmt(h.history.accuracy[at])}` +
        (h.history.valLoss[at] !== null ? `, val loss ${fmt(h.history.valLoss[at])}, val accuracy ${fmt(h.history.valAccuracy[at])}` : ""),
    );
  }
  if (b.metrics && Object.keys(b.metrics).length > 0) {
    lines.push("", "## Metrics", "", "| metric | value |", "| --- | --- |");
    for (const [k, v] of Object.entries(b.metrics)) {
      if (typeof v === "number" || typeof v === "string") lines.push(`| ${k} | ${fmt(v)} |`);
    }
  }
  if (card.notes) lines.push("", "## Notes", "", card.notes);
  lines.push("");
  return lines.join("\n");
}

/**
 * Writes a bundle folder atomically (model, bundle.json, history.json, MODEL_CARD.md). An existing
 * folder at `dir` is replaced only once the new one is complete.
 * @param dir target folder
 * @param bundle the model and its metadata
 * @returns resolves when the folder is in place
 * @example await saveBundle("models/cnn-lstm", { model, featureConfig, standardizer, labels, trainingConfig: h.options, history: h, metrics });
 */
export async function saveBundle(dir: string, bundle: ModelBundle): Promise<void> {
  if (!bundle || !bundle.model) throw new ParameterError("saveBundle: bundle.model is missing");
  if (!Array.isArray(bundle.labels)) throw new ParameterError("saveBundle: bundle.labels must be an array of class names");
  const outUnits = bundle.model.outputs[0].shape[bundle.model.outputs[0].shape.length - 1];
  if (bundle.labels.length !== outUnits) {
    throw new ParameterError(`saveBundle: ${bundle.labels.length} labels, but the model has ${outUnits} outputs`);
  }
  const inputShape = modelInputShape(bundle.model);
  const members = bundle.members ?? [];
  members.forEach((m, i) => {
    const s = modelInputShape(m);
    const out = m.outputs[0].shape[m.outputs[0].shape.length - 1];
    if (s[0] !== inputShape[0] || s[1] !== inputShape[1] || out !== outUnits) {
      throw new ParameterError(`saveBundle: ensemble member ${i + 2} takes [${s}] → ${out}, but the model takes [${inputShape}] → ${outUnits}`);
    }
  });
  if (bundle.standardizer && (bundle.standardizer.shape[0] !== inputShape[0] || bundle.standardizer.shape[1] !== inputShape[1])) {
    throw new ParameterError(`saveBundle: standardizer shape [${bundle.standardizer.shape}] differs from the model input [${inputShape}]`);
  }
  const createdAt = new Date().toISOString();
  const json: BundleJson = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    createdAt,
    modelFile: "model.json",
    ...(members.length ? { memberFiles: members.map((_, i) => `member-${i + 2}/model.json`) } : {}),
    inputShape,
    featureConfig: bundle.featureConfig ?? null,
    standardizer: bundle.standardizer ?? null,
    labels: bundle.labels,
    modelConfig: bundle.modelConfig ?? null,
    trainingConfig: bundle.trainingConfig ?? null,
    metrics: bundle.metrics ?? null,
    card: bundle.card ?? {},
  };
  await writeDirAtomic(dir, async (tmp) => {
    await bundle.model.save(`file://${tmp}`);
    for (const [i, m] of members.entries()) await m.save(`file://${path.join(tmp, `member-${i + 2}`)}`);
    fs.writeFileSync(path.join(tmp, "bundle.json"), JSON.stringify(json, null, 1));
    fs.writeFileSync(path.join(tmp, "history.json"), JSON.stringify(bundle.history ?? null, null, 1));
    fs.writeFileSync(path.join(tmp, "MODEL_CARD.md"), modelCardMarkdown(bundle, createdAt));
  });
}

function readJson(file: string, what: string): unknown {
  if (!fs.existsSync(file)) throw new FileError(file, `missing ${what}`);
  const text = readFileBounded(file, { maxBytes: MAX_JSON_BYTES, what }).toString("utf8");
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new FileError(file, `corrupt ${what}: ${(err as Error).message}`);
  }
}

/**
 * Reads a bundle folder written by {@link saveBundle}.
 * @param dir the bundle folder
 * @returns the bundle, model loaded and ready for {@link predictProba}
 * @throws FileError naming the path when the folder, bundle.json or model.json is missing or
 *   corrupt, or the format version is newer than this toolkit reads; naming weights.bin when it is
 *   shorter or longer than model.json lists, or holds a NaN/infinite weight; naming bundle.json
 *   when its labels do not match the model's outputs or its standardizer is malformed or
 *   non-finite. A failed load leaves no tensors behind.
 * @example const b = await loadBundle("models/cnn-lstm"); const p = predictProba(b, x);
 */
export async function loadBundle(dir: string): Promise<ModelBundle> {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new FileError(dir, "no such bundle folder");
  const bundleFile = path.join(dir, "bundle.json");
  const json = readJson(bundleFile, "bundle.json") as Partial<BundleJson>;
  if (json === null || typeof json !== "object" || json.format !== BUNDLE_FORMAT) {
    throw new FileError(bundleFile, `not a ser-toolkit model bundle (format ${JSON.stringify(json?.format)}, expected "${BUNDLE_FORMAT}")`);
  }
  if (!Number.isInteger(json.formatVersion) || (json.formatVersion as number) < 1) {
    throw new FileError(bundleFile, `formatVersion=${JSON.stringify(json.formatVersion)} must be a positive integer`);
  }
  if ((json.formatVersion as number) > BUNDLE_FORMAT_VERSION) {
    throw new FileError(bundleFile, `format version ${json.formatVersion} is newer than this toolkit reads (${BUNDLE_FORMAT_VERSION}); update ser-toolkit`);
  }
  const modelFile = path.join(dir, json.modelFile ?? "model.json");
  checkWeightFiles(modelFile, readJson(modelFile, "model.json"));
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(`file://${modelFile}`);
  } catch (err) {
    throw new FileError(modelFile, `cannot load the model: ${(err as Error).message}`);
  }
  const members: tf.LayersModel[] = [];
  for (const rel of json.memberFiles ?? []) {
    const file = path.join(dir, rel);
    readJson(file, "an ensemble member's model.json");
    try {
      members.push(await tf.loadLayersModel(`file://${file}`));
    } catch (err) {
      model.dispose();
      members.forEach((m) => m.dispose());
      throw new FileError(file, `cannot load the ensemble member: ${(err as Error).message}`);
    }
  }
  let standardizer: Standardizer | null = null;
  let labels: string[];
  let history: TrainingHistory | null;
  try {
    // Any failure from here on disposes the model it loaded (no leaked tensors).
    checkWeightsFinite(model, path.join(dir, "weights.bin"));
    if (json.standardizer) {
      try {
        standardizer = standardizerFromJson(json.standardizer);
      } catch (err) {
        throw new FileError(bundleFile, `standardizer: ${(err as Error).message}`);
      }
    }
    labels = checkLabels(json.labels, model, bundleFile);
    const historyFile = path.join(dir, "history.json");
    history = fs.existsSync(historyFile) ? (readJson(historyFile, "history.json") as TrainingHistory | null) : null;
  } catch (err) {
    model.dispose();
    throw err;
  }
  return {
    dir,
    model,
    members,
    featureConfig: json.featureConfig ?? null,
    standardizer,
    labels,
    modelConfig: json.modelConfig ?? null,
    trainingConfig: json.trainingConfig ?? null,
    history,
    metrics: json.metrics ?? null,
    card: json.card ?? {},
    createdAt: json.createdAt,
  };
}

/** Options of {@link predictProba}. */
export interface PredictProbaOptions {
  /** Clips per forward pass, integer ≥ 1. Default 32 (Keras `predict`'s). */
  batchSize?: number;
}

/**
 * Class probabilities for clips (sklearn's `predict_proba`): standardises with the bundle's
 * statistics, then runs the model without dropout.
 * @param bundle a bundle (from {@link loadBundle}, or assembled after training)
 * @param x clips, flat row-major [nClips × timesteps × features], not standardised
 * @param options batch size
 * @returns Matrix [nClips, numClasses]; each row sums to 1; column k is `bundle.labels[k]`
 * @example const p = predictProba(bundle, x); const k = argmax(row(p, 0)); bundle.labels[k];
 */
export function predictProba(bundle: Pick<ModelBundle, "model" | "standardizer" | "members">, x: Float32Array, options: PredictProbaOptions = {}): Matrix {
  const batchSize = options.batchSize ?? 32;
  assertPositiveInt("batchSize", batchSize);
  const [T, F] = modelInputShape(bundle.model);
  const clip = T * F;
  if (!(x instanceof Float32Array)) throw new ParameterError("x must be a Float32Array");
  if (x.length % clip !== 0) throw new ParameterError(`x has ${x.length} values, not a whole number of [${T}, ${F}] clips`);
  const n = x.length / clip;
  const xs = bundle.standardizer ? applyStandardizer(x, bundle.standardizer) : x;
  assertAllFinite("model input x", x, (i) => `clip ${Math.floor(i / clip)}, step ${Math.floor((i % clip) / F)}, feature ${i % F}`);
  if (xs !== x)
    assertAllFinite(
      "standardised model input (check the standardizer's mean and std)",
      xs,
      (i) => `clip ${Math.floor(i / clip)}, step ${Math.floor((i % clip) / F)}, feature ${i % F}`,
    );
  const C = outputUnits(bundle.model);
  const out = new Float32Array(n * C);
  const models = [bundle.model, ...(bundle.members ?? [])];
  for (let start = 0; start < n; start += batchSize) {
    const b = Math.min(batchSize, n - start);
    const p = tf.tidy(() => {
      const xb = tf.tensor3d(xs.subarray(start * clip, (start + b) * clip), [b, T, F]);
      // an ensemble's probabilities are the mean of its members'
      const ps = models.map((m) => m.apply(xb, { training: false }) as tf.Tensor);
      return (ps.length === 1 ? ps[0] : tf.div(tf.addN(ps), ps.length)).dataSync() as Float32Array;
    });
    out.set(p, start * C);
  }
  checkProbabilities(out, C);
  return matrix(out, n, C);
}
