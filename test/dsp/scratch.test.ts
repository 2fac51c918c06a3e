import { test } from "node:test";
import assert from "node:assert/strict";
import { borrow, giveBack } from "../../src/dsp/scratch";

test("borrow reuses a slot's memory once given back, zero-fills on request, and grows", () => {
  const a = borrow("test.a", Float64Array, 10);
  a.fill(7);
  giveBack("test.a", a);
  const b = borrow("test.a", Float64Array, 8);
  assert.equal(b.buffer, a.buffer, "same memory");
  assert.equal(b.length, 8);
  giveBack("test.a", b);
  const c = borrow("test.a", Float64Array, 10, true);
  assert.deepEqual(Array.from(c), new Array(10).fill(0));
  giveBack("test.a", c);
  const d = borrow("test.a", Float32Array, 1000);
  assert.equal(d.length, 1000);
  assert.notEqual(d.buffer, a.buffer, "a larger request gets a larger buffer");
  giveBack("test.a", d);
});

test("a slot on loan hands out a fresh array (re-entrant use is safe); giving that back is harmless", () => {
  const a = borrow("test.b", Int32Array, 4);
  const b = borrow("test.b", Int32Array, 4);
  assert.notEqual(a.buffer, b.buffer);
  b.fill(3);
  a.fill(1);
  assert.deepEqual(Array.from(b), [3, 3, 3, 3]);
  giveBack("test.b", b); // not the slot's memory: the slot stays on loan
  const c = borrow("test.b", Int32Array, 4);
  assert.notEqual(c.buffer, a.buffer);
  giveBack("test.b", a);
  const d = borrow("test.b", Int32Array, 4);
  assert.equal(d.buffer, a.buffer);
  giveBack("test.b", d);
});
