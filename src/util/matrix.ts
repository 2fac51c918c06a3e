/**
 * Dense 2-D arrays as one flat row-major Float32Array plus dimensions.
 * Oriented like librosa: features × frames (rows = features or frequency bins, cols = frames).
 */
import { ParameterError } from "./errors";

/** Row-major: element (r, c) is `data[r * cols + c]`. */
export interface Matrix {
  readonly data: Float32Array;
  readonly rows: number;
  readonly cols: number;
}

/** A rows × cols matrix of zeros. */
export function zeros(rows: number, cols: number): Matrix {
  return { data: new Float32Array(rows * cols), rows, cols };
}

/** Wraps `data` as a rows × cols matrix, checking the length. */
export function matrix(data: Float32Array, rows: number, cols: number): Matrix {
  if (data.length !== rows * cols) {
    throw new ParameterError(`matrix data has ${data.length} elements, but rows × cols = ${rows} × ${cols} = ${rows * cols}`);
  }
  return { data, rows, cols };
}

/** Builds a matrix from nested rows (all of one length). */
export function fromRows(rows: ArrayLike<number>[]): Matrix {
  const r = rows.length;
  const c = r === 0 ? 0 : rows[0].length;
  const out = new Float32Array(r * c);
  rows.forEach((row, i) => {
    if (row.length !== c) throw new ParameterError(`row ${i} has ${row.length} values, but row 0 has ${c}`);
    for (let j = 0; j < c; j++) out[i * c + j] = row[j];
  });
  return { data: out, rows: r, cols: c };
}

/** Nested number[][] rows, for JSON, Danfo or charts. */
export function toRows(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) out.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return out;
}

/** Row `r` as a view (no copy). */
export function row(m: Matrix, r: number): Float32Array {
  return m.data.subarray(r * m.cols, (r + 1) * m.cols);
}

/** The transpose, a new cols × rows matrix. */
export function transpose(m: Matrix): Matrix {
  const out = new Float32Array(m.data.length);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) out[j * m.rows + i] = m.data[i * m.cols + j];
  return { data: out, rows: m.cols, cols: m.rows };
}

/** Stacks matrices with equal column counts on top of each other (np.vstack). */
export function vstack(ms: readonly Matrix[]): Matrix {
  if (ms.length === 0) return zeros(0, 0);
  const cols = ms[0].cols;
  let rows = 0;
  for (const [i, m] of ms.entries()) {
    if (m.cols !== cols) throw new ParameterError(`vstack: matrix ${i} has ${m.cols} columns, but matrix 0 has ${cols}`);
    rows += m.rows;
  }
  const out = new Float32Array(rows * cols);
  let off = 0;
  for (const m of ms) {
    out.set(m.data, off);
    off += m.data.length;
  }
  return { data: out, rows, cols };
}
