/**
 * The one policy for non-finite numbers at the model boundary: a NaN or an infinity in model
 * inputs, weights, standardisation statistics, outputs or the training loss is an error that names
 * what holds it and where — never a number that flows on into a label or a score.
 */
import { SerError } from "./errors";

/** A NaN or ±Infinity where only finite numbers make sense. `what` names the array or value. */
export class NonFiniteError extends SerError {
  constructor(
    readonly what: string,
    readonly index: number,
    readonly value: number,
    detail = "",
  ) {
    super(`${what}${index >= 0 ? ` at ${detail || `index ${index}`}` : ""} is ${value}: only finite numbers are allowed`);
  }
}

/** Index of the first value that is NaN or ±Infinity, or −1 when all are finite. */
export function firstNonFinite(values: ArrayLike<number>): number {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return i;
  return -1;
}

/**
 * Throws a {@link NonFiniteError} when any value is NaN or ±Infinity.
 * @param what the array's name, e.g. `"features of a.wav"` or `"weights.bin: weight conv1d/kernel"`
 * @param values numbers to check
 * @param where optional description of an index, e.g. `(i) => \`clip ${i / 195 | 0}, column ${i % 195}\``
 * @example assertAllFinite("model output", p.data, (i) => `clip ${Math.floor(i / 8)}`);
 */
export function assertAllFinite(what: string, values: ArrayLike<number>, where?: (index: number) => string): void {
  const i = firstNonFinite(values);
  if (i >= 0) throw new NonFiniteError(what, i, values[i], where?.(i));
}

/**
 * Stops training when the loss is no longer a finite number: the model has diverged, and every
 * later weight would be garbage.
 * @param loss the loss just computed
 * @param where e.g. `"epoch 3, batch 7"`
 * @param learningRate the rate in use, quoted in the advice
 */
export function assertFiniteLoss(loss: number, where: string, learningRate: number): void {
  if (!Number.isFinite(loss)) {
    throw new SerError(
      `training diverged: the loss is ${loss} at ${where} (learning rate ${learningRate}). ` +
        "Lower training.learningRate, or check the inputs for extreme values",
    );
  }
}

/** The largest absolute value of `values` (for messages about overflowing inputs). */
export function peakAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]);
    if (a > m || Number.isNaN(a)) m = a;
  }
  return m;
}
