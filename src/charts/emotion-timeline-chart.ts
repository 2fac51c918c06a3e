/**
 * A recording's emotions over time (Vega-Lite): each voiced segment is a column from its start to
 * its end, split into the 8 emotion probabilities (stacked to 1), with the most probable emotion
 * written above it. Gaps are the silences the voice-activity detector left out.
 */
import { ParameterError } from "../util/errors";
import type { VegaLiteSpec } from "./render";
import { CHART_CONFIG, VEGA_LITE_SCHEMA, chartTitle } from "./chart-style";

/** What the chart needs of a scored segment (a `SegmentPrediction`). Times in seconds. */
export interface TimelineSegment {
  start: number;
  end: number;
  emotion: string;
  probabilities: Record<string, number>;
}

/** Options of {@link emotionTimelineChart}. */
export interface EmotionTimelineChartOptions {
  /** The labels, in stacking and legend order. Default: the first segment's probability keys. */
  labels?: readonly string[];
  /** Length of the recording (s), so the time axis spans it all. Default: the last segment's end. */
  duration?: number;
  title?: string;
  subtitle?: string;
  /** Plot width and height in pixels. Defaults 720 and 200 (fits a 900 px notebook column with the legend). */
  width?: number;
  height?: number;
}

/** Colours of the eight RAVDESS emotions (Tableau 10), fixed so every chart agrees. */
const PALETTE = ["#79706e", "#76b7b2", "#edc948", "#4e79a7", "#e15759", "#b07aa1", "#59a14f", "#f28e2b"];

/**
 * @param segments scored segments, in time order
 * @returns a Vega-Lite spec; `data.values` holds one row per segment and emotion: { start, end, emotion, p, y0, y1, top }
 * @example await show(emotionTimelineChart((await predictTimeline(bundle, "talk.mp3")).segments));
 */
export function emotionTimelineChart(segments: readonly TimelineSegment[], options: EmotionTimelineChartOptions = {}): VegaLiteSpec {
  const labels = options.labels ?? (segments.length ? Object.keys(segments[0].probabilities) : []);
  if (labels.length === 0) throw new ParameterError("emotionTimelineChart: no labels (pass options.labels when there are no segments)");
  const { width = 720, height = 200, title = "Emotions over time" } = options;
  const duration = options.duration ?? (segments.length ? segments[segments.length - 1].end : 1);
  const values: Record<string, number | string>[] = [];
  for (const s of segments) {
    let y0 = 0;
    for (const label of labels) {
      const p = s.probabilities[label];
      if (!Number.isFinite(p)) throw new ParameterError(`segment ${s.start}–${s.end} s: probability of ${label} is ${p}`);
      values.push({ start: s.start, end: s.end, emotion: label, p, y0, y1: y0 + p, top: s.emotion });
      y0 += p;
    }
  }
  const {
    subtitle = `${segments.length} voiced segment(s) of ${duration.toFixed(1)} s; columns stack the 8 probabilities, the label is the most probable emotion`,
  } = options;
  const x = { field: "start", type: "quantitative", title: "time (s)", scale: { domain: [0, duration], nice: false } };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(title, subtitle),
    config: CHART_CONFIG,
    width,
    height,
    data: { values },
    layer: [
      {
        mark: { type: "rect", stroke: "white", strokeWidth: 0.5 },
        encoding: {
          x,
          x2: { field: "end" },
          y: {
            field: "y0",
            type: "quantitative",
            title: "probability",
            scale: { domain: [0, 1.12] },
            axis: { values: [0, 0.25, 0.5, 0.75, 1], format: ".2f" },
          },
          y2: { field: "y1" },
          color: {
            field: "emotion",
            type: "nominal",
            sort: [...labels],
            scale: { domain: [...labels], range: PALETTE.slice(0, labels.length) },
            legend: { title: "emotion" },
          },
          tooltip: [
            { field: "start", type: "quantitative", format: ".2f", title: "start (s)" },
            { field: "end", type: "quantitative", format: ".2f", title: "end (s)" },
            { field: "emotion", type: "nominal" },
            { field: "p", type: "quantitative", format: ".3f", title: "probability" },
          ],
        },
      },
      {
        transform: [{ filter: "datum.emotion === datum.top" }, { calculate: "(datum.start + datum.end) / 2", as: "mid" }],
        mark: { type: "text", y: -6, fontSize: 10, angle: 0, baseline: "bottom" },
        encoding: { x: { field: "mid", type: "quantitative" }, text: { field: "top" } },
      },
    ],
  } as unknown as VegaLiteSpec;
}
