/**
 * A heatmap of a feature matrix (features × frames, as librosa returns them: MFCCs, chroma,
 * spectral contrast, tonnetz) with time in seconds and one named row per feature, drawn as one
 * embedded PNG on exact axes so the SVG stays small.
 */
import type { ColorScheme } from "vega";
import { ParameterError } from "../util/errors";
import type { Matrix } from "../util/matrix";
import { assertPositive, assertPositiveInt } from "../util/validate";
import type { VegaLiteSpec } from "./render";
import { CHART_CONFIG, VEGA_LITE_SCHEMA, chartTitle } from "./chart-style";
import { encodePng } from "./png";
import { colourLut } from "./spectrogram-chart";

/** Options of {@link featureMatrixChart}. */
export interface FeatureMatrixChartOptions {
  /** Sample rate in Hz. Default 22050. */
  sr?: number;
  /** Hop between frames in samples. Default 512 (frame t is centred at t·hopLength/sr s). */
  hopLength?: number;
  /** A name per row, bottom to top (e.g. chroma's C … B). Default 1, 2, …. */
  rowLabels?: readonly string[];
  /** Label every n-th row on the axis. Default: about 12 labels. */
  labelEvery?: number;
  /** Title of the feature axis. Default "feature". */
  rowTitle?: string;
  /** Title and unit of the colour legend. Default "value". */
  valueTitle?: string;
  /** Colour domain [lo, hi]. Default: the data's range (symmetric around 0 when it straddles 0). */
  domain?: [number, number];
  /** Continuous colour scheme. Default "viridis", or "redblue" for data straddling 0. */
  scheme?: ColorScheme;
  /** Chart title. Default "Features". */
  title?: string;
  width?: number;
  height?: number;
}

/**
 * Draws `M` (rows = features, cols = frames) as a heatmap: x time in seconds, y the named rows.
 * @param M feature matrix [features, frames]
 * @returns a Vega-Lite spec (layer 0 is the image, layer 1 carries the colour legend)
 * @example await show(featureMatrixChart(mfcc(y, { sr, nMfcc: 20 }), { sr, title: "MFCC", rowTitle: "coefficient" }));
 */
export function featureMatrixChart(M: Matrix, options: FeatureMatrixChartOptions = {}): VegaLiteSpec {
  const { sr = 22050, hopLength = 512, rowTitle = "feature", valueTitle = "value", title = "Features", width = 640, height = 200 } = options;
  assertPositive("sr", sr);
  assertPositiveInt("hopLength", hopLength);
  if (!M || M.data.length !== M.rows * M.cols || M.rows < 1 || M.cols < 1) throw new ParameterError("M must be a non-empty Matrix (features × frames)");
  const labels = options.rowLabels ?? Array.from({ length: M.rows }, (_, i) => String(i + 1));
  if (labels.length !== M.rows) throw new ParameterError(`rowLabels has ${labels.length} names but M has ${M.rows} rows`);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of M.data) {
    if (!Number.isFinite(v)) throw new ParameterError("M holds a non-finite value");
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const diverging = lo < 0 && hi > 0;
  const domain: [number, number] = options.domain ?? (diverging ? [-Math.max(-lo, hi), Math.max(-lo, hi)] : hi > lo ? [lo, hi] : [lo, lo + 1]);
  const scheme = options.scheme ?? (diverging ? "redblue" : "viridis");
  const lut = colourLut(scheme);
  // PNG rows run from the top row of the chart (the last feature) down to the first.
  const rgb = new Uint8Array(M.rows * M.cols * 3);
  for (let i = 0; i < M.rows; i++) {
    const src = M.rows - 1 - i;
    for (let t = 0; t < M.cols; t++) {
      let x = (M.data[src * M.cols + t] - domain[0]) / (domain[1] - domain[0]);
      if (diverging && !options.scheme) x = 1 - x; // redblue runs red → blue; show positive values red
      const k = Math.max(0, Math.min(255, Math.round(x * 255)));
      rgb.set(lut.subarray(k * 3, k * 3 + 3), (i * M.cols + t) * 3);
    }
  }
  const dur = hopLength / sr;
  const every = options.labelEvery ?? Math.max(1, Math.ceil(M.rows / 12));
  const ticks = Array.from({ length: M.rows }, (_, i) => i).filter((i) => i % every === 0);
  const image = {
    t0: -0.5 * dur,
    t1: (M.cols - 0.5) * dur,
    r0: -0.5,
    r1: M.rows - 0.5,
    url: `data:image/png;base64,${encodePng(M.cols, M.rows, rgb).toString("base64")}`,
  };
  const xScale = { domain: [image.t0, image.t1], nice: false, zero: false };
  const yScale = { domain: [-0.5, M.rows - 0.5], nice: false, zero: false };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(title, `${M.rows} features × ${M.cols} frames · sr ${sr} Hz · hop ${hopLength}`),
    config: CHART_CONFIG,
    width,
    height,
    layer: [
      {
        data: { values: [image] },
        mark: { type: "image", aspect: false, aria: false },
        encoding: {
          x: { field: "t0", type: "quantitative", title: "time (s)", scale: xScale },
          x2: { field: "t1" },
          y: {
            field: "r0",
            type: "quantitative",
            title: rowTitle,
            scale: yScale,
            axis: { values: ticks, labelExpr: `${JSON.stringify(labels)}[datum.value]`, grid: false },
          },
          y2: { field: "r1" },
          url: { field: "url", type: "nominal" },
        },
      },
      {
        data: { values: [{ value: domain[0] }, { value: domain[1] }] },
        mark: { type: "point", opacity: 0, aria: false },
        encoding: { color: { field: "value", type: "quantitative", title: valueTitle, scale: { scheme, domain, reverse: diverging && !options.scheme } } },
      },
    ],
  } as VegaLiteSpec;
}
