/**
 * One-dimensional median filters of a matrix along its rows or columns, exactly as
 * `scipy.ndimage.median_filter(..., mode="reflect")` (scipy's "reflect" is numpy's "symmetric":
 * d c b a | a b c d | d c b a) — the filters of HPSS (hpss.ts) — computed by ranks: one radix sort
 * of the whole matrix, then a sliding bitmap of ranks per line.
 */
import { ParameterError } from "../util/errors";
import type { Matrix } from "../util/matrix";
import { assertPositiveInt } from "../util/validate";
import { borrow, giveBack } from "./scratch";

/** Options of {@link medianFilter}. */
export interface MedianFilterOptions {
  /**
   * Kernel size [along rows (frequency), along columns (time)]; one of the two must be 1
   * (a one-dimensional median, all that HPSS needs). Integers ≥ 1. Required.
   */
  size: readonly [number, number];
}

/** Index into [0, n) for an out-of-range index under scipy's "reflect" (numpy "symmetric") extension. */
function reflectIndex(i: number, n: number): number {
  if (i >= 0 && i < n) return i;
  const period = 2 * n;
  let j = ((i % period) + period) % period;
  if (j >= n) j = period - 1 - j;
  return j;
}

/** Symmetric-extension indices −before … n − 1 + after of a line of length n. */
function extendedIndex(n: number, before: number, after: number): Int32Array {
  const idx = new Int32Array(before + n + after);
  for (let i = 0; i < idx.length; i++) idx[i] = reflectIndex(i - before, n);
  return idx;
}

/*
 * Running medians by ranks. One stable LSD radix sort of the whole matrix (float32 bit patterns
 * made unsigned-monotone, three 11-bit passes, each value carried with its row and column) gives,
 * by distribution, every row's and every
 * column's elements in ascending order. Along a line extended by reflection, each element then
 * gets a distinct rank (its copies take consecutive ranks), and the window slides over a bitmap of
 * ranks: leaving and entering elements clear and set one bit each, and the median rank moves to
 * the next or previous set bit (Math.clz32) when the count below it changes. No comparisons of
 * values at all after the sort, and the median is exact: the value of rank ⌊w/2⌋ in the window,
 * as scipy's selection.
 */

const RADIX_COUNTS = new Int32Array(3 * 2048);

/**
 * Stable LSD radix sort (three 11-bit passes) of the values of x [rows × cols, row-major], each
 * carried with a payload: (r << colBits) | c when `colBits` > 0, else the flat index r·cols + c.
 * Keys and payloads travel as adjacent pairs, so each pass writes one stream per bucket.
 * @returns { sorted, spare }: `sorted` holds the pairs in ascending order of value (−0 before +0,
 *   which are equal values; ties in index order) — payload of rank q at sorted[2q + 1]; `spare`
 *   is the other pair array, free for the caller (2n entries). Both are `a` and `b`, the caller's
 *   work arrays of ≥ 2n entries each.
 */
function sortWithPayload(
  x: Float32Array,
  rows: number,
  cols: number,
  colBits: number,
  a: Uint32Array,
  b: Uint32Array,
): { sorted: Uint32Array; spare: Uint32Array } {
  const n = rows * cols;
  const bits = new Uint32Array(x.buffer, x.byteOffset, n);
  let src = a;
  let dst = b;
  const cnt = RADIX_COUNTS;
  cnt.fill(0);
  for (let r = 0, i = 0; r < rows; r++) {
    const tag = colBits > 0 ? (r << colBits) >>> 0 : r * cols;
    for (let c = 0; c < cols; c++, i++) {
      const b = bits[i];
      const k = (b & 0x80000000 ? ~b : b | 0x80000000) >>> 0; // float order as unsigned order
      src[2 * i] = k;
      src[2 * i + 1] = tag + c;
      cnt[k & 2047]++;
      cnt[2048 + ((k >>> 11) & 2047)]++;
      cnt[4096 + (k >>> 22)]++;
    }
  }
  for (let d = 0; d < 3; d++) {
    const o = d * 2048;
    let shared = false; // every key has the same digit: nothing to do
    for (let b = 0; b < 2048; b++) {
      const c = cnt[o + b];
      if (c !== 0) {
        shared = c === n;
        break;
      }
    }
    if (shared) continue;
    for (let b = 0, sum = 0; b < 2048; b++) {
      const c = cnt[o + b];
      cnt[o + b] = sum;
      sum += c;
    }
    radixPass(src, dst, n, cnt, o, 11 * d);
    const t = src;
    src = dst;
    dst = t;
  }
  return { sorted: src, spare: dst };
}

/** One counting-sort pass of (key, payload) pairs by the 11-bit digit at `shift` (offsets in cnt[o …]). */
function radixPass(src: Uint32Array, dst: Uint32Array, n: number, cnt: Int32Array, o: number, shift: number): void {
  for (let i = 0; i < 2 * n; i += 2) {
    const k = src[i];
    const p = 2 * cnt[o + ((k >>> shift) & 2047)]++;
    dst[p] = k;
    dst[p + 1] = src[i + 1];
  }
}

/**
 * Median filters of the rows of x [nLines, len] (row-major) along the row, by ranks: `list` gives
 * each row's positions in ascending order of value (list[l·len + k]).
 */
function lineMedians(x: Float32Array, list: Int32Array, nLines: number, len: number, w: number, out: Float32Array): void {
  const before = w >> 1;
  const ext = extendedIndex(len, before, w - 1 - before);
  const L = ext.length;
  const mult = new Int32Array(len);
  for (let i = 0; i < L; i++) mult[ext[i]]++;
  // each element at most twice, the copies outside [before, before + len): copy rank = base + 1
  let simple = true;
  for (let p = 0; p < len; p++) if (mult[p] > 2) simple = false;
  const base = new Int32Array(len);
  const seen = new Int32Array(len);
  const rank = new Int32Array(L);
  const sval = new Float32Array(L);
  const bits = new Int32Array((L >> 5) + 1);
  const summary = new Int32Array((L >> 10) + 1);
  for (let l = 0; l < nLines; l++) {
    const o = l * len;
    let acc = 0;
    for (let k = 0, q = o; k < len; k++, q++) {
      const p = list[q];
      base[p] = acc;
      const v = x[o + p];
      sval[acc++] = v;
      if (mult[p] === 2) sval[acc++] = v;
      else for (let j = 1; j < mult[p]; j++) sval[acc++] = v;
    }
    if (simple) {
      for (let i = 0; i < before; i++) rank[i] = base[ext[i]] + 1;
      for (let i = before, p = 0; p < len; i++, p++) rank[i] = base[p];
      for (let i = before + len; i < L; i++) rank[i] = base[ext[i]] + 1;
    } else {
      seen.fill(0);
      for (let i = 0; i < L; i++) {
        const p = ext[i];
        rank[i] = base[p] + seen[p]++;
      }
    }
    slideMedian(rank, sval, bits, summary, w, len, out, o);
  }
}

/**
 * The median of each window of w consecutive entries of `rank` (distinct ranks into `sval`), for
 * nOut windows, written to out[off + c]. `bits` is a bitmap of the window's ranks and
 * `summary` a bitmap of its non-zero words, so the next or previous set bit is found in O(1).
 */
function slideMedian(
  rank: Int32Array,
  sval: Float32Array,
  bits: Int32Array,
  summary: Int32Array,
  w: number,
  nOut: number,
  out: Float32Array,
  off: number,
): void {
  bits.fill(0);
  summary.fill(0);
  for (let i = 0; i < w; i++) {
    const r = rank[i];
    bits[r >> 5] |= 1 << (r & 31);
    summary[r >> 10] |= 1 << ((r >> 5) & 31);
  }
  const h = w >> 1;
  // the first median: the set bit with h set bits below it
  let m = 0;
  for (let q = 0, below = 0; ; q++) {
    if (bits[q >> 5] & (1 << (q & 31))) {
      if (below === h) {
        m = q;
        break;
      }
      below++;
    }
  }
  out[off] = sval[m];
  for (let c = 1; c < nOut; c++) {
    const ro = rank[c - 1];
    const rn = rank[c + w - 1];
    let wi = ro >> 5;
    const left = bits[wi] & ~(1 << (ro & 31));
    bits[wi] = left;
    if (left === 0) summary[wi >> 5] &= ~(1 << (wi & 31));
    wi = rn >> 5;
    bits[wi] |= 1 << (rn & 31);
    summary[wi >> 5] |= 1 << (wi & 31);
    // set bits below m now (m itself may have left)
    const below = h - ((ro - m) >>> 31) + ((rn - m) >>> 31);
    if (below > h) {
      // the previous set bit
      wi = m >> 5;
      let word = bits[wi] & ((1 << (m & 31)) - 1);
      if (word === 0) {
        let si = wi >> 5;
        let sw = summary[si] & ((1 << (wi & 31)) - 1);
        while (sw === 0) sw = summary[--si];
        wi = (si << 5) + 31 - Math.clz32(sw);
        word = bits[wi];
      }
      m = (wi << 5) + 31 - Math.clz32(word);
    } else if (below < h || ro === m) {
      // the next set bit
      wi = m >> 5;
      const sh = (m & 31) + 1;
      let word = sh === 32 ? 0 : bits[wi] & (-1 << sh);
      if (word === 0) {
        let si = wi >> 5;
        const ssh = (wi & 31) + 1;
        let sw = ssh === 32 ? 0 : summary[si] & (-1 << ssh);
        while (sw === 0) sw = summary[++si];
        wi = (si << 5) + 31 - Math.clz32(sw & -sw);
        word = bits[wi];
      }
      m = (wi << 5) + 31 - Math.clz32(word & -word);
    }
    out[off + c] = sval[m];
  }
}

/**
 * Median filters of a rows × cols matrix along its columns (kernel [1, wAlongCols], into outH)
 * and/or along its rows (kernel [wAlongRows, 1], into outP), sharing one sort. Work memory comes
 * from the scratch pool.
 */
export function medianFilters(
  x: Float32Array,
  rows: number,
  cols: number,
  wAlongCols: number,
  outH: Float32Array | null,
  wAlongRows: number,
  outP: Float32Array | null,
): void {
  const n = rows * cols;
  const a = borrow("median.pairs.a", Uint32Array, 2 * n);
  const b = borrow("median.pairs.b", Uint32Array, 2 * n);
  try {
    medianFiltersWith(x, rows, cols, wAlongCols, outH, wAlongRows, outP, a, b);
  } finally {
    giveBack("median.pairs.a", a);
    giveBack("median.pairs.b", b);
  }
}

/** {@link medianFilters} with the sort's two pair arrays (2n entries each) given. */
function medianFiltersWith(
  x: Float32Array,
  rows: number,
  cols: number,
  wAlongCols: number,
  outH: Float32Array | null,
  wAlongRows: number,
  outP: Float32Array | null,
  a: Uint32Array,
  b: Uint32Array,
): void {
  const n = rows * cols;
  // payloads carry (row, column) in bit fields when they fit in 32 bits, else the flat index
  const colBits = 32 - Math.clz32(Math.max(cols - 1, 1));
  const packed = rows <= 2 ** (32 - colBits);
  const { sorted, spare } = sortWithPayload(x, rows, cols, packed ? colBits : 0, a, b);
  // per-row and per-column lists of positions in ascending order of value, in the sort's spare memory
  const rowList = outH ? new Int32Array(spare.buffer, spare.byteOffset, n) : null;
  const colList = outP ? new Int32Array(spare.buffer, spare.byteOffset + 4 * n, n) : null;
  const rowFill = new Int32Array(rows);
  const colFill = new Int32Array(cols);
  if (packed) distributePacked(sorted, n, rows, cols, colBits, rowList, colList, rowFill, colFill);
  else distributeFlat(sorted, n, rows, cols, rowList, colList, rowFill, colFill);
  if (outH) {
    if (wAlongCols === 1) outH.set(x);
    else lineMedians(x, rowList!, rows, cols, wAlongCols, outH);
  }
  if (outP) {
    if (wAlongRows === 1) outP.set(x);
    else {
      // along the columns: as rows of the transpose (contiguous lines), then back
      const xt = transposeInto(x, rows, cols, borrow("median.transposed", Float32Array, n));
      const outT = borrow("median.transposed.out", Float32Array, n);
      lineMedians(xt, colList!, cols, rows, wAlongRows, outT);
      transposeInto(outT, cols, rows, outP);
      giveBack("median.transposed", xt);
      giveBack("median.transposed.out", outT);
    }
  }
}

/** Appends each sorted element's column to its row's list and its row to its column's list (packed payloads). */
function distributePacked(
  sorted: Uint32Array,
  n: number,
  rows: number,
  cols: number,
  colBits: number,
  rowList: Int32Array | null,
  colList: Int32Array | null,
  rowFill: Int32Array,
  colFill: Int32Array,
): void {
  const mask = (1 << colBits) - 1;
  for (let q = 1; q < 2 * n; q += 2) {
    const v = sorted[q];
    const r = v >>> colBits;
    const c = v & mask;
    if (rowList !== null) rowList[r * cols + rowFill[r]++] = c;
    if (colList !== null) colList[c * rows + colFill[c]++] = r;
  }
}

/** {@link distributePacked} for flat-index payloads. */
function distributeFlat(
  sorted: Uint32Array,
  n: number,
  rows: number,
  cols: number,
  rowList: Int32Array | null,
  colList: Int32Array | null,
  rowFill: Int32Array,
  colFill: Int32Array,
): void {
  for (let q = 1; q < 2 * n; q += 2) {
    const e = sorted[q];
    const r = Math.floor(e / cols);
    const c = e - r * cols;
    if (rowList !== null) rowList[r * cols + rowFill[r]++] = c;
    if (colList !== null) colList[c * rows + colFill[c]++] = r;
  }
}

/** dst [cols, rows] = transpose of src [rows, cols], in 16 × 16 tiles. */
function transposeInto(src: Float32Array, rows: number, cols: number, dst: Float32Array): Float32Array {
  const T = 16;
  for (let r0 = 0; r0 < rows; r0 += T) {
    const r1 = Math.min(r0 + T, rows);
    for (let c0 = 0; c0 < cols; c0 += T) {
      const c1 = Math.min(c0 + T, cols);
      for (let c = c0; c < c1; c++) {
        for (let r = r0, o = c * rows; r < r1; r++) dst[o + r] = src[r * cols + c];
      }
    }
  }
  return dst;
}

/**
 * One-dimensional median filter of a matrix along its rows or columns, as
 * `scipy.ndimage.median_filter(x, size=size, mode="reflect")` (exact: the output values are
 * elements of the input). Computed by ranks: one radix sort of the matrix, then a bitmap of the
 * window's ranks per line (≈ 5–10 ns per output on spectrograms, whatever the window).
 * @param x Matrix [rows, cols] (finite values)
 * @param options `size: [1, w]` filters along each row (librosa's harmonic, time direction);
 *   `size: [w, 1]` along each column (percussive, frequency direction)
 * @returns Matrix [rows, cols]
 * @example const H = medianFilter(S, { size: [1, 31] });  // median over 31 frames
 */
export function medianFilter(x: Matrix, options: MedianFilterOptions): Matrix {
  const [wr, wc] = options.size;
  assertPositiveInt("size[0]", wr);
  assertPositiveInt("size[1]", wc);
  if (wr > 1 && wc > 1) throw new ParameterError(`size=[${wr}, ${wc}]: only one-dimensional kernels ([1, w] or [w, 1]) are supported`);
  const { rows, cols } = x;
  const out = new Float32Array(rows * cols);
  if (rows === 0 || cols === 0) return { data: out, rows, cols };
  if (wc > 1) medianFilters(x.data, rows, cols, wc, out, 1, null);
  else if (wr > 1) medianFilters(x.data, rows, cols, 1, null, wr, out);
  else out.set(x.data);
  return { data: out, rows, cols };
}
