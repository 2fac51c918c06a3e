/** Group means of a numeric field (pandas' `df.groupby(by)[field].mean()`), for notebook summaries. */
import { ParameterError } from "../util/errors";
import { repr } from "../util/validate";
import { countBy } from "./scan";

/**
 * The mean of `field` over the records of each value of `by`, keys in {@link countBy}'s order
 * (emotions in EMOTIONS order, numbers ascending, other strings alphabetically).
 * @param records rows, e.g. one per clip: `{ emotion: "angry", rms: 0.03, ... }`
 * @param by the grouping field ("emotion", "actor", ...)
 * @param field a numeric field
 * @returns a plain object group → mean
 * @throws ParameterError naming the row when a value of `field` is missing or not a finite number
 * @example const rms = meanBy(rows, "emotion", "rms");  rms.angry / rms.sad  // ≈ 3
 */
export function meanBy<T extends object>(records: readonly T[], by: keyof T & string, field: keyof T & string): Record<string, number> {
  const sums = new Map<string, number>();
  records.forEach((r, i) => {
    const v = r[field] as unknown;
    if (typeof v !== "number" || !Number.isFinite(v)) throw new ParameterError(`records[${i}].${field}=${repr(v)} must be a finite number`);
    const k = String(r[by]);
    sums.set(k, (sums.get(k) ?? 0) + v);
  });
  const out: Record<string, number> = {};
  for (const [k, n] of Object.entries(countBy(records, by))) out[k] = sums.get(k)! / n;
  return out;
}
