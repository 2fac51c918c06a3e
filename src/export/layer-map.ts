/**
 * How each layer of a trained model is written as a standard TensorFlow.js (tfjs-layers) layer or
 * one of the toolkit's portable layers (src/browser/portable-layers.ts: pure tfjs-layers, registered
 * by the browser entry), so the exported model loads in plain `@tensorflow/tfjs` (browser, or Node
 * without native code):
 * one row per layer class in {@link LAYER_EXPORTS}. A row gives the standard class, its config
 * (model.json's snake_case form) from the trained layer's, and its weights, in the standard layer's
 * `getWeights()` order, from the trained layer's.
 *
 * | trained layer             | exported as          | weights                                        |
 * | ------------------------- | -------------------- | ---------------------------------------------- |
 * | `FusedLSTM`               | `LSTM`               | kernel, recurrent_kernel, bias: same layout (gates i, f, c, o in both) |
 * | `FusedConv1D`             | `Conv1D`             | kernel [K, C, F], bias [F]: same               |
 * | `FusedBatchNormalization` | `BatchNormalization` | gamma, beta, moving_mean, moving_variance: same |
 * | `SeededDropout`           | `Dropout`            | none (identity at inference)                   |
 * | `AttentionPooling`        | `PortableAttentionPooling` | kernel [H, units], bias [units], context [units, 1]: same |
 * | `ReverseTime`             | `PortableReverseTime` | none                                          |
 * | standard tfjs layers      | themselves           | as they are (Concatenate, Add, GlobalAveragePooling1D of the bidirectional, residual and mean-pooled networks) |
 *
 * Initializers are written as `Zeros` (see {@link exportInitializers}). A layer class in neither
 * the table, {@link STANDARD_LAYERS} nor the portable layers makes the export fail with an
 * error naming the layer and its class. To support a new layer, add a row (and a round-trip case
 * in test/export/).
 */
import type * as tf from "@tensorflow/tfjs-node";
import { SerError } from "../util/errors";
import { PORTABLE_LAYERS, PortableAttentionPooling, PortableReverseTime } from "../browser/portable-layers";

/** A layer's config as model.json stores it (snake_case keys, nested `{ class_name, config }`). */
export type PyConfig = Record<string, unknown>;

/** One row of {@link LAYER_EXPORTS}. */
export interface LayerExport {
  /** The standard tfjs-layers class written in place of the trained one. */
  readonly className: string;
  /** The standard layer's config from the trained layer's (both model.json form). */
  config(trained: PyConfig): PyConfig;
  /**
   * The standard layer's weights, in its `getWeights()` order, from the trained layer's (in the
   * trained layer's `getWeights()` order). Default: the same tensors.
   */
  weights?(trained: tf.Tensor[]): tf.Tensor[];
}

/** The export cannot write a layer as a standard one. */
export class ExportError extends SerError {}

/** Keys of a config to keep as they are (name, trainable, input shape, dtype). */
function base(c: PyConfig): PyConfig {
  const out: PyConfig = { name: c.name, trainable: c.trainable ?? true, dtype: c.dtype ?? "float32" };
  if (c.batch_input_shape !== undefined) out.batch_input_shape = c.batch_input_shape;
  return out;
}

/**
 * Trained-layer class → its standard equivalent. The fused layers compute Keras's functions with
 * Keras's weight layouts (checked number by number in test/model/), so their weights carry over
 * unchanged; FusedLSTM's gate order is Keras's i, f, c, o (BlockLSTMV2's "IFCO"), which is also
 * tfjs-layers' LSTM's.
 */
export const LAYER_EXPORTS: Readonly<Record<string, LayerExport>> = Object.freeze({
  FusedLSTM: {
    className: "LSTM",
    config: (c) => ({
      ...base(c),
      units: c.units,
      activation: "tanh",
      recurrent_activation: "sigmoid",
      use_bias: true,
      return_sequences: c.return_sequences ?? false,
      return_state: false,
      go_backwards: false,
      stateful: false,
      unroll: false,
      unit_forget_bias: c.unit_forget_bias ?? true,
      kernel_initializer: c.kernel_initializer,
      recurrent_initializer: c.recurrent_initializer,
      bias_initializer: c.bias_initializer,
      dropout: 0,
      recurrent_dropout: 0,
      implementation: 1,
    }),
  },
  FusedConv1D: {
    className: "Conv1D",
    config: (c) => ({
      ...base(c),
      filters: c.filters,
      kernel_size: [c.kernel_size],
      strides: [1],
      padding: c.padding ?? "valid",
      dilation_rate: [1],
      activation: c.activation ?? "linear",
      use_bias: true,
      kernel_initializer: c.kernel_initializer,
      bias_initializer: c.bias_initializer,
    }),
  },
  FusedBatchNormalization: {
    className: "BatchNormalization",
    config: (c) => ({
      ...base(c),
      axis: -1,
      momentum: c.momentum,
      epsilon: c.epsilon,
      center: true,
      scale: true,
      gamma_initializer: c.gamma_initializer,
      beta_initializer: c.beta_initializer,
      moving_mean_initializer: c.moving_mean_initializer,
      moving_variance_initializer: c.moving_variance_initializer,
    }),
  },
  SeededDropout: {
    className: "Dropout",
    config: (c) => ({ ...base(c), rate: c.rate }),
  },
  // the same function with the same weights, written against tfjs-core only
  AttentionPooling: {
    className: PortableAttentionPooling.className,
    config: (c) => ({ ...base(c), units: c.units }),
  },
  ReverseTime: {
    className: PortableReverseTime.className,
    config: (c) => base(c),
  },
});

/**
 * tfjs-layers classes written as they are. Only layers without a custom part belong here; a
 * wrapper (Bidirectional, TimeDistributed) is checked through the layer it wraps.
 */
export const STANDARD_LAYERS: ReadonlySet<string> = new Set([
  "InputLayer",
  "Dense",
  "Dropout",
  "SpatialDropout1D",
  "Activation",
  "ReLU",
  "Softmax",
  "Flatten",
  "Reshape",
  "Permute",
  "RepeatVector",
  "Conv1D",
  "Conv2D",
  "SeparableConv2D",
  "DepthwiseConv2D",
  "MaxPooling1D",
  "MaxPooling2D",
  "AveragePooling1D",
  "AveragePooling2D",
  "GlobalAveragePooling1D",
  "GlobalAveragePooling2D",
  "GlobalMaxPooling1D",
  "GlobalMaxPooling2D",
  "ZeroPadding2D",
  "Cropping2D",
  "BatchNormalization",
  "LayerNormalization",
  "LSTM",
  "GRU",
  "SimpleRNN",
  "Bidirectional",
  "TimeDistributed",
  "Add",
  "Multiply",
  "Average",
  "Maximum",
  "Minimum",
  "Concatenate",
  "Dot",
  "Embedding",
  "Masking",
  "GaussianNoise",
  "GaussianDropout",
]);

/**
 * Every initializer of an exported layer is `Zeros`: the weights are loaded right after the model
 * is built, so the initial values never matter, and a browser then skips initializers that are
 * slow (a 64 × 256 orthogonal matrix is a QR decomposition) or custom (`SeededOrthogonal`).
 */
function exportInitializers(c: PyConfig): PyConfig {
  const out: PyConfig = { ...c };
  for (const [k, v] of Object.entries(c)) {
    if (k.endsWith("_initializer") && v !== null && typeof v === "object") out[k] = { class_name: "Zeros", config: {} };
  }
  return out;
}

/** A layer entry of model.json's topology: `{ class_name, config, ... }` (functional models add inbound_nodes). */
export interface PyLayer {
  class_name: string;
  config: PyConfig;
  [key: string]: unknown;
}

/**
 * The standard form of one layer entry of model.json.
 * @param layer the trained model's entry
 * @returns the entry to write, and the weight mapping (identity when absent)
 * @throws ExportError naming the layer when its class (or a wrapped layer's) has no standard form
 * @example exportLayer({ class_name: "FusedLSTM", config: { name: "lstm", units: 64 } }).layer.class_name  // "LSTM"
 */
export function exportLayer(layer: PyLayer): { layer: PyLayer; weights?: LayerExport["weights"] } {
  const name = String(layer.config?.name ?? "?");
  const row = LAYER_EXPORTS[layer.class_name];
  if (row) return { layer: { ...layer, class_name: row.className, config: exportInitializers(row.config(layer.config)) }, weights: row.weights };
  if (!STANDARD_LAYERS.has(layer.class_name) && !PORTABLE_LAYERS.includes(layer.class_name)) {
    throw new ExportError(
      `layer ${JSON.stringify(name)} is a ${layer.class_name}, which has no standard or portable TensorFlow.js form for export ` +
        `(known: ${[...Object.keys(LAYER_EXPORTS), ...PORTABLE_LAYERS, ...STANDARD_LAYERS].join(", ")}); add a row to LAYER_EXPORTS in src/export/layer-map.ts`,
    );
  }
  const config = exportInitializers(layer.config);
  const inner = config.layer as PyLayer | undefined;
  if (inner && typeof inner === "object" && typeof inner.class_name === "string") {
    const mapped = exportLayer(inner);
    if (mapped.weights)
      throw new ExportError(
        `layer ${JSON.stringify(name)}: a ${layer.class_name} around ${inner.class_name} cannot be exported (its weights would need re-laying out)`,
      );
    config.layer = mapped.layer;
  }
  return { layer: { ...layer, config } };
}
