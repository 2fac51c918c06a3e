/** The table of a search's runs, best validation score first, every searched setting a column (defaults filled in). */
import path from "node:path";
import { listRunDirs, loadRun, runsTable, type RunRow } from "./runs";
import { resolvedSettings } from "./resolved-settings";

/** Options of {@link trialsTable}. */
export interface TrialsTableOptions {
  /** Which run folders (by name). Default: all. */
  filter?: RegExp;
  /** Only these runs (e.g. the names of this search's trials, leaving out older runs of another space). Default: every match of `filter`. */
  names?: readonly string[];
  /** Settings to have as columns even where no run varies them (e.g. the search space's keys). Default none. */
  include?: readonly string[];
  /** The score to sort by, best first. Default "val.macroF1". */
  metric?: "val.macroF1" | "val.accuracy";
}

/**
 * `runsTable` of the matching runs with the test scores hidden (choosing must not look at them),
 * sorted by the validation score, best first; a setting the saved config leaves to the network's
 * default (a recipe without `model.pooling`) shows the default's value instead of null, so charts
 * can read every column. Booleans, arrays and objects are JSON text, as in `runsTable`.
 * @example const table = trialsTable(runsDir, { filter: /^tune-\d+$/, include: Object.keys(params.space) });
 */
export function trialsTable(runsDir: string, options: TrialsTableOptions = {}): RunRow[] {
  const { filter, names, include = [], metric = "val.macroF1" } = options;
  const dirs = listRunDirs(runsDir, filter).filter((d) => !names || names.includes(path.basename(d)));
  const keys = include.flatMap((k) => k.split("+").map((s) => s.trim()));
  const rows = runsTable(dirs, { hideTest: true, include: keys });
  rows.forEach((row, i) => {
    const run = loadRun(dirs[i]);
    const settings = resolvedSettings(run.config, run.metrics.inputShape);
    for (const k of keys) {
      const v = settings[k];
      if (row[k] === null && v !== undefined) row[k] = typeof v === "number" || typeof v === "string" ? v : JSON.stringify(v);
    }
  });
  const score = (r: RunRow) => (typeof r[metric] === "number" ? (r[metric] as number) : -Infinity);
  return rows.sort((a, b) => score(b) - score(a));
}
