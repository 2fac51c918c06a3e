import { test } from "node:test";
import assert from "node:assert/strict";
import { stableJson } from "../../src/util/stable-json";

test("object keys are sorted at every level; arrays keep their order", () => {
  assert.equal(stableJson({ b: 1, a: { d: [3, 1], c: "x" } }), '{"a":{"c":"x","d":[3,1]},"b":1}');
  assert.equal(stableJson({ a: 1, b: 2 }), stableJson({ b: 2, a: 1 }));
  assert.deepEqual(JSON.parse(stableJson({ z: [1, { y: true, x: null }] })), { z: [1, { y: true, x: null }] });
});

test("−0 is written 0, as JSON.stringify does, so −0 and 0 give the same key", () => {
  assert.equal(JSON.stringify(-0), "0");
  assert.equal(stableJson(-0), "0");
  assert.equal(stableJson({ db: -0, v: [-0] }), '{"db":0,"v":[0]}');
  assert.equal(stableJson({ db: -0 }), stableJson({ db: 0 }));
});

test("undefined as JSON.stringify: fields left out, array entries null", () => {
  assert.equal(stableJson({ a: undefined, b: 1 }), JSON.stringify({ a: undefined, b: 1 }));
  assert.equal(stableJson([undefined, 1]), "[null,1]");
});

test("NaN and infinite numbers are refused, naming where they are", () => {
  assert.throws(() => stableJson({ a: { b: [1, NaN] } }), /value\.a\.b\[1\]=NaN cannot be written as JSON/);
  assert.throws(() => stableJson(Infinity), /value=Infinity/);
});
