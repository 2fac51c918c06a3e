/**
 * Keras's `model.summary()` as table rows, for notebooks (`showTable(modelSummary(model))`).
 */
import type * as tf from "@tensorflow/tfjs-node";

/** One layer of the summary. */
export interface LayerSummaryRow {
  layer: string;
  type: string;
  /** Output shape without the batch dimension, e.g. "(96, 128)". */
  output: string;
  params: number;
}

/**
 * The layers of `model` with their output shapes and parameter counts, plus a total row.
 * @example showTable(modelSummary(buildCnnLstm({ inputShape: [195, 1] })));
 */
export function modelSummary(model: tf.LayersModel): LayerSummaryRow[] {
  const rows: LayerSummaryRow[] = model.layers.map((l) => {
    const shape = l.outputShape as (number | null)[] | (number | null)[][];
    const one = Array.isArray(shape[0]) ? (shape[0] as (number | null)[]) : (shape as (number | null)[]);
    return { layer: l.name, type: l.getClassName(), output: `(${one.slice(1).join(", ")})`, params: l.countParams() };
  });
  const total = rows.reduce((a, r) => a + r.params, 0);
  const trainable = model.trainableWeights.reduce((a, w) => a + w.shape.reduce((p: number, d) => p * (d ?? 1), 1), 0);
  rows.push({ layer: "total", type: `${trainable} trainable, ${total - trainable} non-trainable`, output: "", params: total });
  return rows;
}
