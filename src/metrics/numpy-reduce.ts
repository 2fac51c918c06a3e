/**
 * Floating-point reductions in numpy's exact order, so averages match scikit-learn bit for bit.
 * numpy's `add.reduce` over float64 uses pairwise summation: fewer than 8 values are added in a
 * loop; up to 128 values in 8 interleaved partial sums combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)),
 * then the remainder; longer runs are split in two at a multiple of 8 and summed recursively.
 */

function pairwise(a: ArrayLike<number>, start: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i];
    return res;
  }
  if (n <= 128) {
    const r0 = [a[start], a[start + 1], a[start + 2], a[start + 3], a[start + 4], a[start + 5], a[start + 6], a[start + 7]];
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r0[j] += a[start + i + j];
    let res = r0[0] + r0[1] + (r0[2] + r0[3]) + (r0[4] + r0[5] + (r0[6] + r0[7]));
    for (; i < n; i++) res += a[start + i];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwise(a, start, n2) + pairwise(a, start + n2, n - n2);
}

/** `np.sum(a)` for a float64 vector, in numpy's pairwise order. */
export function npSum(a: ArrayLike<number>): number {
  return pairwise(a, 0, a.length);
}

/** `np.mean(a)`: {@link npSum} divided by the length (NaN for an empty vector). */
export function npMean(a: ArrayLike<number>): number {
  return npSum(a) / a.length;
}

/** `np.nanmean(a)`: the mean of the non-NaN values (NaNs summed as 0, as numpy does). */
export function npNanMean(a: ArrayLike<number>): number {
  const z = new Float64Array(a.length);
  let count = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i])) continue;
    z[i] = a[i];
    count++;
  }
  return count === a.length ? npMean(z) : npSum(z) / count;
}

/** `np.average(a, weights=w)`: sum(a·w) / sum(w); throws a RangeError when the weights sum to 0. */
export function npAverage(a: ArrayLike<number>, w: ArrayLike<number>): number {
  const prod = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) prod[i] = a[i] * w[i];
  const scale = npSum(w);
  if (scale === 0) throw new RangeError("Weights sum to zero, can't be normalized");
  return npSum(prod) / scale;
}

/**
 * sklearn's `_nanaverage(a, weights)`: the (weighted) mean ignoring NaNs; NaN when `a` is empty or
 * all NaN; when the remaining weights sum to zero, the unweighted mean.
 */
export function nanAverage(a: ArrayLike<number>, weights: ArrayLike<number> | null): number {
  if (a.length === 0) return NaN;
  let allNan = true;
  for (let i = 0; i < a.length; i++) if (!Number.isNaN(a[i])) allNan = false;
  if (allNan) return NaN;
  if (weights === null) return npNanMean(a);
  const keepA: number[] = [];
  const keepW: number[] = [];
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i])) continue;
    keepA.push(a[i]);
    keepW.push(weights[i]);
  }
  try {
    return npAverage(keepA, keepW);
  } catch {
    return npMean(keepA);
  }
}
