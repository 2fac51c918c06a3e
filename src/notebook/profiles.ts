/**
 * Run profiles of `npm start`: parameter overrides injected into every notebook's `parameters`
 * cell. "full" runs the notebooks as written (all actors, full training); "quick" is a reduced
 * configuration for CI and for trying the pipeline in a few minutes.
 */
import { ParameterError } from "../util/errors";

/** Where a profile writes its executed notebooks and runs (relative to the project root). */
export interface Profile {
  name: string;
  /**
   * Overrides passed to every notebook, merged into its `params` (`params = { ...params, ...overrides }`
   * in the injected cell): nothing filters them, so a key a notebook does not declare is still added
   * to its `params`, where it does nothing unless that notebook reads it.
   */
  params: Record<string, unknown>;
  /** Executed notebooks and HTML. */
  reportsDir: string;
  /** Training runs (`runs/<name>/`). */
  runsDir: string;
  /** One line on what the profile is for. */
  description: string;
}

/** The profiles by name. */
export const PROFILES: Readonly<Record<"full" | "quick", Profile>> = Object.freeze({
  full: {
    name: "full",
    params: {},
    reportsDir: "reports",
    runsDir: "runs",
    description: "every notebook as written: all actors, full training, tuning and cross-validation",
  },
  quick: {
    name: "quick",
    params: {
      actors: "1-6",
      split: { train: "1-4", val: "5", test: "6" },
      runsDir: "runs/quick",
      epochs: 3,
      tuneTrials: 2,
      tuneEpochs: 2,
      cvK: 2,
      cvFolds: [0],
      cvEpochs: 2,
      errorsToPlay: 2,
    },
    reportsDir: "reports/quick",
    runsDir: "runs/quick",
    description: "6 actors and a few epochs: the whole pipeline in a few minutes (CI)",
  },
});

/** The profile called `name`, or a ParameterError listing the profiles. */
export function profile(name: string): Profile {
  const p = (PROFILES as Record<string, Profile>)[name];
  if (!p) throw new ParameterError(`profile=${JSON.stringify(name)} must be one of ${Object.keys(PROFILES).join(", ")}`);
  return p;
}
