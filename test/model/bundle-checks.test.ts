// Bundles that would crash or silently mislead (issue 11, defects 1, 3, 11): loadBundle checks
// weights.bin against model.json, every weight finite, labels against the model's outputs, the
// standardizer finite with std > 0 — naming the file at fault — and leaks no tensor when it refuses.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs-node";
import { buildCnnLstm } from "../../src/model/cnn-lstm";
import { loadBundle, predictProba, saveBundle, type ModelBundle } from "../../src/model/bundle";
import { fitStandardizer } from "../../src/model/standardize";
import { FileError } from "../../src/util/errors";
import { NonFiniteError } from "../../src/util/finite";
import { Rng } from "../../src/util/rng";

const SHAPE: [number, number] = [24, 3];
const LABELS = ["neutral", "happy", "sad", "angry"];
const root = fs.mkdtempSync(path.join(os.tmpdir(), "ser-bchk-"));
let good: string;
let bundle: ModelBundle;
let x: Float32Array;

before(async () => {
  const rng = new Rng(5);
  x = Float32Array.from(rng.standardNormal(8 * 72), (v) => 1 + v);
  const model = buildCnnLstm({ inputShape: SHAPE, filters: [4, 4], lstmUnits: 4, denseUnits: 4, numClasses: 4, seed: 2 });
  bundle = { model, featureConfig: null, standardizer: fitStandardizer(x, SHAPE), labels: LABELS };
  good = path.join(root, "good");
  await saveBundle(good, bundle);
});
after(() => {
  bundle.model.dispose();
  fs.rmSync(root, { recursive: true, force: true });
});

let n = 0;
/** A copy of the good bundle with `edit` applied to its folder. */
function variant(edit: (dir: string) => void): string {
  const dir = path.join(root, `v${n++}`);
  fs.cpSync(good, dir, { recursive: true });
  edit(dir);
  return dir;
}
function editJson(dir: string, change: (j: Record<string, any>) => void): void {
  const f = path.join(dir, "bundle.json");
  const j = JSON.parse(fs.readFileSync(f, "utf8"));
  change(j);
  fs.writeFileSync(f, JSON.stringify(j));
}
/** loadBundle(dir) rejects with a FileError whose path ends with `file` and message matches `re`, leaking no tensor. */
async function refuses(dir: string, file: string, re: RegExp): Promise<void> {
  const before = tf.memory().numTensors;
  await assert.rejects(loadBundle(dir), (e: unknown) => {
    assert.ok(e instanceof FileError, `a FileError, got ${e}`);
    assert.equal(e.path, path.join(dir, file));
    assert.match(e.message, re);
    return true;
  });
  assert.equal(tf.memory().numTensors, before, "a failed load disposes the model it loaded");
}

test("the good bundle loads and predicts finite probabilities", async () => {
  const b = await loadBundle(good);
  try {
    const p = predictProba(b, x);
    assert.ok(p.data.every(Number.isFinite));
  } finally {
    b.model.dispose();
  }
});

test("weights.bin of all 0xFF bytes (NaN weights) is refused, naming weights.bin and the weight", async () => {
  const dir = variant((d) => {
    const w = path.join(d, "weights.bin");
    fs.writeFileSync(w, Buffer.alloc(fs.statSync(w).size, 0xff));
  });
  await refuses(dir, "weights.bin", /weight \S+ holds NaN .*unusable/);
});

test("truncated weights.bin is blamed on weights.bin, not model.json; a longer one is refused too", async () => {
  const short = variant((d) => fs.truncateSync(path.join(d, "weights.bin"), 100));
  await refuses(short, "weights.bin", /truncated: 100 bytes, but model.json lists \d+ bytes of weights/);
  const long = variant((d) => fs.appendFileSync(path.join(d, "weights.bin"), Buffer.alloc(8)));
  await refuses(long, "weights.bin", /8 extra/);
});

test("labels must match the model's outputs: more, fewer, duplicates, non-strings", async () => {
  for (const [labels, re] of [
    [[...LABELS, "calm", "fearful"], /labels lists 6 class names, but the model has 4 outputs/],
    [["neutral", "happy"], /labels lists 2 class names, but the model has 4 outputs/],
    [["a", "b", "a", "c"], /"a" twice/],
    [[1, 2, 3, 4], /labels must be an array of class names/],
    [null, /labels must be an array of class names/],
  ] as const) {
    await refuses(
      variant((d) => editJson(d, (j) => (j.labels = labels))),
      "bundle.json",
      re,
    );
  }
});

test("a standardizer with a zero std or a NaN (null in JSON) mean is refused, naming bundle.json", async () => {
  await refuses(
    variant((d) => editJson(d, (j) => (j.standardizer.std[1] = 0))),
    "bundle.json",
    /standardizer: std\[1\]=0 must be a finite number > 0/,
  );
  await refuses(
    variant((d) => editJson(d, (j) => (j.standardizer.mean[2] = null))),
    "bundle.json",
    /standardizer: mean\[2\]=null must be a finite number/,
  );
});

test("predictProba: a non-finite input is an error naming clip, step and feature, never a probability", () => {
  const bad = x.slice();
  bad[72 + 3 * 5 + 2] = NaN;
  assert.throws(
    () => predictProba(bundle, bad),
    (e: unknown) => e instanceof NonFiniteError && /model input x at clip 1, step 5, feature 2 is NaN/.test(e.message),
  );
  const huge = x.slice();
  huge[7] = 3e38; // finite, but (3e38 - mean) / std overflows float32
  const s = { ...bundle.standardizer!, std: bundle.standardizer!.std.map(() => 1e-3) };
  assert.throws(() => predictProba({ ...bundle, standardizer: s }, huge), /standardised model input .* is Infinity/);
});
