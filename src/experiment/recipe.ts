/** Loading a recipe (configs/*.json) with a notebook's overrides on top. */
import fs from "node:fs";
import { FileError } from "../util/errors";
import { projectPath } from "../util/paths";
import { parseActorRange } from "../data/split";
import { experimentConfig, type ExperimentConfig, type PartialExperimentConfig } from "./config";

/** What a notebook overrides in a recipe; unset (or "" / 0) keeps the recipe's value. */
export interface RecipeOverrides {
  name?: string;
  seed?: number;
  /** Relative to the project root. */
  dataRoot?: string;
  /** An actor range ("1-6"); "" = every actor found. */
  actors?: string;
  split?: PartialExperimentConfig["split"];
  /** Maximum epochs; 0 = the recipe's. */
  epochs?: number;
}

/** A recipe file's JSON (path relative to the project root), with a clear error when it is missing or not JSON. */
export function readRecipe(file: string): PartialExperimentConfig {
  const p = projectPath(file);
  if (!fs.existsSync(p)) throw new FileError(file, "no such recipe file");
  try {
    return JSON.parse(fs.readFileSync(p, "utf8"));
  } catch (err) {
    throw new FileError(file, `not valid JSON (${(err as Error).message})`);
  }
}

/**
 * A recipe (a partial config, as in configs/*.json or a saved run's config.json) with a notebook's
 * overrides on top; unset overrides (or "" / 0) keep the recipe's value.
 * @example const cv = recipeWithOverrides(run.config, { actors: params.actors || undefined, epochs: params.cvEpochs });
 */
export function recipeWithOverrides(recipe: PartialExperimentConfig, overrides: RecipeOverrides = {}): ExperimentConfig {
  const { name, seed, dataRoot, actors, split, epochs } = overrides;
  return experimentConfig({
    ...recipe,
    ...(name ? { name } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(dataRoot ? { dataRoot: projectPath(dataRoot) } : {}),
    ...(actors !== undefined ? { actors: actors ? parseActorRange(actors) : null } : {}),
    ...(split ? { split } : {}),
    training: { ...recipe.training, ...(epochs ? { epochs } : {}) },
  });
}

/**
 * The experiment config of a recipe file with overrides.
 * @example const config = loadRecipe("configs/best.json", { name: "train", actors: params.actors, split: params.split, epochs: params.epochs });
 */
export function loadRecipe(file: string, overrides: RecipeOverrides = {}): ExperimentConfig {
  return recipeWithOverrides(readRecipe(file), overrides);
}
