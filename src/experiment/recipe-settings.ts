/** What a run's configuration sets on purpose: the recipe's own settings and a notebook's overrides (everything else is a default). */
import { flattenConfig, type ExperimentConfig, type PartialExperimentConfig } from "./config";
import { readRecipe } from "./recipe";

/** One row of {@link recipeSettings}. */
export interface SettingRow {
  /** Dotted name, e.g. "training.learningRate". */
  setting: string;
  /** The value as text (arrays and objects as JSON). */
  value: string;
}

/** What a notebook's {@link RecipeOverrides} may set, besides the recipe. */
const OVERRIDDEN = ["name", "seed", "actors", "split", "training.epochs"];

/**
 * The settings of `config` that its recipe sets, or that notebooks override (name, seed, actors,
 * split, epochs; or `also`), with their values in `config`; `dataRoot` (a machine path) is left out.
 * @param config the complete config (e.g. from `loadRecipe`)
 * @param recipe the recipe file (relative to the project root) or its JSON
 * @param also dotted names (or groups) to show as well. Default the notebook overrides above.
 * @returns rows in the config's order
 * @example showTable(recipeSettings(config, params.config), { caption: "The run's configuration" });
 */
export function recipeSettings(config: ExperimentConfig, recipe: string | PartialExperimentConfig, also: readonly string[] = OVERRIDDEN): SettingRow[] {
  const keys = [...Object.keys(flattenConfig(typeof recipe === "string" ? readRecipe(recipe) : recipe)), ...also];
  const wanted = (k: string) => keys.some((r) => k === r || k.startsWith(`${r}.`));
  return Object.entries(flattenConfig(config))
    .filter(([k, v]) => v !== undefined && k !== "dataRoot" && wanted(k))
    .map(([setting, value]) => ({ setting, value: typeof value === "string" ? value : JSON.stringify(value) }));
}
