/** An audio waveform against time in seconds (Vega-Lite), min/max-downsampled to stay small. */
import { ParameterError } from "../util/errors";
import { assertPositive, assertPositiveInt, validAudio } from "../util/validate";
import type { VegaLiteSpec } from "./render";
import { CHART_CONFIG, VEGA_LITE_SCHEMA, chartTitle } from "./chart-style";

/** Options of {@link waveformChart}. */
export interface WaveformChartOptions {
  /**
   * Most points drawn, an integer ≥ 2. Default 2 · width: one envelope bin per pixel of the panel,
   * as much detail as it can show. Longer signals are cut into ⌊maxPoints/2⌋ equal bins and each
   * bin is drawn by its minimum and maximum (an envelope), so peaks survive.
   */
  maxPoints?: number;
  /** Chart title. Default "Waveform". */
  title?: string;
  /** Subtitle. Default "<duration> s at <sr> Hz". */
  subtitle?: string;
  /** Time of the first sample in seconds (for a clip cut from a longer file). Default 0. */
  offset?: number;
  /** Width and height in pixels. Defaults 640 and 200. */
  width?: number;
  height?: number;
  /** Line/envelope colour. Default "#4c78a8". */
  color?: string;
}

/** Envelope rows when downsampled: samples [start, end) span `t0`–`t1` s, with their extremes. */
export interface WaveformBin {
  t0: number;
  t1: number;
  min: number;
  max: number;
}

/**
 * Draws `y` against time. Up to `maxPoints` samples are drawn as a line ({ t, amplitude } rows);
 * longer signals as a min/max envelope over ⌊maxPoints/2⌋ bins ({@link WaveformBin} rows), which
 * keeps every bin's extremes (and so the global minimum and maximum) and keeps the SVG small.
 * @param y mono audio [n], Float32Array or Float64Array
 * @param sr sample rate in Hz (> 0)
 * @param options maxPoints (default 2 · width), title, subtitle, offset, width, height, color
 * @returns a Vega-Lite spec (time axis "time (s)", amplitude axis "amplitude (full scale)")
 * @example await show(waveformChart(y, 22050, { title: "03-01-05-01-01-01-01.wav (angry)" }));
 */
export function waveformChart(y: Float32Array | Float64Array, sr: number, options: WaveformChartOptions = {}): VegaLiteSpec {
  validAudio(y);
  assertPositive("sr", sr);
  const { title = "Waveform", offset = 0, width = 640, height = 200, color = "#4c78a8" } = options;
  const { maxPoints = 2 * Math.round(width) } = options;
  assertPositiveInt("maxPoints", maxPoints);
  if (maxPoints < 2) throw new ParameterError(`maxPoints=${maxPoints} must be an integer ≥ 2`);
  const n = y.length;
  const duration = n / sr;
  const {
    subtitle = `${duration.toFixed(3)} s at ${sr} Hz · ${n} samples${n > maxPoints ? ` · min/max envelope over ${Math.floor(maxPoints / 2)} bins` : ""}`,
  } = options;
  let peak = 0;
  for (let i = 0; i < n; i++) peak = Math.max(peak, Math.abs(y[i]));
  const lim = peak > 0 ? peak : 1;
  const xEnc = { type: "quantitative" as const, title: "time (s)", scale: { domain: [offset, offset + duration], nice: false } };
  const yTitle = "amplitude (full scale)";
  const yScale = { domain: [-lim, lim] };
  const base = { $schema: VEGA_LITE_SCHEMA, title: chartTitle(title, subtitle), config: CHART_CONFIG, width, height };
  if (n <= maxPoints) {
    const values = Array.from(y, (v, i) => ({ t: offset + i / sr, amplitude: v }));
    return {
      ...base,
      data: { values },
      mark: { type: "line", color, strokeWidth: 1 },
      encoding: { x: { ...xEnc, field: "t" }, y: { field: "amplitude", type: "quantitative", title: yTitle, scale: yScale } },
    } as VegaLiteSpec;
  }
  const bins = Math.floor(maxPoints / 2);
  const values: WaveformBin[] = [];
  for (let b = 0; b < bins; b++) {
    const start = Math.floor((b * n) / bins);
    const end = Math.floor(((b + 1) * n) / bins);
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = start; i < end; i++) {
      const v = y[i];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    values.push({ t0: offset + start / sr, t1: offset + end / sr, min: lo, max: hi });
  }
  return {
    ...base,
    data: { values },
    // A step-shaped band from each bin's minimum to its maximum.
    mark: { type: "area", color, interpolate: "step-after" },
    encoding: {
      x: { ...xEnc, field: "t0" },
      y: { field: "min", type: "quantitative", title: yTitle, scale: yScale },
      y2: { field: "max" },
    },
  } as VegaLiteSpec;
}
