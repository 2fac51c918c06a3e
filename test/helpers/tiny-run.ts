/**
 * A tiny trained run for tests of exported models: a committed recipe (configs/*.json) on two
 * actors' real clips (train actor 1, test actor 2), one epoch, global normalisation so single clips
 * can be scored. Seconds, not minutes; the network has the recipe's architecture (`overrides.model`
 * changes fields of it).
 */
import fs from "node:fs";
import path from "node:path";
import { runExperiment } from "../../src/experiment/run";
import type { PartialExperimentConfig } from "../../src/experiment/config";
import { projectPath } from "../../src/util/paths";
import { ravdessRoot } from "./ravdess";

/**
 * Trains `configs/<recipe>.json` briefly and returns the run folder.
 * @param recipe "seed" or "best"
 * @param runsDir where the run goes
 * @param cacheDir feature cache folder
 * @param overrides config fields to change; `model` and `training` are merged into the recipe's, and
 *   `name` names the run (default `tiny-<recipe>`)
 */
export async function tinyRun(recipe: "seed" | "best", runsDir: string, cacheDir: string, overrides: PartialExperimentConfig = {}): Promise<string> {
  const root = await ravdessRoot();
  const base = JSON.parse(fs.readFileSync(projectPath("configs", `${recipe}.json`), "utf8")) as PartialExperimentConfig;
  const r = await runExperiment(
    {
      ...base,
      name: `tiny-${recipe}`,
      dataRoot: root,
      actors: [1, 2],
      split: { train: "1", val: "", test: "2" },
      augmentation: "none",
      normalization: "global",
      ...overrides,
      model: { ...(base.model ?? {}), ...overrides.model },
      training: { ...base.training, epochs: 1, batchSize: 32, ...overrides.training },
    },
    { runsDir, cacheDir, workers: 2 },
  );
  return r.dir;
}

/** A few real clips of actor 2 (not trained on), one per emotion from neutral to angry. */
export async function heldOutClips(): Promise<string[]> {
  const root = await ravdessRoot();
  return ["01-01-01", "03-01-02", "03-02-02", "04-01-01", "05-02-02"].map((e) => {
    const [emotion, intensity, statement] = e.split("-");
    return path.join(root, "Actor_02", `03-01-${emotion}-${intensity}-${statement}-01-02.wav`);
  });
}
