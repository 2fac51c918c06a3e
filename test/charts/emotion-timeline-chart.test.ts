import { test } from "node:test";
import assert from "node:assert/strict";
import { emotionTimelineChart } from "../../src/charts/emotion-timeline-chart";
import { renderChecked } from "./chart-check";

const labels = ["neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised"];
const probs = (hot: number) => Object.fromEntries(labels.map((l, i) => [l, i === hot ? 0.65 : 0.05]));
const segments = [
  { start: 0.4, end: 2.9, emotion: "angry", probabilities: probs(4) },
  { start: 4.1, end: 9.3, emotion: "calm", probabilities: probs(1) },
];

test("one stacked column per segment from start to end, probabilities stacked to 1, the top emotion labelled", async () => {
  const spec = emotionTimelineChart(segments, { duration: 12 });
  const svg = await renderChecked(spec, ["Emotions over time", "time (s)", "probability", "angry", "calm"]);
  const rows = (spec as { data: { values: { start: number; end: number; emotion: string; y0: number; y1: number }[] } }).data.values;
  assert.equal(rows.length, 16);
  const last = rows.filter((r) => r.start === 4.1).pop()!;
  assert.ok(Math.abs(last.y1 - 1) < 1e-12 && last.emotion === "surprised");
  assert.ok((spec as { width: number }).width + 180 <= 900, "plot plus legend fit a 900 px column");
  assert.ok(svg.includes("<text"), "labels drawn");
});

test("no segments: an empty timeline needs the labels; non-finite probabilities are refused", () => {
  assert.throws(() => emotionTimelineChart([]), /no labels/);
  assert.doesNotThrow(() => emotionTimelineChart([], { labels, duration: 5 }));
  assert.throws(() => emotionTimelineChart([{ ...segments[0], probabilities: { ...probs(0), calm: NaN } }]), /probability of calm is NaN/);
});
