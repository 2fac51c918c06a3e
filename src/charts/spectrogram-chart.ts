/**
 * A spectrogram heatmap (Vega-Lite) with time in seconds and frequency in Hz. By default the
 * cells are drawn as one embedded PNG image on exact time/frequency axes, so the SVG stays small
 * (tens of kB) whatever the matrix size; `render: "rects"` draws pooled cells as SVG rects instead.
 */
import * as vega from "vega";
import type { ColorScheme } from "vega";
import { ParameterError } from "../util/errors";
import type { Matrix } from "../util/matrix";
import { assertPositive, assertPositiveInt, repr } from "../util/validate";
import { melFrequencies } from "../dsp/convert";
import type { VegaLiteSpec } from "./render";
import { CHART_CONFIG, VEGA_LITE_SCHEMA, chartTitle } from "./chart-style";
import { encodePng } from "./png";

/** Options of {@link spectrogramChart}. */
export interface SpectrogramChartOptions {
  /** Sample rate in Hz. Default 22050 (librosa's). */
  sr?: number;
  /** Hop between frames in samples. Default 512. Frame t is centred at t·hopLength/sr seconds (librosa `center=True`). */
  hopLength?: number;
  /** FFT size, for rows that are FFT bins. Default: `S.nFft` if present, else 2·(rows − 1). */
  nFft?: number;
  /**
   * What the rows are and how the frequency axis is drawn (always labelled in Hz):
   * - "hz" (default): FFT bins k·sr/nFft on a linear axis;
   * - "log": FFT bins on a symmetric-log axis, linear below about 1 kHz (like librosa's "log" axis);
   * - "mel": mel bands (centres of librosa's Slaney mel filters between fmin and fmax) on a
   *   mel-like axis (Vega's symlog with constant 700 Hz: the HTK mel curve up to scale).
   */
  yAxis?: "hz" | "log" | "mel";
  /** Lowest and highest frequency of the mel bands in Hz. Defaults 0 and sr/2 (librosa's). */
  fmin?: number;
  fmax?: number;
  /** Show decibels relative to the loudest drawn cell (librosa's `power_to_db(S, ref=np.max)`). Default true. */
  db?: boolean;
  /** Whether S holds magnitudes (1) or power (2). Default: `S.power` if present, else 2. */
  power?: number;
  /** Dynamic range kept in dB below the maximum (librosa's top_db). Default 80. */
  topDb?: number;
  /**
   * "image" (default): the cells are one PNG (at most maxCols × maxRows pixels) embedded in the
   * chart; "rects": one SVG rect per pooled cell (about 130 bytes each: keep maxCols × maxRows small).
   */
  render?: "image" | "rects";
  /** Most time cells (image pixels or rects) across. Default 800 for "image", 200 for "rects". */
  maxCols?: number;
  /** Most frequency cells up the axis. Default 256 for "image", 128 for "rects". */
  maxRows?: number;
  /** Chart title. Default "Spectrogram" ("Mel spectrogram" for yAxis "mel"). */
  title?: string;
  /** Continuous colour scheme. Default "magma". */
  scheme?: ColorScheme;
  /** Width and height in pixels. Defaults 640 and 280. */
  width?: number;
  height?: number;
}

/** One drawn cell (render "rects"): times in seconds, frequencies in Hz, the pooled (maybe dB) value. */
export interface SpectrogramCell {
  t0: number;
  t1: number;
  f0: number;
  f1: number;
  value: number;
}

/** The image layer's datum (render "image"): where the PNG is placed, and the PNG as a data URL. */
export interface SpectrogramImage {
  t0: number;
  t1: number;
  f0: number;
  f1: number;
  url: string;
}

/** Splits n items into at most `max` contiguous groups: boundaries [0, …, n]. */
function groupBounds(n: number, max: number): number[] {
  const g = Math.min(n, max);
  return Array.from({ length: g + 1 }, (_, i) => Math.floor((i * n) / g));
}

/** A scale's forward and inverse transform (vega's linear or symlog). */
function axisTransform(yAxis: "hz" | "log" | "mel"): { fwd: (f: number) => number; inv: (u: number) => number; constant: number | null } {
  if (yAxis === "hz") return { fwd: (f) => f, inv: (u) => u, constant: null };
  const C = yAxis === "mel" ? 700 : 1000;
  return { fwd: (f) => Math.sign(f) * Math.log1p(Math.abs(f) / C), inv: (u) => Math.sign(u) * Math.expm1(Math.abs(u)) * C, constant: C };
}

/** 256 RGB entries sampled from a continuous vega scheme (shared by the image-based heatmaps). */
export function colourLut(scheme: ColorScheme): Uint8Array {
  const interp = vega.scheme(String(scheme));
  if (typeof interp !== "function")
    throw new ParameterError(`scheme=${repr(String(scheme))} is not a continuous colour scheme (try "magma", "viridis", "inferno", "greys")`);
  const lut = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const s = String(interp(i / 255));
    let rgb: number[] | null = null;
    const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(s);
    if (hex) rgb = [1, 2, 3].map((k) => parseInt(hex[k], 16));
    else {
      const nums = s.match(/[\d.]+/g);
      if (nums && nums.length >= 3) rgb = nums.slice(0, 3).map((x) => Math.round(Number(x)));
    }
    if (!rgb) throw new ParameterError(`scheme=${repr(String(scheme))} gave an unreadable colour ${repr(s)}`);
    lut.set(rgb, i * 3);
  }
  return lut;
}

/** Index of the interval [edges[k], edges[k+1]) containing x (clamped). */
function findInterval(edges: Float64Array, x: number): number {
  let a = 0;
  let b = edges.length - 2;
  if (x <= edges[0]) return 0;
  if (x >= edges[b + 1]) return b;
  while (a < b) {
    const m = (a + b + 1) >> 1;
    if (edges[m] <= x) a = m;
    else b = m - 1;
  }
  return a;
}

/**
 * For `n` pixels spanning [u0, u1] in transformed units, the source items (centres `centres`,
 * cells `edges`) each pixel averages: items whose centre falls in the pixel, else the item under
 * the pixel's centre.
 */
function pixelSources(n: number, u0: number, u1: number, inv: (u: number) => number, centres: Float64Array, edges: Float64Array): number[][] {
  const out: number[][] = [];
  let k = 0;
  for (let p = 0; p < n; p++) {
    const a = inv(u0 + ((u1 - u0) * p) / n);
    const b = inv(u0 + ((u1 - u0) * (p + 1)) / n);
    const src: number[] = [];
    while (k < centres.length && centres[k] < a) k++;
    for (let j = k; j < centres.length && (centres[j] < b || (p === n - 1 && centres[j] <= b)); j++) src.push(j);
    if (src.length === 0) src.push(findInterval(edges, inv(u0 + ((u1 - u0) * (p + 0.5)) / n)));
    out.push(src);
  }
  return out;
}

/**
 * Draws a spectrogram `S` (rows = frequency bins or mel bands, cols = frames, as librosa) as a
 * heatmap: x is time in seconds, y frequency in Hz (linear, log-like or mel-like axis).
 *
 * Geometry: frame t spans (t ± ½)·hopLength/sr seconds; FFT bin k spans (k ± ½)·sr/nFft Hz
 * (clipped to [0, sr/2]); mel band k spans the midpoints between its neighbours' centres.
 *
 * Size: with `render: "image"` (default) the values are resampled onto at most maxCols × maxRows
 * (800 × 256) pixels, evenly spaced on the drawn axes — each pixel averages the frames/bins whose
 * centres fall in it (in the power domain when `db`), or shows the one under it — and embedded as
 * a PNG, so the SVG stays around 10–100 kB. With `render: "rects"` contiguous groups of bins and
 * frames are averaged down to at most maxRows × maxCols (128 × 200) cells, one SVG rect each
 * (about 130 bytes per cell: 200 × 128 cells ≈ 3.3 MB).
 *
 * @param S spectrogram [nBins or nMels, nFrames]: magnitude or power (see `power`), or values
 *   already in dB with `db: false`
 * @param options sr, hopLength, nFft, yAxis, fmin, fmax, db, power, topDb, render, maxCols,
 *   maxRows, title, scheme, width, height
 * @returns a Vega-Lite spec. "image": layer 0's `data.values[0]` is a {@link SpectrogramImage};
 *   "rects": `data.values` are {@link SpectrogramCell}s
 * @example await show(spectrogramChart(melspectrogram(y, { sr }), { sr, hopLength: 512, yAxis: "mel" }));
 */
export function spectrogramChart(S: Matrix & { readonly power?: number; readonly nFft?: number }, options: SpectrogramChartOptions = {}): VegaLiteSpec {
  const { sr = 22050, hopLength = 512, yAxis = "hz", db = true, topDb = 80, render = "image", scheme = "magma", width = 640, height = 280 } = options;
  const { maxCols = render === "image" ? 800 : 200, maxRows = render === "image" ? 256 : 128 } = options;
  assertPositive("sr", sr);
  assertPositiveInt("hopLength", hopLength);
  assertPositiveInt("maxCols", maxCols);
  assertPositiveInt("maxRows", maxRows);
  assertPositive("topDb", topDb);
  assertPositiveInt("width", width);
  assertPositiveInt("height", height);
  if (!["hz", "log", "mel"].includes(yAxis)) throw new ParameterError(`yAxis=${repr(yAxis)} must be one of "hz", "log", "mel"`);
  if (render !== "image" && render !== "rects") throw new ParameterError(`render=${repr(render)} must be "image" or "rects"`);
  if (!S || !(S.data instanceof Float32Array || (S.data as unknown) instanceof Float64Array) || S.data.length !== S.rows * S.cols) {
    throw new ParameterError("S must be a Matrix (data of length rows × cols)");
  }
  if (S.rows < 1 || S.cols < 1) throw new ParameterError(`S is empty (${S.rows} × ${S.cols})`);
  const power = options.power ?? S.power ?? 2;
  if (db && !(power > 0)) throw new ParameterError(`power=${repr(power)} must be > 0`);
  const { title = yAxis === "mel" ? "Mel spectrogram" : "Spectrogram" } = options;
  const nyquist = sr / 2;

  // Frequency centre and edges of each row, in Hz.
  const fc = new Float64Array(S.rows);
  const fEdges = new Float64Array(S.rows + 1);
  if (yAxis === "mel") {
    const { fmin = 0, fmax = nyquist } = options;
    if (!(fmin >= 0 && fmax > fmin)) throw new ParameterError(`fmin=${fmin}, fmax=${fmax}: need 0 ≤ fmin < fmax`);
    const pts = melFrequencies(S.rows + 2, fmin, fmax); // band k is centred at pts[k + 1]
    for (let k = 0; k < S.rows; k++) fc[k] = pts[k + 1];
    for (let k = 0; k <= S.rows; k++) fEdges[k] = (pts[k] + pts[k + 1]) / 2;
  } else {
    const nFft = options.nFft ?? S.nFft ?? 2 * (S.rows - 1);
    assertPositiveInt("nFft", nFft);
    if (Math.floor(nFft / 2) + 1 !== S.rows) throw new ParameterError(`nFft=${nFft} gives ${Math.floor(nFft / 2) + 1} bins, but S has ${S.rows} rows`);
    const df = sr / nFft;
    for (let k = 0; k < S.rows; k++) fc[k] = k * df;
    for (let k = 0; k <= S.rows; k++) fEdges[k] = Math.min(nyquist, Math.max(0, (k - 0.5) * df));
  }
  // Time centre and edges of each frame, in seconds.
  const dur = hopLength / sr;
  const tc = Float64Array.from({ length: S.cols }, (_, t) => t * dur);
  const tEdges = Float64Array.from({ length: S.cols + 1 }, (_, t) => (t - 0.5) * dur);

  const toPower = (v: number) => (db ? Math.abs(v) ** (2 / power) : v);
  const mean = (rows: readonly number[], cols: readonly number[]) => {
    let s = 0;
    for (const r of rows) for (const c of cols) s += toPower(S.data[r * S.cols + c]);
    return s / (rows.length * cols.length);
  };
  const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);

  // The values to draw: a grid [gridRows (top = lowest frequency here) × gridCols].
  let grid: Float64Array;
  let gridRows: number;
  let gridCols: number;
  let cellEdges: { t0: number; t1: number; f0: number; f1: number }[] | null = null;
  const tf = axisTransform(yAxis);
  if (render === "image") {
    gridCols = Math.min(S.cols, maxCols);
    gridRows = yAxis === "hz" ? Math.min(S.rows, maxRows) : maxRows;
    const colSrc = pixelSources(gridCols, tEdges[0], tEdges[S.cols], (u) => u, tc, tEdges);
    const rowSrc = pixelSources(gridRows, tf.fwd(fEdges[0]), tf.fwd(fEdges[S.rows]), tf.inv, fc, fEdges);
    grid = new Float64Array(gridRows * gridCols);
    for (let i = 0; i < gridRows; i++) for (let j = 0; j < gridCols; j++) grid[i * gridCols + j] = mean(rowSrc[i], colSrc[j]);
  } else {
    const rb = groupBounds(S.rows, maxRows);
    const cb = groupBounds(S.cols, maxCols);
    gridRows = rb.length - 1;
    gridCols = cb.length - 1;
    grid = new Float64Array(gridRows * gridCols);
    cellEdges = [];
    for (let i = 0; i < gridRows; i++) {
      for (let j = 0; j < gridCols; j++) {
        grid[i * gridCols + j] = mean(range(rb[i], rb[i + 1]), range(cb[j], cb[j + 1]));
        cellEdges.push({ t0: tEdges[cb[j]], t1: tEdges[cb[j + 1]], f0: fEdges[rb[i]], f1: fEdges[rb[i + 1]] });
      }
    }
  }
  let vmin = Infinity;
  let vmax = -Infinity;
  for (const v of grid) {
    if (!Number.isFinite(v)) throw new ParameterError("S holds a non-finite value");
    vmin = Math.min(vmin, v);
    vmax = Math.max(vmax, v);
  }
  if (db) {
    // librosa.power_to_db(P, ref=max, amin=1e-10, top_db)
    const amin = 1e-10;
    const ref = 10 * Math.log10(Math.max(amin, vmax));
    for (let i = 0; i < grid.length; i++) grid[i] = Math.max(10 * Math.log10(Math.max(amin, grid[i])) - ref, -topDb);
  }
  const domain: [number, number] = db ? [-topDb, 0] : vmax > vmin ? [vmin, vmax] : [vmin, vmin + 1];

  const resampled = render === "image" ? gridRows !== S.rows || gridCols !== S.cols : gridRows < S.rows || gridCols < S.cols;
  const subtitle = `${S.rows} ${yAxis === "mel" ? "mel bands" : "bins"} × ${S.cols} frames · sr ${sr} Hz · hop ${hopLength}${
    resampled ? ` · drawn as ${gridRows} × ${gridCols} ${render === "image" ? "pixels" : "averaged cells"}` : ""
  }`;
  const yTitle = yAxis === "mel" ? "frequency (Hz, mel scale)" : yAxis === "log" ? "frequency (Hz, log scale)" : "frequency (Hz)";
  // symlog axes get octave ticks (vega's default symlog ticks are sparse)
  const yTicks = tf.constant === null ? null : [0, 250, 500, 1000, 2000, 4000, 8000, 16000, 32000, 64000].filter((f) => f >= fEdges[0] && f <= fEdges[S.rows]);
  const yAxisDef = yTicks ? { values: yTicks } : {};
  const yScale =
    tf.constant === null
      ? { type: "linear", domain: [fEdges[0], fEdges[S.rows]], nice: false, zero: false }
      : { type: "symlog", constant: tf.constant, domain: [fEdges[0], fEdges[S.rows]], nice: false };
  const xScale = { domain: [tEdges[0], tEdges[S.cols]], nice: false, zero: false };
  const colorTitle = db ? "dB (re max)" : power === 1 ? "magnitude" : "power";
  const colorScale = { scheme, domain };
  const base = { $schema: VEGA_LITE_SCHEMA, title: chartTitle(title, subtitle), config: CHART_CONFIG, width, height };

  if (render === "rects") {
    const cells: SpectrogramCell[] = cellEdges!.map((e, i) => ({ ...e, value: grid[Math.floor(i / gridCols) * gridCols + (i % gridCols)] }));
    return {
      ...base,
      data: { values: cells },
      mark: { type: "rect", strokeWidth: 0, aria: false },
      encoding: {
        x: { field: "t0", type: "quantitative", title: "time (s)", scale: xScale },
        x2: { field: "t1" },
        y: { field: "f0", type: "quantitative", title: yTitle, scale: yScale, axis: yAxisDef },
        y2: { field: "f1" },
        color: { field: "value", type: "quantitative", title: colorTitle, scale: colorScale },
      },
    } as VegaLiteSpec;
  }

  const lut = colourLut(scheme);
  const rgb = new Uint8Array(gridRows * gridCols * 3);
  for (let i = 0; i < gridRows; i++) {
    const srcRow = gridRows - 1 - i; // PNG rows run top (highest frequency) to bottom
    for (let j = 0; j < gridCols; j++) {
      const x = (grid[srcRow * gridCols + j] - domain[0]) / (domain[1] - domain[0]);
      const k = Math.max(0, Math.min(255, Math.round(x * 255)));
      rgb[(i * gridCols + j) * 3] = lut[k * 3];
      rgb[(i * gridCols + j) * 3 + 1] = lut[k * 3 + 1];
      rgb[(i * gridCols + j) * 3 + 2] = lut[k * 3 + 2];
    }
  }
  const image: SpectrogramImage = {
    t0: tEdges[0],
    t1: tEdges[S.cols],
    f0: fEdges[0],
    f1: fEdges[S.rows],
    url: `data:image/png;base64,${encodePng(gridCols, gridRows, rgb).toString("base64")}`,
  };
  return {
    ...base,
    layer: [
      {
        data: { values: [image] },
        mark: { type: "image", aspect: false, aria: false },
        encoding: {
          x: { field: "t0", type: "quantitative", title: "time (s)", scale: xScale },
          x2: { field: "t1" },
          y: { field: "f0", type: "quantitative", title: yTitle, scale: yScale, axis: yAxisDef },
          y2: { field: "f1" },
          url: { field: "url", type: "nominal" },
        },
      },
      {
        // Invisible points that only carry the colour legend of the image's values.
        data: { values: [{ value: domain[0] }, { value: domain[1] }] },
        mark: { type: "point", opacity: 0, aria: false },
        encoding: { color: { field: "value", type: "quantitative", title: colorTitle, scale: colorScale } },
      },
    ],
  } as VegaLiteSpec;
}
