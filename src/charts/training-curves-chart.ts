/** Loss and accuracy per epoch, training vs validation (Vega-Lite), from a Keras-like history. */
import { ParameterError } from "../util/errors";
import type { VegaLiteSpec } from "./render";
import { CHART_CONFIG, VEGA_LITE_SCHEMA, chartTitle } from "./chart-style";

/**
 * A Keras/tfjs training history: `{ loss, val_loss, acc | accuracy, val_acc | val_accuracy }`,
 * one value per epoch (camelCase `valLoss`/`valAccuracy` too; null for a missing value); or an
 * object whose `.history` holds those arrays and whose optional `.epoch` lists the 0-based epoch
 * indices (a tfjs `History`, or ser-toolkit's `TrainingHistory` from the model group).
 */
export type KerasHistoryLike =
  | Readonly<Record<string, readonly (number | null)[] | undefined>>
  | { readonly history: Readonly<Record<string, readonly unknown[] | undefined>>; readonly epoch?: readonly number[] };

/** Options of {@link trainingCurvesChart}. */
export interface TrainingCurvesChartOptions {
  /** Chart title. Default "Training curves". */
  title?: string;
  /** y-axis title of the loss panel. Default "loss (cross-entropy, nats)". */
  lossTitle?: string;
  /** y-axis title of the accuracy panel. Default "accuracy (fraction correct)". */
  accuracyTitle?: string;
  /** Width of each panel in pixels. Default 300. */
  width?: number;
  /** Height of each panel in pixels. Default 220. */
  height?: number;
}

/** One point of the chart's data. */
export interface TrainingCurvePoint {
  /** 1-based epoch. */
  epoch: number;
  metric: "loss" | "accuracy";
  split: "training" | "validation";
  /** The value; null when it was not finite (e.g. a diverged loss). */
  value: number | null;
}

function series(h: Readonly<Record<string, readonly unknown[] | undefined>>, keys: string[]): number[] | null {
  for (const k of keys) {
    const v = h[k];
    if (v !== undefined) {
      if (!Array.isArray(v)) throw new ParameterError(`history.${k} must be an array of numbers, one per epoch`);
      return v.map((x, i) => {
        if (x === null || x === undefined) return NaN; // a gap
        const n = typeof x === "number" ? x : Number(x); // tfjs may hold scalar tensors or numeric strings
        if (typeof x !== "number" && Number.isNaN(n)) throw new ParameterError(`history.${k}[${i}]=${String(x)} is not a number`);
        return n;
      });
    }
  }
  return null;
}

/**
 * Training curves: a loss panel and an accuracy panel, each with the training and validation
 * series per epoch (epochs numbered from 1, or `epoch[i] + 1` when the history lists epoch
 * indices). Keys read: loss; val_loss or valLoss; accuracy or acc; val_accuracy, val_acc,
 * valAccuracy or valAcc. Missing series are left out, a missing panel is dropped, and null or
 * non-finite values (e.g. a diverged loss) are gaps.
 * @param history Keras-like history (number[] per key, one value per epoch) or a tfjs History
 * @param options title, panel axis titles, width, height
 * @returns a Vega-Lite spec; its `data.values` are {@link TrainingCurvePoint}s
 * @example await show(trainingCurvesChart(await model.fit(x, y, { epochs: 30, validationSplit: 0.2 })));
 */
export function trainingCurvesChart(history: KerasHistoryLike, options: TrainingCurvesChartOptions = {}): VegaLiteSpec {
  const {
    title = "Training curves",
    lossTitle = "loss (cross-entropy, nats)",
    accuracyTitle = "accuracy (fraction correct)",
    width = 300,
    height = 220,
  } = options;
  if (typeof history !== "object" || history === null) throw new ParameterError(`history=${String(history)} must be a Keras-like history object`);
  const wrapped = "history" in history && typeof history.history === "object" && history.history !== null && !Array.isArray(history.history);
  const h = (wrapped ? history.history : history) as Readonly<Record<string, readonly unknown[] | undefined>>;
  const epochIdx =
    wrapped && Array.isArray((history as { epoch?: unknown }).epoch) ? ((history as { epoch: readonly number[] }).epoch as readonly number[]) : null;
  const wanted: { metric: "loss" | "accuracy"; split: "training" | "validation"; keys: string[] }[] = [
    { metric: "loss", split: "training", keys: ["loss"] },
    { metric: "loss", split: "validation", keys: ["val_loss", "valLoss"] },
    { metric: "accuracy", split: "training", keys: ["accuracy", "acc"] },
    { metric: "accuracy", split: "validation", keys: ["val_accuracy", "val_acc", "valAccuracy", "valAcc"] },
  ];
  const points: TrainingCurvePoint[] = [];
  const panels = new Set<string>();
  let epochs = -1;
  for (const w of wanted) {
    const s = series(h, w.keys);
    if (!s) continue;
    if (epochs >= 0 && s.length !== epochs) {
      throw new ParameterError(`history.${w.keys[0]} has ${s.length} values, but other series have ${epochs}: one value per epoch expected`);
    }
    epochs = s.length;
    panels.add(w.metric);
    if (epochIdx && epochIdx.length !== s.length)
      throw new ParameterError(`history.epoch has ${epochIdx.length} entries, but history.${w.keys[0]} has ${s.length} values`);
    s.forEach((v, i) => points.push({ epoch: epochIdx ? epochIdx[i] + 1 : i + 1, metric: w.metric, split: w.split, value: Number.isFinite(v) ? v : null }));
  }
  if (panels.size === 0) {
    throw new ParameterError(`history has none of loss, val_loss, accuracy/acc, val_accuracy/val_acc (keys: ${Object.keys(h).join(", ") || "none"})`);
  }
  if (epochs === 0) throw new ParameterError("history holds no epochs");
  const firstEpoch = Math.min(...points.map((p) => p.epoch));
  const lastEpoch = Math.max(...points.map((p) => p.epoch));
  const panel = (metric: "loss" | "accuracy") => ({
    title: metric === "loss" ? "Loss" : "Accuracy",
    width,
    height,
    transform: [{ filter: `datum.metric === '${metric}'` }],
    mark: { type: "line" as const, point: true, interpolate: "monotone" as const },
    encoding: {
      x: {
        field: "epoch",
        type: "quantitative" as const,
        title: "epoch",
        axis: { tickMinStep: 1, format: "d" },
        scale: { domain: [firstEpoch, Math.max(lastEpoch, firstEpoch + 1)] },
      },
      y: {
        field: "value",
        type: "quantitative" as const,
        title: metric === "loss" ? lossTitle : accuracyTitle,
        scale: metric === "accuracy" ? { domain: [0, 1] } : { zero: false },
      },
      color: { field: "split", type: "nominal" as const, title: "data", scale: { domain: ["training", "validation"], range: ["#1f77b4", "#ff7f0e"] } },
      tooltip: [
        { field: "epoch", type: "quantitative" as const },
        { field: "split", type: "nominal" as const },
        { field: "value", type: "quantitative" as const, format: ".4f" },
      ],
    },
  });
  const spec: VegaLiteSpec = {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(title, `${epochs} epoch${epochs === 1 ? "" : "s"} · training vs validation`),
    config: CHART_CONFIG,
    data: { values: points },
    hconcat: (["loss", "accuracy"] as const).filter((m) => panels.has(m)).map(panel),
  };
  return spec;
}
