/** How a score moves with each setting of a search: the mean score of the trials per value. */
import { ParameterError } from "../util/errors";
import { repr } from "../util/validate";

/** One row of {@link settingEffects}. */
export interface SettingEffect {
  setting: string;
  /** The value as text. */
  value: string;
  /** Trials with that value. */
  trials: number;
  /** Mean of the score over them. */
  mean: number;
  /** Best score among them. */
  best: number;
}

/**
 * For each setting, the trials grouped by its value: count, mean and best score. With a few random
 * trials these are hints, not effects: other settings change between the trials too.
 * @param rows trials, e.g. from `trialsTable` (one field per setting, and the score)
 * @param settings the settings to group by (rows without the field are skipped for it); a joint key
 *   "a+b" (as in `trialsAround`'s spaces) groups by both fields, its value "va, vb"
 * @param metric the score field. Default "val.macroF1".
 * @returns rows grouped by setting (in the given order), best mean first within a setting
 * @throws ParameterError when a row's score is not a finite number (naming the row)
 * @example showTable(settingEffects(table, Object.keys(params.space)), { digits: 3 });
 */
export function settingEffects(rows: readonly Record<string, unknown>[], settings: readonly string[], metric = "val.macroF1"): SettingEffect[] {
  rows.forEach((r, i) => {
    if (typeof r[metric] !== "number" || !Number.isFinite(r[metric] as number))
      throw new ParameterError(`rows[${i}].${metric}=${repr(r[metric])} must be a finite number`);
  });
  return settings.flatMap((setting) => {
    const groups = new Map<string, number[]>();
    const fields = setting.split("+").map((f) => f.trim());
    for (const r of rows) {
      if (fields.some((f) => !(f in r) || r[f] === undefined)) continue;
      const text = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));
      const key = fields.map((f) => text(r[f])).join(", ");
      groups.set(key, [...(groups.get(key) ?? []), r[metric] as number]);
    }
    return [...groups.entries()]
      .map(([value, s]) => ({ setting, value, trials: s.length, mean: s.reduce((a, b) => a + b, 0) / s.length, best: Math.max(...s) }))
      .sort((a, b) => b.mean - a.mean);
  });
}
