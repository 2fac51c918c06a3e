/** A config's every setting as a flat record, the network's defaults filled in (saved configs keep only the model fields a recipe sets). */
import { resolveCnnLstmConfig } from "../model/cnn-lstm";
import type { ExperimentConfig } from "./config";

function flatten(value: unknown, prefix: string, out: Record<string, unknown>): Record<string, unknown> {
  const nested = value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length > 0;
  if (!nested) out[prefix] = value;
  else for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

/**
 * Dotted setting → value of a complete config, with `model.*` resolved to the network's defaults
 * (`model.pooling` is "last" when a recipe does not set it). Unlike `flattenConfig`, an empty
 * object is a value (`training.specAugment: {}`: masks of the default sizes) and arrays stay arrays.
 * `name`, `dataRoot`, `model.inputShape` and `model.seed` are left out (they come from the run, the
 * data and the seed).
 * @param inputShape [timesteps, features] to resolve the network with (only checked, not reported). Default [256, 64].
 * @example resolvedSettings(run.config)["model.lstmUnits"]  // 64
 */
export function resolvedSettings(config: ExperimentConfig, inputShape: [number, number] = [256, 64]): Record<string, unknown> {
  const { inputShape: _shape, seed: _seed, ...model } = resolveCnnLstmConfig({ ...config.model, inputShape, seed: 0 });
  const { name: _name, dataRoot: _root, ...rest } = config;
  return flatten({ ...rest, model }, "", {});
}
