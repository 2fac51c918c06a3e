/** A cross-validation's folds as table rows. */
import type { CrossValidation } from "./cross-validate";

/** One row of {@link foldTable}. */
export interface FoldRow {
  /** 1-based. */
  fold: number;
  "test actors": string;
  "val actors": string;
  /** Test scores of the fold's model. */
  accuracy: number | null;
  "macro-F1": number | null;
  epochs: number;
}

/**
 * One row per fold: its actors, its test scores and how many epochs it trained.
 * @example showTable(foldTable(await crossValidate(cfg, { k: 4 })), { digits: 3 });
 */
export function foldTable(cv: Pick<CrossValidation, "folds">): FoldRow[] {
  return cv.folds.map((f) => ({
    fold: f.fold + 1,
    "test actors": f.test.join(","),
    "val actors": f.val.join(","),
    accuracy: f.run.metrics.test?.accuracy ?? null,
    "macro-F1": f.run.metrics.test?.macroF1 ?? null,
    epochs: f.run.metrics.training.epochs,
  }));
}
