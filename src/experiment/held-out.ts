/** The guard every training notebook runs: held-out clips are neither trained on nor augmented. */
import { SerError } from "../util/errors";

/** An item of a training set: its source clip and, for a copy, its augmentation. */
interface Item {
  path: string;
  augmentation?: unknown;
}

/**
 * Throws when a validation or test clip also appears in training, or when a held-out clip is an
 * augmented copy (augmentation is for training only), naming the clip.
 * @example assertHeldOutClean({ train: ds.train.items, val: ds.val.items, test: ds.test.items });
 */
export function assertHeldOutClean(sets: { train: readonly Item[]; val: readonly Item[]; test: readonly Item[] }): void {
  const heldOut = new Set([...sets.val, ...sets.test].map((it) => it.path));
  const leaked = sets.train.find((it) => heldOut.has(it.path));
  if (leaked) throw new SerError(`held-out clip ${leaked.path} is also in the training set`);
  const augmented = [...sets.val, ...sets.test].find((it) => it.augmentation);
  if (augmented) throw new SerError(`held-out clip ${augmented.path} is an augmented copy: augmentation is for training clips only`);
}
