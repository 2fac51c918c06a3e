/**
 * The exported ("web") model bundle: what `ser export` writes and the browser page reads.
 *
 * ```
 * <dir>/model.json, weights.bin   a TensorFlow.js layers model of standard layers and the toolkit's
 *                                 portable ones (portable-layers.ts; import this entry to register them)
 * <dir>/member-N/model.json, ...  an ensemble's further members (N = 2, 3, ...), listed in memberFiles
 * <dir>/bundle.json               format, feature config, standardisation, normalisation, labels, card
 * <dir>/MODEL_CARD.md             the trained bundle's card, with a note on the export
 * ```
 *
 * No Node-only dependency: the page parses bundle.json with {@link parseWebBundle}.
 */
import { ParameterError } from "../util/errors";
import { featureConfig, type FeatureConfig } from "../features/clip-features";
import { standardizerFromJson, type Standardizer } from "../model/standardize";

/** The `format` field of an exported bundle.json. */
export const WEB_BUNDLE_FORMAT = "ser-toolkit/web-bundle";
/**
 * Format version of an exported bundle.json; only grows. Readers accept this version and older ones.
 * 2 added `memberFiles` (ensembles); a bundle is written with the lowest version that reads it
 * right (1 for a single model), so a version-1 reader refuses an ensemble instead of scoring its
 * first member only.
 */
export const WEB_BUNDLE_FORMAT_VERSION = 2;

/** An exported bundle.json. */
export interface WebBundle {
  format: typeof WEB_BUNDLE_FORMAT;
  formatVersion: number;
  /** ISO date of the export. */
  exportedAt: string;
  /** ISO date the trained bundle was written, if known. */
  trainedAt: string | null;
  /** The TensorFlow.js model, relative to bundle.json. */
  modelFile: string;
  /**
   * An ensemble's further members (same input and labels), relative to bundle.json; the bundle's
   * probabilities are the mean of every model's ({@link modelFiles}). Empty for one model.
   */
  memberFiles: string[];
  /** [timesteps, features] of one clip's model input. */
  inputShape: [number, number];
  /** The complete feature configuration the model was trained on. */
  featureConfig: FeatureConfig;
  /** Statistics applied to every clip after its features (null: inputs used as they are). */
  standardizer: Standardizer | null;
  /**
   * What the model expects before the standardiser (see normalization.ts). "global": nothing per
   * clip. "utterance": each clip standardised with its own statistics. "speaker": each speaker
   * standardised with statistics of several of their own clips; a single clip of an unknown speaker
   * is scored with its own statistics ("single-clip", less accurate).
   */
  normalization: "global" | "speaker" | "utterance";
  /** Class names by output index. */
  labels: string[];
  /** Title of the model card. */
  title: string;
  /** Evaluation numbers of the trained bundle (JSON), or null. */
  metrics: Record<string, unknown> | null;
}

/**
 * Checks a parsed exported bundle.json.
 * @param value parsed JSON
 * @param where the file's name or URL, for messages
 * @returns the bundle, its feature config completed with defaults
 * @throws ParameterError naming `where` and the problem (not an exported bundle, newer format, bad fields)
 * @example const b = parseWebBundle(await (await fetch("models/seed/bundle.json")).json(), "models/seed/bundle.json");
 */
export function parseWebBundle(value: unknown, where: string): WebBundle {
  const b = value as Partial<WebBundle> | null;
  const fail = (problem: string): never => {
    throw new ParameterError(`${where}: ${problem}`);
  };
  if (b === null || typeof b !== "object") return fail("not a JSON object");
  if (b.format !== WEB_BUNDLE_FORMAT) {
    return fail(
      `not an exported ser-toolkit bundle (format ${JSON.stringify(b.format)}, expected "${WEB_BUNDLE_FORMAT}"; run \`ser export\` on a trained model)`,
    );
  }
  if (!Number.isInteger(b.formatVersion) || (b.formatVersion as number) < 1)
    fail(`formatVersion=${JSON.stringify(b.formatVersion)} must be a positive integer`);
  if ((b.formatVersion as number) > WEB_BUNDLE_FORMAT_VERSION)
    fail(`format version ${b.formatVersion} is newer than this page reads (${WEB_BUNDLE_FORMAT_VERSION})`);
  if (!Array.isArray(b.labels) || b.labels.length === 0 || !b.labels.every((l) => typeof l === "string"))
    fail("labels must be a non-empty array of class names");
  if (!Array.isArray(b.inputShape) || b.inputShape.length !== 2 || !b.inputShape.every((v) => Number.isInteger(v) && v > 0)) {
    fail(`inputShape=${JSON.stringify(b.inputShape)} must be [timesteps, features]`);
  }
  if (b.memberFiles !== undefined && !Array.isArray(b.memberFiles)) fail(`memberFiles=${JSON.stringify(b.memberFiles)} must be an array of model.json paths`);
  const files: unknown[] = [b.modelFile ?? "model.json", ...(b.memberFiles ?? [])];
  for (const f of files) {
    if (typeof f !== "string" || !f.endsWith(".json") || f.startsWith("/") || f.split(/[\\/]/).includes("..")) {
      fail(`model file ${JSON.stringify(f)} must be a .json path inside the bundle folder`);
    }
  }
  if (b.normalization !== "global" && b.normalization !== "speaker" && b.normalization !== "utterance") {
    fail(`normalization=${JSON.stringify(b.normalization)} must be "global", "speaker" or "utterance"`);
  }
  let cfg: FeatureConfig;
  let standardizer: Standardizer | null = null;
  try {
    cfg = featureConfig(b.featureConfig as Partial<FeatureConfig>);
    if (b.standardizer) standardizer = standardizerFromJson(b.standardizer);
  } catch (err) {
    return fail((err as Error).message);
  }
  if (standardizer && (standardizer.shape[0] !== b.inputShape![0] || standardizer.shape[1] !== b.inputShape![1])) {
    fail(`standardizer shape [${standardizer.shape}] differs from inputShape [${b.inputShape}]`);
  }
  return {
    format: WEB_BUNDLE_FORMAT,
    formatVersion: b.formatVersion as number,
    exportedAt: String(b.exportedAt ?? ""),
    trainedAt: b.trainedAt ?? null,
    modelFile: files[0] as string,
    memberFiles: files.slice(1) as string[],
    inputShape: [b.inputShape![0], b.inputShape![1]],
    featureConfig: cfg,
    standardizer,
    normalization: b.normalization!,
    labels: [...b.labels!],
    title: typeof b.title === "string" ? b.title : "Speech emotion recognition model",
    metrics: b.metrics ?? null,
  };
}

/**
 * Every model file of a bundle, relative to bundle.json: the model, then an ensemble's members.
 * @example const models = await Promise.all(modelFiles(bundle).map((f) => tf.loadLayersModel(base + f)));
 */
export function modelFiles(bundle: Pick<WebBundle, "modelFile" | "memberFiles">): string[] {
  return [bundle.modelFile, ...bundle.memberFiles];
}
