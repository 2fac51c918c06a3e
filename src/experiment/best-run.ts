/** Choosing a model among finished runs by a validation score (never by a test score). */
import { FileError, ParameterError } from "../util/errors";
import { projectPath } from "../util/paths";
import { listRunDirs, runsTable, type RunRow } from "./runs";
import path from "node:path";

/** Options of {@link bestRun}. */
export interface BestRunOptions {
  /** Which run folders compete (by name). Default: all. */
  filter?: RegExp;
  /** The score to maximise. Default "val.macroF1". */
  metric?: "val.macroF1" | "val.accuracy";
  /** A run to take instead of the best ("" = choose). Default "". */
  name?: string;
}

/** The chosen run and the table it was chosen from (best first, test scores left out). */
export interface BestRun {
  name: string;
  dir: string;
  /** The chosen run's row of `table` (its validation scores and settings). */
  row: RunRow;
  table: RunRow[];
}

/**
 * The run with the best validation score (test scores are dropped from the table, so choosing
 * never looks at them).
 * @throws FileError when no finished run matches; ParameterError for a named run that is not there
 * @example const { name, dir, table } = bestRun("runs", { filter: /^(train|tune-.*)$/ });
 */
export function bestRun(runsDir = projectPath("runs"), options: BestRunOptions = {}): BestRun {
  const { filter, metric = "val.macroF1", name = "" } = options;
  const table = runsTable(listRunDirs(runsDir, filter), { hideTest: true }).sort((a, b) => ((b[metric] as number) ?? -1) - ((a[metric] as number) ?? -1));
  if (table.length === 0)
    throw new FileError(runsDir, `no finished run${filter ? ` matching ${filter}` : ""}: train one first (notebook 04, or \`ser train\`)`);
  const chosen = name || String(table[0].name);
  const row = table.find((r) => r.name === chosen);
  if (!row) throw new ParameterError(`model=${JSON.stringify(chosen)}: no such run in ${runsDir} (runs: ${table.map((r) => r.name).join(", ")})`);
  return { name: chosen, dir: path.join(runsDir, chosen), row, table };
}
