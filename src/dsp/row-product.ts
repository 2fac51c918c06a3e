/**
 * The inner kernel of the small dense and banded matrix products of the features (mel filter bank
 * × spectrogram, DCT basis × log-mel): one output row of W · X, accumulated in float64.
 */

/**
 * acc[t] += Σ_{i ∈ [start, end)} w[wOff + i] · X[i·T + t] for t < T: one row of W (its band
 * [start, end) of non-zero weights, at offset wOff) times X [·, T] (row-major). Four rows of X per
 * pass over the frames, so the accumulator is loaded and stored once per four products; the sum of
 * each four is formed left to right before it is added to acc[t].
 * @param acc accumulator [T] (not cleared: fill(0) first for a fresh row)
 * @example acc.fill(0); accumulateRowProduct(acc, M.data, m * M.cols, M.starts[m], M.ends[m], S.data, S.cols);
 */
export function accumulateRowProduct(acc: Float64Array, w: ArrayLike<number>, wOff: number, start: number, end: number, X: ArrayLike<number>, T: number): void {
  let i = start;
  for (; i + 3 < end; i += 4) {
    const w0 = w[wOff + i];
    const w1 = w[wOff + i + 1];
    const w2 = w[wOff + i + 2];
    const w3 = w[wOff + i + 3];
    const o0 = i * T;
    const o1 = o0 + T;
    const o2 = o1 + T;
    const o3 = o2 + T;
    for (let t = 0; t < T; t++) acc[t] += w0 * X[o0 + t] + w1 * X[o1 + t] + w2 * X[o2 + t] + w3 * X[o3 + t];
  }
  for (; i < end; i++) {
    const w0 = w[wOff + i];
    const o0 = i * T;
    for (let t = 0; t < T; t++) acc[t] += w0 * X[o0 + t];
  }
}
