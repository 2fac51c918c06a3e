import { test } from "node:test";
import assert from "node:assert/strict";
import { AUGMENTATION_KINDS, applyAugmentation, augmentationKey, validateAugmentationSpec, type AugmentationSpec } from "../../src/augment/spec";
import { addNoise } from "../../src/augment/add-noise";
import { shift } from "../../src/augment/shift";
import { timeStretch } from "../../src/augment/time-stretch";
import { pitchShift } from "../../src/augment/pitch-shift";
import { gain } from "../../src/augment/gain";
import { speed } from "../../src/augment/speed";
import { Rng } from "../../src/util/rng";
import { amTone } from "../helpers/signals";

const sr = 22050;
const y = amTone(1000, 4, 0.8, sr, 0.5);

const EXAMPLES: AugmentationSpec[] = [
  { kind: "noise", snrDb: 20, seed: 7 },
  { kind: "noise", amp: 0.02, seed: 7 },
  { kind: "shift", ms: 120, mode: "roll" },
  { kind: "stretch", rate: 0.8 },
  { kind: "pitch", semitones: 0.7 },
  { kind: "gain", db: -6 },
  { kind: "speed", factor: 1.1 },
  {
    kind: "chain",
    steps: [
      { kind: "stretch", rate: 0.8 },
      { kind: "pitch", semitones: 0.7 },
    ],
  },
];

test("every kind has an example here (completeness)", () => {
  assert.deepEqual([...new Set(EXAMPLES.map((s) => s.kind))].sort(), [...AUGMENTATION_KINDS].sort());
});

test("augmentationKey is canonical JSON with sorted keys, independent of field order", () => {
  assert.equal(augmentationKey({ rate: 0.8, kind: "stretch" } as AugmentationSpec), '{"kind":"stretch","rate":0.8}');
  assert.equal(augmentationKey({ seed: 3, snrDb: 20, kind: "noise" } as AugmentationSpec), '{"kind":"noise","seed":3,"snrDb":20}');
  assert.equal(augmentationKey({ kind: "gain", db: -0 }), augmentationKey({ kind: "gain", db: 0 }));
  for (const spec of EXAMPLES) assert.deepEqual(JSON.parse(augmentationKey(spec)), spec, "the key parses back to the spec");
});

test("the key changes whenever any parameter changes (and chain order matters)", () => {
  const variants: AugmentationSpec[] = [
    ...EXAMPLES,
    { kind: "noise", snrDb: 20.0001, seed: 7 },
    { kind: "noise", snrDb: 20, seed: 8 },
    { kind: "noise", amp: 0.0201, seed: 7 },
    { kind: "noise", amp: 0.02, seed: 8 },
    { kind: "shift", ms: 121, mode: "roll" },
    { kind: "shift", ms: 120, mode: "zero" },
    { kind: "stretch", rate: 0.81 },
    { kind: "pitch", semitones: -0.7 },
    { kind: "gain", db: -6.5 },
    { kind: "speed", factor: 1.2 },
    {
      kind: "chain",
      steps: [
        { kind: "pitch", semitones: 0.7 },
        { kind: "stretch", rate: 0.8 },
      ],
    },
    {
      kind: "chain",
      steps: [
        { kind: "stretch", rate: 0.8 },
        { kind: "pitch", semitones: 0.71 },
      ],
    },
    { kind: "chain", steps: [{ kind: "stretch", rate: 0.8 }] },
  ];
  const keys = variants.map(augmentationKey);
  assert.equal(new Set(keys).size, keys.length, "all keys distinct");
});

test("specs are rejected when malformed: unknown kind, missing or extra fields, NaN, out of range", () => {
  const bad: [unknown, RegExp][] = [
    [{ kind: "reverb", amount: 1 }, /kind="reverb"/],
    [{ kind: "stretch" }, /exactly the fields/],
    [{ kind: "stretch", rate: 0.8, extra: 1 }, /exactly the fields/],
    [{ kind: "stretch", rate: NaN }, /rate=NaN/],
    [{ kind: "stretch", rate: 0 }, /rate=0/],
    [{ kind: "noise", snrDb: 10, amp: 0.1, seed: 1 }, /exactly the fields/],
    [{ kind: "noise", snrDb: 10, seed: -1 }, /seed=-1/],
    [{ kind: "noise", snrDb: 10, seed: 1.5 }, /seed=1.5/],
    [{ kind: "pitch", semitones: 30 }, /semitones=30/],
    [{ kind: "shift", ms: 10, mode: "wrap" }, /mode="wrap"/],
    [{ kind: "speed", factor: 10 }, /factor=10/],
    [{ kind: "chain", steps: [] }, /non-empty/],
    [{ kind: "chain", steps: [{ kind: "gain", db: NaN }] }, /db=NaN/],
    [null, /augmentation object/],
  ];
  for (const [spec, re] of bad) {
    assert.throws(() => augmentationKey(spec as AugmentationSpec), re, JSON.stringify(spec));
    assert.throws(() => validateAugmentationSpec(spec as AugmentationSpec), re);
  }
});

test("applyAugmentation equals the direct call of each function", () => {
  assert.deepEqual(applyAugmentation(y, sr, EXAMPLES[0]), addNoise(y, { snrDb: 20 }, new Rng(7)));
  assert.deepEqual(applyAugmentation(y, sr, EXAMPLES[1]), addNoise(y, { amp: 0.02 }, new Rng(7)));
  assert.deepEqual(applyAugmentation(y, sr, EXAMPLES[2]), shift(y, { sr, ms: 120, mode: "roll" }));
  assert.deepEqual(applyAugmentation(y, sr, EXAMPLES[3]), timeStretch(y, { rate: 0.8 }));
  assert.deepEqual(applyAugmentation(y, sr, EXAMPLES[4]), pitchShift(y, { sr, nSteps: 0.7 }));
  assert.deepEqual(applyAugmentation(y, sr, EXAMPLES[5]), gain(y, { db: -6 }));
  assert.deepEqual(applyAugmentation(y, sr, EXAMPLES[6]), speed(y, { sr, factor: 1.1 }));
  assert.deepEqual(applyAugmentation(y, sr, EXAMPLES[7]), pitchShift(timeStretch(y, { rate: 0.8 }), { sr, nSteps: 0.7 }));
});

test("applyAugmentation is pure: same output on every call, input untouched, a new array", () => {
  const copy = Float32Array.from(y);
  for (const spec of EXAMPLES) {
    const a = applyAugmentation(y, sr, spec);
    const b = applyAugmentation(y, sr, JSON.parse(JSON.stringify(spec)));
    assert.deepEqual(a, b, spec.kind);
    assert.notEqual(a, y);
    assert.deepEqual(y, copy, `${spec.kind} left the input untouched`);
  }
  const n1 = applyAugmentation(y, sr, { kind: "noise", snrDb: 20, seed: 1 });
  const n2 = applyAugmentation(y, sr, { kind: "noise", snrDb: 20, seed: 2 });
  assert.notDeepEqual(n1, n2, "the noise seed selects the noise");
});

test("output lengths: n for noise/shift/pitch/gain, round(n/rate) for stretch, ⌈n/factor⌉ for speed", () => {
  const n = y.length;
  const len = (s: AugmentationSpec) => applyAugmentation(y, sr, s).length;
  assert.equal(len(EXAMPLES[0]), n);
  assert.equal(len(EXAMPLES[2]), n);
  assert.equal(len(EXAMPLES[3]), Math.round(n / 0.8));
  assert.equal(len(EXAMPLES[4]), n);
  assert.equal(len(EXAMPLES[5]), n);
  assert.equal(len(EXAMPLES[6]), Math.ceil(n / 1.1));
});

test("applyAugmentation rejects bad audio and sample rates", () => {
  assert.throws(() => applyAugmentation(new Float32Array(0), sr, EXAMPLES[5]), /empty/);
  assert.throws(() => applyAugmentation(y, 0, EXAMPLES[5]), /sr=0/);
  assert.throws(() => applyAugmentation(y, sr, { kind: "gain" } as AugmentationSpec), /exactly the fields/);
});

test("every augmentation runs on a real RAVDESS clip: finite output of the documented length", async (t) => {
  const { readRavdessClip } = await import("../helpers/ravdess");
  const { loadBytes } = await import("../../src/audio/load");
  const name = "Actor_05/03-01-05-02-01-01-05.wav"; // angry, strong
  const { y: clip, sr: rate } = loadBytes(await readRavdessClip(name), { name, sr: 22050, offset: 0.5, duration: 2.5 });
  assert.equal(rate, 22050);
  for (const spec of EXAMPLES) {
    const out = applyAugmentation(clip, rate, spec);
    assert.ok(out.every(Number.isFinite), `${spec.kind}: finite`);
    const expected =
      spec.kind === "stretch"
        ? Math.round(clip.length / spec.rate)
        : spec.kind === "speed"
          ? Math.ceil(clip.length / spec.factor)
          : spec.kind === "chain"
            ? Math.round(clip.length / 0.8)
            : clip.length;
    assert.equal(out.length, expected, spec.kind);
    assert.notDeepEqual(out.subarray(0, 1000), clip.subarray(0, 1000), `${spec.kind} changed the clip`);
  }
  const noisy = applyAugmentation(clip, rate, { kind: "noise", snrDb: 15, seed: 1 });
  let s = 0;
  let e = 0;
  for (let i = 0; i < clip.length; i++) {
    s += clip[i] * clip[i];
    e += (noisy[i] - clip[i]) ** 2;
  }
  assert.ok(Math.abs(10 * Math.log10(s / e) - 15) < 0.1, "15 dB SNR on speech");
});
