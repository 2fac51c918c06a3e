// Evaluation glue: feature rows, frame values, the report of saved predictions, confident mistakes,
// a demo recording with known answers and the comparison of a timeline with them.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { featureRows, frameValues } from "../../src/experiment/feature-rows";
import { confidentMistakes, predictionReport } from "../../src/experiment/prediction-report";
import { demoRecording } from "../../src/experiment/demo-recording";
import { compareWithTruth, overlapSeconds } from "../../src/experiment/timeline-truth";
import { encodeWav } from "../../src/audio/wav";

const m = (data: number[], rows: number, cols: number) => ({ data: Float32Array.from(data), rows, cols });

test("featureRows: the clip's fields and the named columns, failed items left out", () => {
  const res = { columns: ["rms", "zcr", "mfcc_01"], features: [m([1, 2, 3], 1, 3), null, m([4, 5, 6], 1, 3)] };
  const rows = featureRows(res, [{ emotion: "sad" }, { emotion: "calm" }, { emotion: "angry" }], ["mfcc_01", "rms"]);
  assert.deepEqual(rows, [
    { emotion: "sad", mfcc_01: 3, rms: 1 },
    { emotion: "angry", mfcc_01: 6, rms: 4 },
  ]);
  assert.equal(Object.keys(featureRows(res, [{}, {}, {}])[0]).length, 3, "every column by default");
  assert.throws(() => featureRows(res, [{}], ["rms"]), /records has 1 entries but the extraction has 3 items/);
  assert.throws(() => featureRows(res, [{}, {}, {}], ["pitch"]), /column "pitch" is not a feature column/);
  assert.throws(() => featureRows({ columns: ["a"], features: [m([1, 2], 2, 1)] }, [{}]), /item 0 is a 2 × 1 sequence/);
});

test("frameValues: named columns at given frames", () => {
  const seq = { ...m([1, 2, 3, 4, 5, 6], 3, 2), columns: ["rms", "zcr"] };
  assert.deepEqual(frameValues(seq, ["zcr", "rms"], [0, 2]), [
    { column: "zcr", "frame 0": 2, "frame 2": 6 },
    { column: "rms", "frame 0": 1, "frame 2": 5 },
  ]);
  assert.throws(() => frameValues(seq, ["rms"], [3]), /frame 3 is outside the sequence \(0\.\.2\)/);
  assert.throws(() => frameValues(seq, ["x"], [0]), /column "x" is not a column/);
});

const labels = ["neutral", "calm", "sad"];
const p = (emotion: string, predicted: string, probabilities: number[]) => ({ emotion, predicted, probabilities, path: `${emotion}-${probabilities[0]}` });

test("predictionReport: every label a row, also one without clips", () => {
  const preds = [p("neutral", "neutral", [0.9, 0.05, 0.05]), p("calm", "neutral", [0.6, 0.3, 0.1]), p("calm", "calm", [0.2, 0.7, 0.1])];
  const r = predictionReport(preds, labels);
  assert.deepEqual(
    r.classes.map((x) => x.name),
    labels,
  );
  assert.equal(r.classes[0].precision, 0.5);
  assert.equal(r.classes[1].recall, 0.5);
  assert.equal(r.classes[2].support, 0);
  assert.throws(() => predictionReport([p("happy", "calm", [1])], labels), /predictions\[0\] has label "happy"/);
  assert.throws(() => predictionReport([], labels), /predictions is empty/);
});

test("confidentMistakes: wrong ones only, most confident first", () => {
  const preds = [p("calm", "neutral", [0.6, 0.3, 0.1]), p("sad", "sad", [0, 0, 1]), p("sad", "calm", [0.1, 0.85, 0.05])];
  const w = confidentMistakes(preds);
  assert.deepEqual(
    w.map((x) => x.confidence),
    [0.85, 0.6],
  );
  assert.equal(confidentMistakes(preds, 1).length, 1);
});

test("demoRecording: clips with pauses between them, and where each one is", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ser-demo-"));
  try {
    const sr = 8000;
    const clip = (name: string, n: number, v: number) => {
      const f = path.join(dir, name);
      fs.writeFileSync(f, encodeWav(new Float32Array(n).fill(v), sr));
      return f;
    };
    const clips = [
      { path: clip("a.wav", 4000, 0.5), emotion: "calm" },
      { path: clip("b.wav", 2000, -0.25), emotion: "sad" },
    ];
    const { y, truth } = demoRecording(clips, { sr, pause: 0.5 });
    assert.equal(y.length, 4000 + 2000 + 3 * 4000);
    assert.deepEqual(truth, [
      { emotion: "calm", start: 0.5, end: 1 },
      { emotion: "sad", start: 1.5, end: 1.75 },
    ]);
    assert.equal(y[3999], 0);
    assert.ok(Math.abs(y[4000] - 0.5) < 1e-4);
    assert.ok(Math.abs(y[12000] + 0.25) < 1e-4);
    assert.equal(y[y.length - 1], 0);
    assert.throws(() => demoRecording([], { sr }), /clips is empty/);
    assert.throws(() => demoRecording(clips, { pause: -1 }), /pause=-1/);
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
});

test("compareWithTruth: the sentence a segment overlaps most; found and named counts", () => {
  assert.equal(overlapSeconds({ start: 0, end: 2 }, { start: 1, end: 5 }), 1);
  assert.equal(overlapSeconds({ start: 0, end: 1 }, { start: 2, end: 3 }), 0);
  const truth = [
    { emotion: "calm", start: 1, end: 3 },
    { emotion: "sad", start: 4, end: 6 },
    { emotion: "angry", start: 7, end: 9 },
  ];
  const segments = [
    { start: 0.9, end: 4.5, emotion: "calm" }, // 2 s of calm, 0.5 s of sad
    { start: 4.6, end: 6.2, emotion: "angry" },
    { start: 9.5, end: 10, emotion: "sad" }, // overlaps nothing
  ];
  assert.deepEqual(compareWithTruth(segments, truth), { spokenAs: ["calm", "sad", null], found: 2, right: 1 });
});
