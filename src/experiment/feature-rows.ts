/** Feature matrices as table rows with named columns: for distribution charts and for looking at a clip's numbers. */
import { ParameterError } from "../util/errors";
import { repr } from "../util/validate";
import type { Matrix } from "../util/matrix";
import type { ExtractResult } from "./extract";

/**
 * One row per extracted clip of a summary extraction: the clip's own fields (`records[i]`), then
 * one field per feature column. Failed items (null features) are left out.
 * @param result an `extractDataset` result of the summary representation (every Matrix [1, columns])
 * @param records one record per input item, in the same order (e.g. `{ emotion }` of each clip)
 * @param columns the feature columns to keep. Default all of them.
 * @returns rows like `{ emotion: "angry", rms: 0.041, mfcc_01: -312.5, ... }`
 * @throws ParameterError for a records length that differs, an unknown column, or a sequence Matrix
 * @example const rows = featureRows(res, clips.map((c) => ({ emotion: c.emotion })), ["rms", "zcr"]);
 */
export function featureRows<T extends object>(
  result: Pick<ExtractResult, "features" | "columns">,
  records: readonly T[],
  columns: readonly string[] = result.columns,
): (T & Record<string, unknown>)[] {
  if (records.length !== result.features.length)
    throw new ParameterError(`records has ${records.length} entries but the extraction has ${result.features.length} items`);
  const at = columns.map((c) => {
    const j = result.columns.indexOf(c);
    if (j < 0)
      throw new ParameterError(`column ${repr(c)} is not a feature column (${result.columns.slice(0, 5).join(", ")}, … ${result.columns.length} in all)`);
    return j;
  });
  const out: (T & Record<string, unknown>)[] = [];
  result.features.forEach((f, i) => {
    if (f === null) return;
    if (f.rows !== 1) throw new ParameterError(`item ${i} is a ${f.rows} × ${f.cols} sequence: featureRows needs summary features (one row per clip)`);
    out.push({ ...records[i], ...Object.fromEntries(columns.map((c, k) => [c, f.data[at[k]]])) } as T & Record<string, unknown>);
  });
  return out;
}

/**
 * Some named columns of a frame sequence at some frames: one row per column, one field per frame.
 * @param seq frames × columns, with its column names (a `clipFeatures` result)
 * @param columns the column names to show
 * @param frames frame indices, each in [0, seq.rows)
 * @returns rows `{ column, "frame 0": v, "frame 60": v, ... }`
 * @throws ParameterError for an unknown column or a frame outside the sequence
 * @example showTable(frameValues(seq, ["mfcc_01", "rms"], [0, 60]));
 */
export function frameValues(
  seq: Matrix & { readonly columns: readonly string[] },
  columns: readonly string[],
  frames: readonly number[],
): Record<string, string | number>[] {
  for (const t of frames)
    if (!(Number.isInteger(t) && t >= 0 && t < seq.rows)) throw new ParameterError(`frame ${repr(t)} is outside the sequence (0..${seq.rows - 1})`);
  return columns.map((column) => {
    const j = seq.columns.indexOf(column);
    if (j < 0)
      throw new ParameterError(
        `column ${repr(column)} is not a column of the sequence (${seq.columns.slice(0, 5).join(", ")}, … ${seq.columns.length} in all)`,
      );
    return { column, ...Object.fromEntries(frames.map((t) => [`frame ${t}`, seq.data[t * seq.cols + j]])) };
  });
}
