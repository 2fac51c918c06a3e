/** The pair of classes a classifier mixes up most often, from its confusion matrix. */

/** Two classes and how many clips of either were predicted as the other. */
export interface ConfusedPair {
  a: string;
  b: string;
  count: number;
}

/**
 * The pair (a, b) with the most mistakes a→b plus b→a; ties go to the first pair in label order.
 * @param confusion counts [true][predicted] (as `confusionMatrix` returns)
 * @returns null when there are no mistakes
 * @example mostConfusedPair(test.confusion, labels)  // { a: "calm", b: "neutral", count: 9 }
 */
export function mostConfusedPair(confusion: readonly (readonly number[])[], labels: readonly string[]): ConfusedPair | null {
  let best: ConfusedPair | null = null;
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const count = confusion[i][j] + confusion[j][i];
      if (count > 0 && (!best || count > best.count)) best = { a: labels[i], b: labels[j], count };
    }
  }
  return best;
}
