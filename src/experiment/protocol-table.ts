/** Result tables of protocols: recipes side by side, as the README and notebook 06 show them. */
import type { MeanStd } from "./cross-validate";
import type { ProtocolScores, ProtocolSummary } from "./protocol-result";

/** A recipe's protocol result, named. */
export interface NamedProtocolResult {
  recipe: string;
  result: ProtocolSummary;
}

/** One row of {@link protocolTable}: scores as "mean ± std" in %. */
export interface ProtocolTableRow {
  recipe: string;
  /** How the test clips were standardised: "per speaker", "global", or "per clip (scored alone)". */
  normalisation: string;
  /** Models the scores are over: "5 folds × 3 seeds". */
  runs: string;
  "accuracy %": string;
  "UAR %": string;
  "macro-F1 %": string;
  "val accuracy %": string;
}

/** "60.2 ± 4.6": a MeanStd of fractions, in %. */
export function formatMeanStd(m: MeanStd, digits = 1): string {
  return `${(100 * m.mean).toFixed(digits)} ± ${(100 * m.std).toFixed(digits)}`;
}

const NORMALISATION: Record<ProtocolSummary["normalization"], string> = { speaker: "per speaker", global: "global", utterance: "per clip" };

/**
 * The protocol table: per recipe, its test scores (mean ± std over folds × seeds), with how it
 * normalised; a speaker-normalised recipe gets a second row with every test clip scored alone (a
 * new speaker with one recording, normalised with its own statistics), and a recipe with several
 * seeds a row for the ensemble of its seeds.
 * @example showTable(protocolTable([{ recipe: "best", result: best.protocol }, { recipe: "seed", result: seed.protocol }]));
 */
export function protocolTable(results: readonly NamedProtocolResult[]): ProtocolTableRow[] {
  return results.flatMap(({ recipe, result: r }) => {
    const folds = new Set(r.runs.map((x) => x.fold)).size;
    const row = (name: string, normalisation: string, runs: string, s: ProtocolScores, val: MeanStd | null): ProtocolTableRow => ({
      recipe: name,
      normalisation,
      runs,
      "accuracy %": formatMeanStd(s.accuracy),
      "UAR %": formatMeanStd(s.uar),
      "macro-F1 %": formatMeanStd(s.macroF1),
      "val accuracy %": val ? formatMeanStd(val) : "—",
    });
    const runs = `${folds} folds × ${r.seeds.length} seed${r.seeds.length === 1 ? "" : "s"}`;
    return [
      row(recipe, NORMALISATION[r.normalization], runs, r, r.valAccuracy),
      ...(r.singleClip ? [row(`${recipe}, each test clip alone`, "per clip (scored alone)", runs, r.singleClip, null)] : []),
      ...(r.ensemble ? [row(`${recipe}, ensemble of its ${r.seeds.length} seeds`, NORMALISATION[r.normalization], `${folds} folds`, r.ensemble, null)] : []),
    ];
  });
}

/**
 * Per-class recall of the pooled test predictions, one column per recipe (labels of the first one).
 * @returns rows `{ emotion, "<recipe> recall": r, ... }`; a label a recipe lacks is null
 */
export function perClassRecallTable(results: readonly NamedProtocolResult[]): Record<string, string | number | null>[] {
  const labels = results.length ? Object.keys(results[0].result.perClassRecall) : [];
  return labels.map((emotion) => ({
    emotion,
    ...Object.fromEntries(results.map(({ recipe, result }) => [`${recipe} recall`, result.perClassRecall[emotion] ?? null])),
  }));
}
