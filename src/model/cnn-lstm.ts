/**
 * The seed project's CNN+LSTM, built with tfjs-layers (tfjs-examples style: a builder that returns
 * a fresh, uncompiled model).
 *
 * Default network (the Keras model of the Python project this toolkit ports, as its issue
 * describes it; the layer parameters not stated there are Keras 3 defaults):
 *
 * ```
 * Conv1D(128, 5, relu, "same") → MaxPooling1D(2) → Dropout(0.2)
 * Conv1D(64, 3, relu, "same")  → MaxPooling1D(2) → Dropout(0.2)
 * BatchNormalization → LSTM(64) → Dropout(0.2) → BatchNormalization
 * Dense(32, relu) → Dropout(0.2) → Dense(8, softmax)
 * ```
 *
 * Keras defaults kept: glorot-uniform kernels, zero biases, orthogonal recurrent kernel with
 * `unit_forget_bias`, LSTM activations tanh/sigmoid (tfjs-layers' own default recurrent activation
 * is hardSigmoid and its `unitForgetBias` is off, so both are set explicitly), BatchNormalization
 * momentum 0.99 and epsilon 1e-3, MaxPooling1D padding "valid", strides = pool size.
 *
 * Speed: by default the LSTM, Conv1D and BatchNormalization layers are this toolkit's
 * {@link FusedLstm}, {@link FusedConv1D} and {@link FusedBatchNormalization} (TensorFlow's fused
 * CPU kernels called through tfjs-node) and dropout is {@link SeededDropout}. Each has a tfjs-layers
 * twin with the same weights (`lstmImpl: "layers"`, `convBnImpl: "layers"`), checked number by
 * number in test/model/. Building a model registers nothing process-wide: `trainModel` swaps the
 * gradients of ReLU and of 2-wide max pooling for ones with fewer native ops
 * (`registerNativeGradients` in `native-gradients.ts`). Where the defaults come from: the issue's
 * description of the seed network; the Python original's source was not found in the reference
 * search, so parameters it does not state are Keras 3 defaults (recorded in
 * test/fixtures/make_model.py).
 */
import { randomInt } from "node:crypto";
import * as tf from "@tensorflow/tfjs-node";
import { Rng } from "../util/rng";
import { ParameterError } from "../util/errors";
import { assertInOpenRange, assertInRange, assertOneOf, assertPositiveInt } from "../util/validate";
import { FusedLstm } from "./fused-lstm";
import { FusedConv1D } from "./fused-conv1d";
import { FusedBatchNormalization } from "./fused-batch-normalization";
import { SeededDropout } from "./seeded-dropout";
import { SeededOrthogonal } from "./seeded-orthogonal";
import { AttentionPooling } from "./attention-pooling";
import { ReverseTime } from "./reverse-time";

/** Which LSTM implementation {@link buildCnnLstm} uses. */
export type LstmImpl = "layers" | "fused";

/** Configuration of {@link buildCnnLstm}. Every field but `inputShape` is optional. */
export interface CnnLstmConfig {
  /** [timesteps, features] of one clip: [195, 1] for the summary vector, [frames, features] for sequences. */
  inputShape: [number, number];
  /** Filters of each Conv1D block. Default [128, 64]. One entry per block; the arrays below must match its length. */
  filters?: number[];
  /** Kernel size of each Conv1D. Default [5, 3]. */
  kernelSizes?: number[];
  /** Padding of the Conv1D layers. Default "same". */
  padding?: "same" | "valid";
  /** Pool size (and stride) of each MaxPooling1D. Default [2, 2]. */
  poolSizes?: number[];
  /** Padding of the MaxPooling1D layers. Default "valid" (Keras's). */
  poolPadding?: "same" | "valid";
  /** Dropout rate after each conv block, in [0, 1). Default [0.2, 0.2]. */
  convDropout?: number[];
  /** Units of the LSTM. Default 64. */
  lstmUnits?: number;
  /** Dropout rate after the LSTM, in [0, 1). Default 0.2. */
  lstmDropout?: number;
  /** Units of the hidden Dense layer (ReLU). Default 32. */
  denseUnits?: number;
  /** Dropout rate after the hidden Dense layer, in [0, 1). Default 0.2. */
  denseDropout?: number;
  /** Number of classes of the softmax output. Default 8 (RAVDESS emotions). */
  numClasses?: number;
  /**
   * Momentum of the moving mean/variance of both BatchNormalization layers, in (0, 1). Default 0.99
   * (Keras's). With few batches per epoch (720 clips at batch 64 are 12 steps) the moving
   * statistics at 0.99 average over ~8 epochs of changing weights; 0.9 follows the current weights.
   */
  batchNormMomentum?: number;
  /**
   * Seed of every initializer and dropout mask: the same seed gives the same initial weights and
   * the same masks. Default: a random seed from node:crypto (not repeatable).
   */
  seed?: number;
  /**
   * "fused" (default): {@link FusedLstm}, TensorFlow's fused LSTM kernel, several times faster
   * to train on tfjs-node. "layers": tfjs-layers' `tf.layers.lstm` (step-by-step in JavaScript).
   * Both have the same weights and compute the same function.
   */
  lstmImpl?: LstmImpl;
  /**
   * Conv1D and BatchNormalization layers: "fused" (default): {@link FusedConv1D} and
   * {@link FusedBatchNormalization}, a few native TensorFlow ops each; "layers": tfjs-layers'
   * `conv1d` and `batchNormalization`. Same weights and function either way.
   */
  convBnImpl?: LstmImpl;
  /**
   * How the LSTM's outputs become one vector per clip: "last" (default, the seed network: the last
   * hidden state), "mean" (the mean of all hidden states) or "attention" (an {@link AttentionPooling}
   * weighted mean of all hidden states).
   */
  pooling?: "last" | "mean" | "attention";
  /** A bidirectional LSTM: a second LSTM reads the sequence backwards, and their outputs are concatenated. Default false. */
  bidirectional?: boolean;
  /** Hidden size of the attention score network (pooling "attention"), integer ≥ 1. Default 64. */
  attentionUnits?: number;
  /**
   * The convolutional front end: "conv1d" (default, the seed network: convolutions over time with
   * the features as channels) or "conv2d" (the clip as a [T, F] image: Conv2D k×k, ReLU, k×k
   * max-pooling on both axes per block, then the pooled frequency axis and the filters flattened per
   * time step for the LSTM).
   */
  frontEnd?: "conv1d" | "conv2d";
  /** Stacked LSTM layers (each reading the previous one's sequence), integer ≥ 1. Default 1. */
  lstmLayers?: number;
  /** With lstmLayers ≥ 2: each LSTM layer after the first adds its input to its output (a residual LSTM, as ResLSTM-SA). Default false. */
  residual?: boolean;
}

/** The fields of {@link CnnLstmConfig}, for configuration files that reject unknown (misspelt) fields. */
export const CNN_LSTM_CONFIG_FIELDS: readonly (keyof CnnLstmConfig)[] = Object.freeze([
  "inputShape",
  "filters",
  "kernelSizes",
  "padding",
  "poolSizes",
  "poolPadding",
  "convDropout",
  "lstmUnits",
  "lstmDropout",
  "denseUnits",
  "denseDropout",
  "numClasses",
  "batchNormMomentum",
  "seed",
  "lstmImpl",
  "convBnImpl",
  "pooling",
  "bidirectional",
  "attentionUnits",
  "lstmLayers",
  "residual",
  "frontEnd",
] as const);

/** {@link CnnLstmConfig} with every default filled in. */
export type ResolvedCnnLstmConfig = Required<CnnLstmConfig>;

/**
 * Fills in the defaults of `config` and validates it.
 * @param config the (partial) configuration
 * @returns the full configuration; `seed` is drawn at random when absent
 * @example resolveCnnLstmConfig({ inputShape: [195, 1] }).filters  // [128, 64]
 */
export function resolveCnnLstmConfig(config: CnnLstmConfig): ResolvedCnnLstmConfig {
  if (!config || !Array.isArray(config.inputShape) || config.inputShape.length !== 2) {
    throw new ParameterError(`inputShape=${JSON.stringify(config?.inputShape)} must be [timesteps, features]`);
  }
  const c: ResolvedCnnLstmConfig = {
    inputShape: [config.inputShape[0], config.inputShape[1]],
    filters: config.filters ?? [128, 64],
    kernelSizes: config.kernelSizes ?? [5, 3],
    padding: config.padding ?? "same",
    poolSizes: config.poolSizes ?? [2, 2],
    poolPadding: config.poolPadding ?? "valid",
    convDropout: config.convDropout ?? [0.2, 0.2],
    lstmUnits: config.lstmUnits ?? 64,
    lstmDropout: config.lstmDropout ?? 0.2,
    denseUnits: config.denseUnits ?? 32,
    denseDropout: config.denseDropout ?? 0.2,
    numClasses: config.numClasses ?? 8,
    batchNormMomentum: config.batchNormMomentum ?? 0.99,
    seed: config.seed ?? randomInt(2 ** 31 - 1),
    lstmImpl: config.lstmImpl ?? "fused",
    convBnImpl: config.convBnImpl ?? "fused",
    pooling: config.pooling ?? "last",
    bidirectional: config.bidirectional ?? false,
    attentionUnits: config.attentionUnits ?? 64,
    lstmLayers: config.lstmLayers ?? 1,
    residual: config.residual ?? false,
    frontEnd: config.frontEnd ?? "conv1d",
  };
  assertPositiveInt("inputShape[0]", c.inputShape[0]);
  assertPositiveInt("inputShape[1]", c.inputShape[1]);
  const n = c.filters.length;
  for (const [name, arr] of [
    ["kernelSizes", c.kernelSizes],
    ["poolSizes", c.poolSizes],
    ["convDropout", c.convDropout],
  ] as const) {
    if (arr.length !== n) throw new ParameterError(`${name}=[${arr}] must have one entry per conv block (filters=[${c.filters}])`);
  }
  c.filters.forEach((v, i) => assertPositiveInt(`filters[${i}]`, v));
  c.kernelSizes.forEach((v, i) => assertPositiveInt(`kernelSizes[${i}]`, v));
  c.poolSizes.forEach((v, i) => assertPositiveInt(`poolSizes[${i}]`, v));
  c.convDropout.forEach((v, i) => assertInRange(`convDropout[${i}]`, v, 0, 0.999999));
  assertOneOf("padding", c.padding, ["same", "valid"]);
  assertOneOf("poolPadding", c.poolPadding, ["same", "valid"]);
  assertPositiveInt("lstmUnits", c.lstmUnits);
  assertInRange("lstmDropout", c.lstmDropout, 0, 0.999999);
  assertPositiveInt("denseUnits", c.denseUnits);
  assertInRange("denseDropout", c.denseDropout, 0, 0.999999);
  assertPositiveInt("numClasses", c.numClasses);
  assertInOpenRange("batchNormMomentum", c.batchNormMomentum, 0, 1);
  assertOneOf("lstmImpl", c.lstmImpl, ["layers", "fused"]);
  assertOneOf("convBnImpl", c.convBnImpl, ["layers", "fused"]);
  assertOneOf("pooling", c.pooling, ["last", "mean", "attention"]);
  assertOneOf("bidirectional", c.bidirectional, [true, false]);
  assertPositiveInt("attentionUnits", c.attentionUnits);
  assertPositiveInt("lstmLayers", c.lstmLayers);
  assertOneOf("residual", c.residual, [true, false]);
  assertOneOf("frontEnd", c.frontEnd, ["conv1d", "conv2d"]);
  if (!Number.isInteger(c.seed)) throw new ParameterError(`seed=${c.seed} must be an integer`);
  // The time axis must survive every conv and pooling.
  let t = c.inputShape[0];
  for (let i = 0; i < n; i++) {
    if (c.padding === "valid") t = t - c.kernelSizes[i] + 1;
    t = c.poolPadding === "valid" ? Math.floor((t - c.poolSizes[i]) / c.poolSizes[i]) + 1 : Math.ceil(t / c.poolSizes[i]);
    if (!(t >= 1)) {
      throw new ParameterError(`inputShape=[${c.inputShape}] is too short: no time steps are left after conv block ${i + 1}`);
    }
  }
  return c;
}

/**
 * Builds the CNN+LSTM (see the module comment), a fresh and uncompiled `tf.LayersModel`.
 * Layer names follow Keras's automatic names (`conv1d`, `max_pooling1d`, `dropout`, `conv1d_1`, …,
 * `lstm`, …, `dense_1`), so weight names are the same whichever LSTM implementation is used.
 * @param config network configuration; only `inputShape` is required
 * @returns model with input [null, T, F] and softmax output [null, numClasses]
 * @example
 * const model = buildCnnLstm({ inputShape: [195, 1], seed: 7 });
 * model.inputs[0].shape;   // [null, 195, 1]
 * model.outputs[0].shape;  // [null, 8]
 */
export function buildCnnLstm(config: CnnLstmConfig): tf.LayersModel {
  const c = resolveCnnLstmConfig(config);
  const rng = new Rng(c.seed);
  const seedFor = (name: string): number => rng.fork(name).nextUint32() | 0; // int32
  const count: Record<string, number> = {};
  const nameFor = (base: string): string => {
    const k = count[base] ?? 0;
    count[base] = k + 1;
    return k === 0 ? base : `${base}_${k}`;
  };
  const dropout = (rate: number): tf.layers.Layer => {
    const name = nameFor("dropout");
    return new SeededDropout({ rate, seed: seedFor(name), name });
  };
  const layers: tf.layers.Layer[] = [];
  if (c.frontEnd === "conv2d") {
    let [t, f] = c.inputShape;
    layers.push(tf.layers.reshape({ targetShape: [t, f, 1], inputShape: c.inputShape, name: nameFor("reshape") }));
    c.filters.forEach((filters, i) => {
      const name = nameFor("conv2d");
      const k = c.kernelSizes[i];
      const p = c.poolSizes[i];
      layers.push(
        tf.layers.conv2d({
          filters,
          kernelSize: k,
          padding: c.padding,
          activation: "relu",
          kernelInitializer: tf.initializers.glorotUniform({ seed: seedFor(name) }),
          name,
        }),
      );
      layers.push(tf.layers.maxPooling2d({ poolSize: p, strides: p, padding: c.poolPadding, name: nameFor("max_pooling2d") }));
      layers.push(dropout(c.convDropout[i]));
      const size = (v: number) => {
        const u = c.padding === "valid" ? v - k + 1 : v;
        return c.poolPadding === "valid" ? Math.floor((u - p) / p) + 1 : Math.ceil(u / p);
      };
      t = size(t);
      f = size(f);
    });
    if (!(f >= 1)) throw new ParameterError(`inputShape=[${c.inputShape}] has too few feature columns for ${c.filters.length} conv2d blocks`);
    layers.push(tf.layers.reshape({ targetShape: [t, f * c.filters[c.filters.length - 1]], name: nameFor("reshape") }));
  } else
    c.filters.forEach((filters, i) => {
      const name = nameFor("conv1d");
      const args = {
        filters,
        kernelSize: c.kernelSizes[i],
        padding: c.padding,
        activation: "relu" as const,
        kernelInitializer: tf.initializers.glorotUniform({ seed: seedFor(name) }),
        name,
        ...(i === 0 ? { inputShape: c.inputShape } : {}),
      };
      layers.push(c.convBnImpl === "fused" ? new FusedConv1D(args) : tf.layers.conv1d(args));
      layers.push(tf.layers.maxPooling1d({ poolSize: c.poolSizes[i], strides: c.poolSizes[i], padding: c.poolPadding, name: nameFor("max_pooling1d") }));
      layers.push(dropout(c.convDropout[i]));
    });
  const batchNorm = (): tf.layers.Layer => {
    const name = nameFor("batch_normalization");
    const momentum = c.batchNormMomentum;
    return c.convBnImpl === "fused" ? new FusedBatchNormalization({ name, momentum }) : tf.layers.batchNormalization({ name, momentum });
  };
  layers.push(batchNorm());
  const lstm = (returnSequences: boolean): tf.layers.Layer => {
    const lstmName = nameFor("lstm");
    const kernelInitializer = tf.initializers.glorotUniform({ seed: seedFor(`${lstmName}/kernel`) });
    const recurrentInitializer = new SeededOrthogonal({ seed: seedFor(`${lstmName}/recurrent_kernel`) });
    return c.lstmImpl === "fused"
      ? new FusedLstm({ units: c.lstmUnits, kernelInitializer, recurrentInitializer, unitForgetBias: true, returnSequences, name: lstmName })
      : tf.layers.lstm({
          units: c.lstmUnits,
          activation: "tanh",
          recurrentActivation: "sigmoid",
          unitForgetBias: true,
          kernelInitializer,
          recurrentInitializer,
          returnSequences,
          name: lstmName,
        });
  };
  const head = (): tf.layers.Layer[] => {
    const denseName = nameFor("dense");
    const dense = tf.layers.dense({
      units: c.denseUnits,
      activation: "relu",
      kernelInitializer: tf.initializers.glorotUniform({ seed: seedFor(denseName) }),
      name: denseName,
    });
    const drop = dropout(c.denseDropout);
    const outName = nameFor("dense");
    const out = tf.layers.dense({
      units: c.numClasses,
      activation: "softmax",
      kernelInitializer: tf.initializers.glorotUniform({ seed: seedFor(outName) }),
      name: outName,
    });
    return [dense, drop, out];
  };
  if (c.pooling === "last" && !c.bidirectional && c.lstmLayers === 1) {
    // The seed network's layer list, unchanged (a Sequential, as the Keras original).
    layers.push(lstm(false));
    layers.push(dropout(c.lstmDropout));
    layers.push(batchNorm());
    layers.push(...head());
    return tf.sequential({ layers, name: "cnn_lstm" });
  }
  // Pooled and/or bidirectional variants: the same front end and head, built with the functional API.
  const input = tf.input({ shape: c.inputShape, name: "input" });
  let x = input as tf.SymbolicTensor;
  for (const l of layers) x = l.apply(x) as tf.SymbolicTensor;
  // one (bi)directional LSTM layer over a sequence
  const recurrent = (inp: tf.SymbolicTensor, returnSequences: boolean): tf.SymbolicTensor => {
    const fwd = lstm(returnSequences).apply(inp) as tf.SymbolicTensor;
    if (!c.bidirectional) return fwd;
    const rev = new ReverseTime({ name: nameFor("reverse_time") }).apply(inp) as tf.SymbolicTensor;
    let back = lstm(returnSequences).apply(rev) as tf.SymbolicTensor;
    if (returnSequences) back = new ReverseTime({ name: nameFor("reverse_time") }).apply(back) as tf.SymbolicTensor;
    return tf.layers.concatenate({ axis: -1, name: nameFor("concatenate") }).apply([fwd, back]) as tf.SymbolicTensor;
  };
  let h = x;
  for (let l = 0; l < c.lstmLayers; l++) {
    const last = l === c.lstmLayers - 1;
    const out = recurrent(h, !last || c.pooling !== "last");
    // residual: a layer after the first adds its input (same width: units, or 2·units bidirectional)
    h = c.residual && l > 0 && !(last && c.pooling === "last") ? (tf.layers.add({ name: nameFor("add") }).apply([h, out]) as tf.SymbolicTensor) : out;
  }
  if (c.pooling === "mean") h = tf.layers.globalAveragePooling1d({ name: nameFor("global_average_pooling1d") }).apply(h) as tf.SymbolicTensor;
  else if (c.pooling === "attention")
    h = new AttentionPooling({ units: c.attentionUnits, seed: seedFor("attention_pooling"), name: nameFor("attention_pooling") }).apply(h) as tf.SymbolicTensor;
  h = dropout(c.lstmDropout).apply(h) as tf.SymbolicTensor;
  h = batchNorm().apply(h) as tf.SymbolicTensor;
  for (const l of head()) h = l.apply(h) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: h, name: "cnn_lstm" });
}
