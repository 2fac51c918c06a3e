import { test } from "node:test";
import assert from "node:assert/strict";
import { Rng } from "../../src/util/rng";
import { ParameterError } from "../../src/util/errors";

const draws = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.nextUint32());

test("one seed gives one stream; other seeds, and fractional parts aside, other streams", () => {
  assert.deepEqual(draws(new Rng(7), 50), draws(new Rng(7), 50));
  assert.notDeepEqual(draws(new Rng(7), 50), draws(new Rng(8), 50));
  assert.deepEqual(draws(new Rng(7.9), 10), draws(new Rng(7), 10), "the integer part selects the stream");
  assert.deepEqual(draws(new Rng(2 ** 32 + 5), 10), draws(new Rng(5), 10), "seeds are taken mod 2^32");
  // the streams are part of every seeded split and augmentation: pinned, so that a change shows
  assert.deepEqual(draws(new Rng(42), 3), [1028872839, 2516511472, 400437680]);
  assert.equal(new Rng(42).random(), 0.23955312807799112);
  assert.equal(new Rng(0).nextUint32(), 4205396811);
});

test("fork depends on the seed and the key only, not on how much was drawn", () => {
  const a = new Rng(3);
  const b = new Rng(3);
  draws(b, 17);
  b.normal();
  assert.deepEqual(draws(a.fork("noise:clip1"), 20), draws(b.fork("noise:clip1"), 20));
  assert.notDeepEqual(draws(a.fork("noise:clip1"), 20), draws(a.fork("noise:clip2"), 20));
  assert.notDeepEqual(draws(new Rng(4).fork("noise:clip1"), 20), draws(a.fork("noise:clip1"), 20));
  assert.deepEqual(draws(a.fork(12), 5), draws(a.fork("12"), 5), "a number key is its string");
  assert.equal(new Rng(42).fork("a").nextUint32(), 2762327896);
});

test("random, uniform and integers stay in their half-open ranges and cover them", () => {
  const rng = new Rng(11);
  let lo = Infinity;
  let hi = -Infinity;
  let sum = 0;
  const N = 20000;
  for (let i = 0; i < N; i++) {
    const u = rng.random();
    assert.ok(u >= 0 && u < 1, `random() = ${u}`);
    lo = Math.min(lo, u);
    hi = Math.max(hi, u);
    sum += u;
  }
  assert.ok(lo < 1e-3 && hi > 1 - 1e-3, "spread over [0, 1)");
  assert.ok(Math.abs(sum / N - 0.5) < 0.01, `mean ${sum / N}`);
  for (let i = 0; i < 2000; i++) {
    const v = rng.uniform(-3, -1);
    assert.ok(v >= -3 && v < -1, `uniform(-3, -1) = ${v}`);
  }
  const counts = new Map<number, number>();
  for (let i = 0; i < 6000; i++) {
    const k = rng.integers(-2, 4);
    assert.ok(Number.isInteger(k) && k >= -2 && k < 4, `integers(-2, 4) = ${k}`);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  assert.deepEqual(
    [...counts.keys()].sort((a, b) => a - b),
    [-2, -1, 0, 1, 2, 3],
  );
  for (const c of counts.values()) assert.ok(c > 850 && c < 1150, `count ${c} of 1000 expected`);
});

test("normal has the asked mean and spread; standardNormal is a float32 array of them", () => {
  const rng = new Rng(5);
  const N = 40000;
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < N; i++) {
    const v = rng.normal(10, 2);
    s += v;
    s2 += v * v;
  }
  const mean = s / N;
  const sd = Math.sqrt(s2 / N - mean * mean);
  assert.ok(Math.abs(mean - 10) < 0.05, `mean ${mean}`);
  assert.ok(Math.abs(sd - 2) < 0.05, `sd ${sd}`);
  const z = new Rng(5).standardNormal(1001);
  assert.ok(z instanceof Float32Array && z.length === 1001);
  assert.ok(z.every(Number.isFinite));
  assert.ok(new Set(z).size > 990, "values are not repeated");
});

test("shuffle permutes in place, reproducibly; choice picks members", () => {
  const items = Array.from({ length: 50 }, (_, i) => i);
  const a = new Rng(9).shuffle(items.slice());
  const b = new Rng(9).shuffle(items.slice());
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, items);
  assert.deepEqual(
    a.slice().sort((x, y) => x - y),
    items,
    "a permutation",
  );
  const arr = [1, 2, 3];
  assert.equal(new Rng(1).shuffle(arr), arr, "in place");
  const rng = new Rng(2);
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) seen.add(rng.choice(["a", "b", "c"]));
  assert.deepEqual([...seen].sort(), ["a", "b", "c"]);
});

test("bad seeds and arguments are refused, naming the value", () => {
  assert.throws(
    () => new Rng(NaN),
    (e: unknown) => e instanceof ParameterError && /seed=NaN must be a finite number/.test(e.message),
  );
  assert.throws(() => new Rng(Infinity), /seed=Infinity/);
  const rng = new Rng(1);
  assert.throws(() => rng.integers(3, 3), /integers\(low=3, high=3\) needs integers with low < high/);
  assert.throws(() => rng.integers(0, 2.5), /high=2.5/);
  assert.throws(() => rng.choice([]), /non-empty/);
});
