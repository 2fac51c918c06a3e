/**
 * mixup (Zhang et al., ICLR 2018): each training batch is replaced by convex combinations of its
 * clips and of their label distributions, `x̃ = λ x_i + (1 − λ) x_j`, `ỹ = λ y_i + (1 − λ) y_j`,
 * with λ ~ Beta(α, α) per batch and j a random permutation of the batch.
 */
import { ParameterError } from "../util/errors";
import type { Rng } from "../util/rng";

/** A Gamma(shape, 1) draw (Marsaglia & Tsang, 2000; shape < 1 by the boost u^(1/shape)). */
function gamma(shape: number, rng: Rng): number {
  if (shape < 1) return gamma(shape + 1, rng) * Math.pow(rng.random() || Number.MIN_VALUE, 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.random();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * A Beta(a, b) draw.
 * @example betaSample(0.4, 0.4, new Rng(7))  // in [0, 1]
 */
export function betaSample(a: number, b: number, rng: Rng): number {
  if (!(a > 0 && b > 0 && Number.isFinite(a) && Number.isFinite(b))) throw new ParameterError(`Beta(${a}, ${b}) needs finite parameters > 0`);
  const x = gamma(a, rng);
  const y = gamma(b, rng);
  return x / (x + y);
}

/**
 * Mixes a batch in place: clips `x` [b × per] and soft targets `targets` [b × C].
 * @param alpha Beta(α, α) parameter, > 0
 * @returns λ (the weight of each clip's own content)
 */
export function mixupBatch(x: Float32Array, targets: Float32Array, b: number, per: number, numClasses: number, alpha: number, rng: Rng): number {
  if (x.length < b * per || targets.length < b * numClasses) throw new ParameterError(`mixupBatch: buffers hold fewer than ${b} clips`);
  const lam = betaSample(alpha, alpha, rng);
  const perm = rng.shuffle(Array.from({ length: b }, (_, i) => i));
  const x0 = x.slice(0, b * per);
  const t0 = targets.slice(0, b * numClasses);
  for (let i = 0; i < b; i++) {
    const j = perm[i];
    for (let k = 0; k < per; k++) x[i * per + k] = lam * x0[i * per + k] + (1 - lam) * x0[j * per + k];
    for (let k = 0; k < numClasses; k++) targets[i * numClasses + k] = lam * t0[i * numClasses + k] + (1 - lam) * t0[j * numClasses + k];
  }
  return lam;
}
