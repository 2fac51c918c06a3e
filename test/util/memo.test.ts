import { test } from "node:test";
import assert from "node:assert/strict";
import { memoize } from "../../src/util/memo";

test("memoize computes once per key and returns the same object", () => {
  let calls = 0;
  const f = memoize(
    (n: number, tag: string) => {
      calls++;
      return { n, tag };
    },
    (n, tag) => `${n}|${tag}`,
  );
  const a = f(3, "x");
  assert.equal(f(3, "x"), a);
  assert.equal(calls, 1);
  const b = f(3, "y");
  assert.notEqual(b, a);
  assert.deepEqual(b, { n: 3, tag: "y" });
  assert.equal(calls, 2);
});

test("memoize keeps the maxSize most recently used entries", () => {
  const computed: number[] = [];
  const f = memoize(
    (n: number) => {
      computed.push(n);
      return [n];
    },
    (n) => String(n),
    2,
  );
  const one = f(1);
  f(2);
  assert.equal(f(1), one, "a hit makes 1 the most recently used");
  f(3); // evicts 2, the least recently used
  assert.deepEqual(computed, [1, 2, 3]);
  assert.equal(f(1), one, "1 was kept");
  f(2); // recomputed
  assert.deepEqual(computed, [1, 2, 3, 2]);
  f(3); // evicted by 2 (1 was used after 3)
  assert.deepEqual(computed, [1, 2, 3, 2, 3]);
});

test("memoize does not cache a throw", () => {
  let calls = 0;
  const f = memoize(
    (n: number) => {
      calls++;
      if (calls === 1) throw new Error("first call fails");
      return n * 2;
    },
    (n) => String(n),
  );
  assert.throws(() => f(4), /first call fails/);
  assert.equal(f(4), 8);
  assert.equal(f(4), 8);
  assert.equal(calls, 2);
});
