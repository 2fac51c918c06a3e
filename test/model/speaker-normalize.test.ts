import { test } from "node:test";
import assert from "node:assert/strict";
import { speakerNormalize, speakerStats } from "../../src/model/speaker-normalize";

test("summary vectors: each speaker's clips get zero mean and unit std per position", () => {
  // two speakers, 3 clips each, 2 positions ([2, 1] clips); speaker B is louder and shifted
  const x = Float32Array.of(1, 10, 2, 20, 3, 30, 101, 1010, 102, 1020, 103, 1030);
  const xs = speakerNormalize(x, [2, 1], ["A", "A", "A", "B", "B", "B"]);
  const s = Math.sqrt(2 / 3);
  assert.deepEqual(
    Array.from(xs.subarray(0, 6), (v) => +v.toFixed(5)),
    [-1 / s, -10 / (10 * s), 0, 0, 1 / s, 10 / (10 * s)].map((v) => +v.toFixed(5)),
  );
  assert.deepEqual(Array.from(xs.subarray(6)), Array.from(xs.subarray(0, 6)), "the shift and scale of speaker B are removed");
});

test("sequences: statistics per feature column over all frames; stats can exclude augmented copies", () => {
  const shape: [number, number] = [2, 2];
  const x = Float32Array.of(0, 5, 2, 5, /* clip 2 */ 4, 5, 6, 5, /* augmented copy */ 100, 100, 100, 100);
  const st = speakerStats(x, shape, [0, 1]);
  assert.deepEqual(Array.from(st.mean), [3, 5]);
  assert.equal(st.std[1], 1, "a constant column gets std 1, not 0");
  const xs = speakerNormalize(x, shape, [1, 1, 1], { useForStats: (i) => i < 2 });
  assert.ok(Math.abs(xs[0] - (0 - 3) / Math.sqrt(5)) < 1e-6);
  assert.ok(Math.abs(xs[8] - (100 - 3) / Math.sqrt(5)) < 1e-4, "the copy is normalised with the originals' statistics");
});

test("too few clips and mismatched lengths are named errors", () => {
  assert.throws(
    () => speakerNormalize(Float32Array.of(1, 2), [2, 1], ["A"]),
    /speaker "A" has 1 clip\(s\) for statistics; speaker normalisation needs at least 2/,
  );
  assert.throws(() => speakerNormalize(Float32Array.of(1, 2, 3, 4), [2, 1], ["A"]), /speakers has 1 entries but x holds 2 clips/);
});
