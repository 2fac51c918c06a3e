/**
 * `ser export`: a trained model bundle (src/model/bundle.ts, fused native layers) written as a
 * portable web bundle (src/browser/web-bundle.ts): a TensorFlow.js layers model of standard layers
 * and the toolkit's portable ones (src/browser/portable-layers.ts) that plain `@tensorflow/tfjs`
 * loads in a browser or in Node without native code, with the feature config, standardisation,
 * labels and model card. Layers are mapped one by one by `layer-map.ts`. An ensemble's members are
 * exported too (member-N/model.json, listed in bundle.json's memberFiles); the page averages them.
 */
import fs from "node:fs";
import path from "node:path";
import * as tf from "@tensorflow/tfjs-node";
import { FileError } from "../util/errors";
import { writeDirAtomic } from "../util/atomic-write";
import { featureConfig, type FeatureConfig } from "../features/clip-features";
import { loadBundle, type ModelBundle } from "../model/bundle";
import { WEB_BUNDLE_FORMAT, type WebBundle } from "../browser/web-bundle";
import "../browser/portable-layers"; // the classes standardModel builds
import "../model/attention-pooling"; // the trained layers loadBundle may meet
import "../model/reverse-time";
import { ExportError, exportLayer, type PyLayer } from "./layer-map";

interface Topology {
  class_name: string;
  config: { layers: PyLayer[]; [key: string]: unknown };
  [key: string]: unknown;
}

/**
 * The trained model as a model of standard tfjs-layers layers and portable ones, with the same
 * weights (re-laid out where a layer needs it) and the same function at inference.
 * @param model a trained model (e.g. `loadBundle(dir).model`)
 * @returns a new model; only standard and portable layer classes, and standard initializers, in its topology
 * @throws ExportError naming a layer that has no standard or portable form
 * @example const portable = await standardModel(bundle.model); await portable.save("file://out");
 */
export async function standardModel(model: tf.LayersModel): Promise<tf.LayersModel> {
  const topo = model.toJSON(null, false) as unknown as Topology;
  if (!topo?.config || !Array.isArray(topo.config.layers)) throw new ExportError(`model ${JSON.stringify(model.name)}: unexpected topology (no config.layers)`);
  const mapped = topo.config.layers.map((l) => exportLayer(l));
  const out = await tf.models.modelFromJSON({
    modelTopology: { ...topo, config: { ...topo.config, layers: mapped.map((m) => m.layer) } } as unknown as tf.serialization.ConfigDict,
  });
  topo.config.layers.forEach((l, i) => {
    const name = String(l.config.name);
    const trained = model.getLayer(name).getWeights();
    const weights = mapped[i].weights ? mapped[i].weights!(trained) : trained;
    const target = out.getLayer(name);
    if (target.weights.length !== weights.length) {
      throw new ExportError(`layer ${JSON.stringify(name)}: ${weights.length} weights for a ${mapped[i].layer.class_name} that has ${target.weights.length}`);
    }
    target.setWeights(weights);
  });
  return out;
}

/** What {@link exportBundle} wrote. */
export interface ExportResult {
  /** The exported bundle folder. */
  dir: string;
  /** Its files and their sizes in bytes. */
  files: Record<string, number>;
  /** Total size in bytes. */
  bytes: number;
  /** Layer classes replaced, trained class → standard class (e.g. FusedLSTM → LSTM). */
  replaced: Record<string, string>;
}

function exportNote(replaced: Record<string, string>, source: string, nModels: number): string {
  const rows = Object.entries(replaced).map(([a, b]) => `${a} → ${b}`);
  return [
    "",
    "## Export",
    "",
    `Exported by \`ser export\` from ${source} as ${nModels > 1 ? `an ensemble of ${nModels} TensorFlow.js layers models (probabilities averaged)` : "a TensorFlow.js layers model"}` +
      (rows.length ? ` (layers written as their standard or portable equivalents with the same weights: ${rows.join(", ")})` : "") +
      "; it loads with plain `@tensorflow/tfjs` (browser, or Node without native code) once the toolkit's browser entry has registered its portable layers.",
    "",
  ].join("\n");
}

/**
 * Writes the web bundle of a trained bundle, atomically (an existing `outDir` is replaced only once
 * the new one is complete).
 * @param modelDir a trained bundle folder (with bundle.json), or a run folder holding one in model/
 * @param outDir the exported bundle folder
 * @returns the files written and the layer classes replaced
 * @throws FileError naming the folder when there is no trained bundle; ExportError naming a layer that cannot be exported
 * @example const r = await exportBundle("runs/seed", "web/models/seed");  // r.bytes < 2e6
 */
export async function exportBundle(modelDir: string, outDir: string): Promise<ExportResult> {
  const dir = fs.existsSync(path.join(modelDir, "bundle.json")) ? modelDir : path.join(modelDir, "model");
  if (!fs.existsSync(path.join(dir, "bundle.json"))) throw new FileError(modelDir, "not a trained model: no bundle.json in it or in its model/ folder");
  const bundle: ModelBundle = await loadBundle(dir);
  const trained = [bundle.model, ...(bundle.members ?? [])];
  const models: tf.LayersModel[] = [];
  const replaced: Record<string, string> = {};
  try {
    for (const m of trained) models.push(await standardModel(m));
    trained.forEach((m, i) => {
      for (const l of m.layers) {
        const std = models[i].getLayer(l.name).getClassName();
        if (std !== l.getClassName()) replaced[l.getClassName()] = std;
      }
    });
    const memberFiles = models.slice(1).map((_, i) => `member-${i + 2}/model.json`);
    const s = bundle.model.inputs[0].shape;
    const trainedWith = (bundle.trainingConfig as { normalization?: string } | null)?.normalization;
    const normalization = trainedWith === "speaker" || trainedWith === "utterance" ? trainedWith : "global";
    const json: WebBundle = {
      format: WEB_BUNDLE_FORMAT,
      // the lowest version that reads the bundle right: 2 introduced memberFiles
      formatVersion: memberFiles.length ? 2 : 1,
      exportedAt: new Date().toISOString(),
      trainedAt: bundle.createdAt ?? null,
      modelFile: "model.json",
      memberFiles,
      inputShape: [s[1] as number, s[2] as number],
      featureConfig: featureConfig((bundle.featureConfig ?? {}) as Partial<FeatureConfig>),
      standardizer: bundle.standardizer,
      normalization,
      labels: bundle.labels,
      title: bundle.card?.title ?? "Speech emotion recognition model",
      metrics: bundle.metrics ?? null,
    };
    const cardFile = path.join(dir, "MODEL_CARD.md");
    const card = fs.existsSync(cardFile) ? fs.readFileSync(cardFile, "utf8") : `# ${json.title}\n`;
    const source = path.basename(path.basename(dir) === "model" ? path.dirname(dir) : dir);
    await writeDirAtomic(outDir, async (tmp) => {
      await models[0].save(`file://${tmp}`);
      for (const [i, file] of memberFiles.entries()) await models[i + 1].save(`file://${path.join(tmp, path.dirname(file))}`);
      fs.writeFileSync(path.join(tmp, "bundle.json"), JSON.stringify(json, null, 1));
      fs.writeFileSync(path.join(tmp, "MODEL_CARD.md"), card.trimEnd() + "\n" + exportNote(replaced, `the trained bundle \`${source}\``, models.length));
    });
  } finally {
    // the trained and the exported models are not needed once written
    for (const m of [...trained, ...models]) m.dispose();
  }
  const files: Record<string, number> = {};
  const list = (rel: string): void => {
    for (const f of fs.readdirSync(path.join(outDir, rel)).sort()) {
      const p = path.join(outDir, rel, f);
      if (fs.statSync(p).isDirectory()) list(path.posix.join(rel, f));
      else files[rel ? path.posix.join(rel, f) : f] = fs.statSync(p).size;
    }
  };
  list("");
  return { dir: outDir, files, bytes: Object.values(files).reduce((a, b) => a + b, 0), replaced };
}
