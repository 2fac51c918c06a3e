/** A config's every setting as a flat record, the network's defaults filled in (saved configs keep only the model fields a recipe sets). */
import { resolveCnnLstmConfig } from "../model/cnn-lstm";
import { flattenConfig, type ExperimentConfig } from "./config";

/**
 * Dotted setting → value of a complete config, with `model.*` resolved to the network's defaults
 * (`model.pooling` is "last" when a recipe does not set it). `name` and `dataRoot` are left out;
 * `model.inputShape` and `model.seed` too (they come from the data and the run's seed).
 * @param inputShape [timesteps, features] to resolve the network with (only checked, not reported). Default [256, 64].
 * @example resolvedSettings(run.config)["model.lstmUnits"]  // 64
 */
export function resolvedSettings(config: ExperimentConfig, inputShape: [number, number] = [256, 64]): Record<string, unknown> {
  const { inputShape: _shape, seed: _seed, ...model } = resolveCnnLstmConfig({ ...config.model, inputShape, seed: 0 });
  const flat = flattenConfig({ ...config, name: undefined, dataRoot: undefined, model });
  delete flat.name;
  delete flat.dataRoot;
  return flat;
}
