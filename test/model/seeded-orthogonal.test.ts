import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-node";
import { SeededOrthogonal, orthogonalMatrix } from "../../src/model/seeded-orthogonal";
import { Rng } from "../../src/util/rng";

function gram(q: Float32Array, rows: number, cols: number, byRows: boolean): number[] {
  const n = byRows ? rows : cols;
  const out: number[] = [];
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++) {
      let s = 0;
      const len = byRows ? cols : rows;
      for (let k = 0; k < len; k++) s += byRows ? q[a * cols + k] * q[b * cols + k] : q[k * cols + a] * q[k * cols + b];
      out.push(s);
    }
  return out;
}

for (const [rows, cols] of [
  [8, 32],
  [32, 8],
  [12, 12],
]) {
  test(`orthogonalMatrix(${rows}, ${cols}) has orthonormal ${rows <= cols ? "rows" : "columns"}`, () => {
    const q = orthogonalMatrix(rows, cols, new Rng(1));
    const g = gram(q, rows, cols, rows <= cols);
    const n = Math.min(rows, cols);
    g.forEach((v, i) => assert.ok(Math.abs(v - (Math.floor(i / n) === i % n ? 1 : 0)) < 1e-5, `Gram[${i}] = ${v}`));
  });
}

test("SeededOrthogonal is repeatable, scaled by gain, and round-trips through its config", () => {
  const a = new SeededOrthogonal({ seed: 3 }).apply([4, 16]);
  const b = new SeededOrthogonal({ seed: 3 }).apply([4, 16]);
  assert.deepEqual(Array.from(a.dataSync()), Array.from(b.dataSync()));
  const c = new SeededOrthogonal({ seed: 3, gain: 2 }).apply([4, 16]);
  assert.ok(Math.abs(c.dataSync()[5] - 2 * a.dataSync()[5]) < 1e-6);
  assert.deepEqual(new SeededOrthogonal({ seed: 3, gain: 2 }).getConfig(), { seed: 3, gain: 2 });
  assert.throws(() => new SeededOrthogonal({ seed: 1 }).apply([5]), /shape=\[5\] must have at least 2 dimensions/);
  tf.dispose([a, b, c]);
});
