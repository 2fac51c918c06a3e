import { test } from "node:test";
import assert from "node:assert/strict";
import { fromRows, matrix, row, toRows, transpose, vstack, zeros } from "../../src/util/matrix";
import { ParameterError } from "../../src/util/errors";

test("zeros and matrix: row-major rows × cols, the length checked", () => {
  const z = zeros(3, 4);
  assert.equal(z.data.length, 12);
  assert.ok(z.data.every((v) => v === 0));
  const data = Float32Array.of(1, 2, 3, 4, 5, 6);
  const m = matrix(data, 2, 3);
  assert.equal(m.data, data, "wraps without copying");
  assert.equal(m.data[1 * 3 + 2], 6, "(1, 2) is data[r · cols + c]");
  assert.throws(
    () => matrix(data, 4, 2),
    (e: unknown) => e instanceof ParameterError && e.message === "matrix data has 6 elements, but rows × cols = 4 × 2 = 8",
  );
});

test("fromRows and toRows round-trip; ragged rows are refused", () => {
  const rows = [
    [1, 2, 3],
    [4, 5, 6],
  ];
  const m = fromRows(rows);
  assert.equal(m.rows, 2);
  assert.equal(m.cols, 3);
  assert.deepEqual(Array.from(m.data), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(toRows(m), rows);
  assert.deepEqual(fromRows([]), { data: new Float32Array(0), rows: 0, cols: 0 });
  assert.throws(() => fromRows([[1, 2], [3]]), /row 1 has 1 values, but row 0 has 2/);
  assert.deepEqual(toRows(fromRows([[0.1]])), [[Math.fround(0.1)]], "stored as float32");
});

test("row is a view; transpose swaps the indices", () => {
  const m = fromRows([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  const r = row(m, 1);
  assert.deepEqual(Array.from(r), [4, 5, 6]);
  r[0] = 40;
  assert.equal(m.data[3], 40, "a view, not a copy");
  const t = transpose(m);
  assert.equal(t.rows, 3);
  assert.equal(t.cols, 2);
  assert.deepEqual(toRows(t), [
    [1, 40],
    [2, 5],
    [3, 6],
  ]);
  assert.deepEqual(toRows(transpose(t)), toRows(m));
});

test("vstack stacks rows of matrices with equal column counts", () => {
  const a = fromRows([[1, 2]]);
  const b = fromRows([
    [3, 4],
    [5, 6],
  ]);
  const s = vstack([a, b]);
  assert.equal(s.rows, 3);
  assert.deepEqual(toRows(s), [
    [1, 2],
    [3, 4],
    [5, 6],
  ]);
  assert.notEqual(s.data.buffer, a.data.buffer, "a new matrix");
  assert.deepEqual(vstack([]), zeros(0, 0));
  assert.throws(() => vstack([a, fromRows([[1, 2, 3]])]), /vstack: matrix 1 has 3 columns, but matrix 0 has 2/);
});
