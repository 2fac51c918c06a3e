/** The protocol results of some recipes for a notebook: read from their result files, or trained here. */
import { loadRecipe } from "./recipe";
import { runProtocol, type ProtocolRun } from "./protocol";
import { loadProtocolResults, protocolSummary, PROTOCOL_RESULTS_DIR, type ProtocolResultEntry } from "./protocol-result";
import type { NamedProtocolResult } from "./protocol-table";

/** Options of {@link protocolResults}. */
export interface ProtocolResultsOptions {
  /** true: run the protocol for every recipe (every fold × seed; hours) instead of reading the files. Default false. */
  rerun?: boolean;
  /** Seeds of a rerun, and of the command printed for a missing file. Default [7, 8, 9]. */
  seeds?: number[];
  /** A rerun's run folders (`<runsDir>/<protocol>-<recipe>-f<fold>-s<seed>/`). Default `<project>/runs`. */
  runsDir?: string;
  /** A rerun's data, relative to the project root. Default the recipe's. */
  dataRoot?: string;
  /** Result files' folder, relative to the project root. Default `configs/results`. */
  dir?: string;
  /** A rerun's progress, after every run. */
  onRun?: (recipe: string, run: ProtocolRun, done: number, total: number) => void;
}

/**
 * Each recipe's protocol summary, named by the config's base name ("best", "seed"), in the order
 * given; recipes whose result file is missing (and not rerun) are listed in `missing`, with the
 * command that makes the file.
 * @throws FileError for a result file that is there but broken
 * @example const { results, missing } = await protocolResults(["configs/best.json", "configs/seed.json"], "cv20");
 */
export async function protocolResults(
  configs: readonly string[],
  protocol: string,
  options: ProtocolResultsOptions = {},
): Promise<{ results: NamedProtocolResult[]; missing: ProtocolResultEntry[] }> {
  const { rerun = false, seeds = [7, 8, 9], runsDir, dataRoot, dir = PROTOCOL_RESULTS_DIR, onRun } = options;
  const results: NamedProtocolResult[] = [];
  const missing: ProtocolResultEntry[] = [];
  for (const e of loadProtocolResults(configs, protocol, seeds.length, dir)) {
    if (rerun) {
      const config = loadRecipe(e.config, dataRoot ? { dataRoot } : {});
      const res = await runProtocol(config, protocol, {
        seeds,
        runsDir,
        prefix: `${protocol}-${e.recipe}`,
        overwrite: true,
        onRun: (r, done, total) => onRun?.(e.recipe, r, done, total),
      });
      results.push({ recipe: e.recipe, result: protocolSummary(res) });
    } else if (e.result) results.push({ recipe: e.recipe, result: e.result.protocol });
    else missing.push(e);
  }
  return { results, missing };
}
