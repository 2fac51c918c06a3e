/**
 * Tuning trials around a recipe: the recipe itself first (the reference every trial is compared
 * with), then a seeded sample of the search space's combinations that change it.
 */
import { ParameterError } from "../util/errors";
import { Rng } from "../util/rng";
import { repr } from "../util/validate";
import { withOverrides, type PartialExperimentConfig } from "./config";
import { resolvedSettings } from "./resolved-settings";
import { gridSearch, type SearchSpace } from "./search";

/**
 * Splits joint keys: `{ "model.lstmLayers+model.residual": [2, true] }` → `{ "model.lstmLayers": 2, "model.residual": true }`,
 * so settings that only make sense together are one dimension of a space.
 */
export function expandJointKeys(trial: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(trial)) {
    if (!key.includes("+")) {
      out[key] = value;
      continue;
    }
    const keys = key.split("+").map((k) => k.trim());
    if (!Array.isArray(value) || value.length !== keys.length)
      throw new ParameterError(
        `search space ${repr(key)}: each value must be an array of ${keys.length} values (one per key), but got ${JSON.stringify(value)}`,
      );
    keys.forEach((k, i) => (out[k] = value[i]));
  }
  return out;
}

/**
 * Up to `n` + 1 trials (overrides of `recipe`): `{}` (the recipe as it is), then `n` distinct
 * combinations of the space drawn with `seed`, leaving out those that give the recipe's own
 * settings (or another trial's), with the network's defaults taken into account.
 * A key joining dotted paths with "+" takes arrays of values, one per path (see {@link expandJointKeys}).
 * @returns overrides, one object per trial; fewer than n + 1 when the space has fewer combinations
 * @throws ParameterError for an empty dimension, a bad joint value, or a trial that is not a valid config (naming it)
 * @example const trials = trialsAround(recipe, { "model.pooling": ["mean", "attention"], "training.mixupAlpha": [0, 0.4] }, 4, 7);
 */
export function trialsAround(recipe: PartialExperimentConfig, space: SearchSpace, n: number, seed: number): Record<string, unknown>[] {
  if (!Number.isInteger(n) || n < 0) throw new ParameterError(`n=${repr(n)} must be an integer ≥ 0`);
  const settingsOf = (trial: Record<string, unknown>) => {
    try {
      return JSON.stringify(resolvedSettings(withOverrides(recipe, trial)));
    } catch (err) {
      throw new ParameterError(`trial ${JSON.stringify(trial)} is not a valid config: ${(err as Error).message}`);
    }
  };
  const seen = new Set([settingsOf({})]);
  const out: Record<string, unknown>[] = [{}];
  for (const combo of new Rng(seed).shuffle(gridSearch(space))) {
    if (out.length > n) break;
    const trial = expandJointKeys(combo);
    const key = settingsOf(trial);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(trial);
  }
  return out;
}
