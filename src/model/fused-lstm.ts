/**
 * An LSTM layer whose whole sequence runs in one native TensorFlow kernel.
 *
 * tfjs-layers' `tf.layers.lstm` loops over time steps in JavaScript, a dozen small ops per step
 * forward and more backward, each with engine and tape overhead. {@link FusedLstm} calls
 * TensorFlow's fused CPU kernels instead, through tfjs-node's binding, with a `tf.customGrad`:
 * `BlockLSTMV2` (`tf.raw_ops.BlockLSTMV2`) runs the whole forward sequence in one op; the backward
 * pass runs TensorFlow's fused cell gradient `LSTMBlockCellGrad` per step plus one `MatMul`, and
 * the weight gradients as three large products (faster here than `BlockLSTMGradV2`; see
 * {@link lstmBackward}).
 *
 * Weights and maths are those of Keras's `LSTM` (and of tfjs-layers' `lstm` with
 * `recurrentActivation: "sigmoid"`): `kernel` [inputDim, 4·units], `recurrent_kernel`
 * [units, 4·units], `bias` [4·units], gates in the order i, f, c, o; activation tanh, recurrent
 * activation sigmoid, zero initial state. `BlockLSTMV2` uses exactly this layout ("IFCO", unlike
 * `BlockLSTM`'s "ICFO"), with `w = [kernel; recurrent_kernel]`, so no gate reordering is needed.
 * A model built with this layer and one built with `tf.layers.lstm` exchange weights with
 * `setWeights(other.getWeights())`.
 *
 * Not supported (throws or is absent): masking, stateful, goBackwards, dropout inside the cell,
 * peepholes, other activations. Needs the native `tensorflow` backend.
 */
import { randomInt } from "node:crypto";
import * as tf from "@tensorflow/tfjs-node";
import type { LayerArgs } from "@tensorflow/tfjs-layers/dist/engine/topology";
import type { Kwargs } from "@tensorflow/tfjs-layers/dist/types";
import type { Initializer } from "@tensorflow/tfjs-layers/dist/initializers";
import type { LayerVariable } from "@tensorflow/tfjs-layers";
import { ParameterError } from "../util/errors";
import { assertOneOf, assertPositiveInt } from "../util/validate";
import { nativeAttr, int64ScalarHandle, runNativeOp } from "./native-op";
import { SeededOrthogonal } from "./seeded-orthogonal";
import { serializeInitializer as serializeInit, toInitializer, type InitializerConfig } from "./initializer-config";

/** Options of {@link FusedLstm}. */
export interface FusedLstmArgs extends LayerArgs {
  /** Number of hidden units H, an integer ≥ 1. */
  units: number;
  /** Return the whole sequence [batch, T, H] instead of the last step [batch, H]. Default false. */
  returnSequences?: boolean;
  /** Initializer of `kernel`. Default glorotUniform (Keras's). */
  kernelInitializer?: Initializer | InitializerConfig;
  /** Initializer of `recurrent_kernel`. Default orthogonal (Keras's; {@link SeededOrthogonal} with a random seed). */
  recurrentInitializer?: Initializer | InitializerConfig;
  /** Initializer of `bias`. Default zeros. */
  biasInitializer?: Initializer | InitializerConfig;
  /** Add 1 to the forget gate's bias at initialisation (Keras's `unit_forget_bias`). Default true. */
  unitForgetBias?: boolean;
  /** Gradient implementation: "cell" (default; per-step LSTMBlockCellGrad, faster here) or "block" (BlockLSTMGradV2). */
  backward?: FusedLstmBackward;
  /** Fixed by the fused kernel: only "tanh" is accepted (Keras's default). */
  activation?: string;
  /** Fixed by the fused kernel: only "sigmoid" is accepted (Keras's default). */
  recurrentActivation?: string;
}

const LSTM_ATTRS = () => [nativeAttr.float("cell_clip", 0), nativeAttr.bool("use_peephole", false), nativeAttr.type("T", "float32")];
const LSTM_GRAD_ATTRS = () => [nativeAttr.bool("use_peephole", false), nativeAttr.type("T", "float32")];

/** Columns of a [rows, 4H] gate matrix from Keras's i, f, c, o order to LSTMBlockCell's i, c, f, o (an involution). */
function swapFc(m: tf.Tensor, axis: number): tf.Tensor {
  const [gi, gf, gc, go] = tf.split(m, 4, axis);
  return tf.concat([gi, gc, gf, go], axis);
}

function matMul(a: tf.Tensor, b: tf.Tensor, transposeA: boolean, transposeB: boolean): tf.Tensor {
  // The "MatMul" op (oneDNN on x86) is several times faster than tfjs's BatchMatMulV2 for the
  // small per-step products here.
  return runNativeOp(
    "MatMul",
    [nativeAttr.type("T", "float32"), nativeAttr.bool("transpose_a", transposeA), nativeAttr.bool("transpose_b", transposeB)],
    [a, b],
    1,
  )[0];
}

/**
 * Backpropagation through time for {@link fusedLstmSequence}, from the gate activations
 * BlockLSTMV2 saved. Per step, TensorFlow's fused elementwise `LSTMBlockCellGrad` and one small
 * `MatMul` (the recurrence); the weight and input gradients are three large products at the end.
 * Measured here faster than `BlockLSTMGradV2` (whose per-step products use Eigen's thread pool):
 * 6.9 vs 10.1 ms for batch 64, 48 steps, 64 units. Gates of LSTMBlockCellGrad are in i, c, f, o
 * order, so the weights are reordered once and the gradients back at the end.
 */
function lstmBackward(dy: tf.Tensor, saved: tf.Tensor[], returnSequences: boolean): tf.Tensor[] {
  const [xt, kernel, recurrentKernel, , i, cs, f, o, ci, co, h] = saved;
  const [T, B, I] = xt.shape as [number, number, number];
  const H = recurrentKernel.shape[0];
  const unstack = (t: tf.Tensor) =>
    T === 1 ? [tf.reshape(t, [B, H])] : runNativeOp("Unpack", [nativeAttr.type("T", "float32"), nativeAttr.int("num", T), nativeAttr.int("axis", 0)], [t], T);
  const [iS, csS, fS, oS, ciS, coS] = [i, cs, f, o, ci, co].map(unstack);
  const dyS = returnSequences ? unstack(tf.transpose(dy, [1, 0, 2])) : null;
  const kIcfo = swapFc(kernel, 1);
  const rIcfo = swapFc(recurrentKernel, 1);
  // Shape-only inputs of LSTMBlockCellGrad (it reads the sizes of x, h_prev and w, not their values).
  const x0 = tf.zeros([B, I]);
  const zBH = tf.zeros([B, H]);
  const zH = tf.zeros([H]);
  const w0 = tf.zeros([I + H, 4 * H]);
  const b0 = tf.zeros([4 * H]);
  const attrs = LSTM_GRAD_ATTRS();
  const dGates: tf.Tensor[] = new Array(T);
  let hGrad = dyS ? dyS[T - 1] : dy;
  let csGrad = zBH;
  for (let t = T - 1; t >= 0; t--) {
    const csPrev = t > 0 ? csS[t - 1] : zBH;
    const g = runNativeOp("LSTMBlockCellGrad", attrs, [x0, csPrev, zBH, w0, zH, zH, zH, b0, iS[t], csS[t], fS[t], oS[t], ciS[t], coS[t], csGrad, hGrad], 5);
    csGrad = g[0];
    dGates[t] = g[1];
    if (t > 0) {
      hGrad = matMul(g[1], rIcfo, false, true);
      if (dyS) hGrad = tf.add(hGrad, dyS[t - 1]);
    }
  }
  const dG = tf.reshape(T === 1 ? dGates[0] : tf.stack(dGates), [T * B, 4 * H]); // i, c, f, o
  const X = tf.reshape(xt, [T * B, I]);
  const hPrev = T === 1 ? tf.zeros([B, H]) : tf.reshape(tf.concat([tf.zeros([1, B, H]), tf.slice(h, [0, 0, 0], [T - 1, B, H])], 0), [T * B, H]);
  const kGrad = swapFc(matMul(X, dG, true, false), 1);
  const rGrad = swapFc(matMul(hPrev, dG, true, false), 1);
  const bGrad = swapFc(tf.sum(dG, 0), 0);
  const xGrad = tf.transpose(tf.reshape(matMul(dG, kIcfo, false, true), [T, B, I]), [1, 0, 2]);
  return [xGrad, kGrad, rGrad, bGrad];
}

/** Backpropagation through time with TensorFlow's whole-sequence `BlockLSTMGradV2`. */
function lstmBackwardBlock(dy: tf.Tensor, saved: tf.Tensor[], returnSequences: boolean): tf.Tensor[] {
  const [xt, kernel, recurrentKernel, bias, ...outs] = saved;
  const [T, B, I] = xt.shape as [number, number, number];
  const H = recurrentKernel.shape[0];
  const w = tf.concat([kernel, recurrentKernel], 0);
  const zBH = tf.zeros([B, H]);
  const zH = tf.zeros([H]);
  const hGrad = returnSequences
    ? tf.transpose(dy, [1, 0, 2])
    : T === 1
      ? tf.reshape(dy, [1, B, H])
      : tf.concat([tf.zeros([T - 1, B, H]), tf.reshape(dy, [1, B, H])], 0);
  const g = runNativeOp(
    "BlockLSTMGradV2",
    LSTM_GRAD_ATTRS(),
    [{ nativeHandle: int64ScalarHandle(T) }, xt, zBH, zBH, w, zH, zH, zH, bias, ...outs, tf.zeros([T, B, H]), hGrad],
    8,
  );
  return [tf.transpose(g[0], [1, 0, 2]), tf.slice(g[3], [0, 0], [I, 4 * H]), tf.slice(g[3], [I, 0], [H, 4 * H]), g[7]];
}

/** How {@link fusedLstmSequence} computes gradients: per-step `LSTMBlockCellGrad` (default) or `BlockLSTMGradV2`. */
export type FusedLstmBackward = "cell" | "block";

/**
 * The LSTM over a whole batch of sequences in one fused TensorFlow kernel, differentiable with
 * respect to every input (through `BlockLSTMGradV2`).
 * @param x input [batch, T, inputDim]
 * @param kernel [inputDim, 4H], gates i, f, c, o (Keras layout)
 * @param recurrentKernel [H, 4H]
 * @param bias [4H]
 * @param returnSequences true: all hidden states [batch, T, H]; false: the last one [batch, H]
 * @param backward gradient implementation, "cell" (default, faster here) or "block"
 * @returns hidden states, float32
 * @example const h = fusedLstmSequence(x, k, r, b, false);  // same as tf.layers.lstm({ units: H, recurrentActivation: "sigmoid" })
 */
export function fusedLstmSequence(
  x: tf.Tensor,
  kernel: tf.Tensor,
  recurrentKernel: tf.Tensor,
  bias: tf.Tensor,
  returnSequences: boolean,
  backward: FusedLstmBackward = "cell",
): tf.Tensor {
  if (x.rank !== 3) throw new ParameterError(`fusedLstmSequence: x has shape [${x.shape}], expected [batch, timesteps, features]`);
  const [B, T, I] = x.shape as [number, number, number];
  const H = recurrentKernel.shape[0];
  if (kernel.shape[0] !== I || kernel.shape[1] !== 4 * H || recurrentKernel.shape[1] !== 4 * H || bias.shape[0] !== 4 * H) {
    throw new ParameterError(
      `fusedLstmSequence: kernel [${kernel.shape}], recurrentKernel [${recurrentKernel.shape}], bias [${bias.shape}] ` +
        `do not fit input features ${I} and units ${H}`,
    );
  }
  if (T === 0) throw new ParameterError("fusedLstmSequence: the sequence has 0 time steps");
  const seqLen = { nativeHandle: int64ScalarHandle(T) };
  const f = tf.customGrad((...args: (tf.Tensor | ((t: tf.Tensor[]) => void))[]) => {
    const [xx, k, r, b] = args as tf.Tensor[];
    const save = args[4] as (t: tf.Tensor[]) => void;
    const xt = tf.transpose(xx, [1, 0, 2]); // [T, B, I]
    const w = tf.concat([k, r], 0); // [I + H, 4H]
    const zBH = tf.zeros([B, H]);
    const zH = tf.zeros([H]);
    const outs = runNativeOp("BlockLSTMV2", LSTM_ATTRS(), [seqLen, xt, zBH, zBH, w, zH, zH, zH, b], 7);
    const h = outs[6]; // [T, B, H]
    const value = returnSequences ? tf.transpose(h, [1, 0, 2]) : tf.reshape(tf.slice(h, [T - 1, 0, 0], [1, B, H]), [B, H]);
    save([xt, k, r, b, ...outs]);
    const gradFunc = (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]): tf.Tensor[] =>
      tf.tidy(() => (backward === "block" ? lstmBackwardBlock : lstmBackward)(Array.isArray(dy) ? dy[0] : dy, saved, returnSequences));
    return { value, gradFunc };
  });
  return f(x, kernel, recurrentKernel, bias);
}

/**
 * Keras-compatible LSTM layer running TensorFlow's fused kernel; registered for serialisation as
 * `FusedLSTM`, so saved models load back (after this module is imported).
 * @example
 * const lstm = new FusedLstm({ units: 64, name: "lstm" });
 * const y = lstm.apply(tf.input({ shape: [48, 64] }));  // SymbolicTensor [null, 64]
 */
export class FusedLstm extends tf.layers.Layer {
  /** @nocollapse */
  static className = "FusedLSTM";
  readonly units: number;
  readonly returnSequences: boolean;
  readonly unitForgetBias: boolean;
  readonly backward: FusedLstmBackward;
  readonly kernelInitializer: Initializer;
  readonly recurrentInitializer: Initializer;
  readonly biasInitializer: Initializer;
  private kernel: LayerVariable | null = null;
  private recurrentKernel: LayerVariable | null = null;
  private bias: LayerVariable | null = null;

  constructor(args: FusedLstmArgs) {
    super(args);
    assertPositiveInt("units", args.units);
    if (args.activation !== undefined && args.activation !== "tanh") {
      throw new ParameterError(`activation=${JSON.stringify(args.activation)} is not supported by FusedLstm: only "tanh"`);
    }
    if (args.recurrentActivation !== undefined && args.recurrentActivation !== "sigmoid") {
      throw new ParameterError(`recurrentActivation=${JSON.stringify(args.recurrentActivation)} is not supported by FusedLstm: only "sigmoid"`);
    }
    this.units = args.units;
    this.returnSequences = args.returnSequences ?? false;
    this.unitForgetBias = args.unitForgetBias ?? true;
    this.backward = args.backward ?? "cell";
    assertOneOf("backward", this.backward, ["cell", "block"]);
    this.kernelInitializer = toInitializer(args.kernelInitializer, () => tf.initializers.glorotUniform({}));
    this.recurrentInitializer = toInitializer(
      args.recurrentInitializer,
      () => new SeededOrthogonal({ seed: randomInt(2 ** 31 - 1) }) as unknown as Initializer,
    );
    this.biasInitializer = toInitializer(args.biasInitializer, () => tf.initializers.zeros());
    this.inputSpec = [{ ndim: 3 }];
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const inputDim = shape[shape.length - 1];
    if (inputDim == null) throw new ParameterError(`FusedLstm: the feature dimension of input shape [${shape}] must be known`);
    const H = this.units;
    this.kernel = this.addWeight("kernel", [inputDim, 4 * H], "float32", this.kernelInitializer, undefined, true);
    this.recurrentKernel = this.addWeight("recurrent_kernel", [H, 4 * H], "float32", this.recurrentInitializer, undefined, true);
    const biasInit = this.biasInitializer;
    const forgetBias = this.unitForgetBias;
    const composite = {
      apply: (s: number[], dtype?: tf.DataType): tf.Tensor =>
        tf.tidy(() => {
          const b0 = biasInit.apply(s, dtype);
          if (!forgetBias) return b0;
          const ones = tf.concat([tf.zeros([H]), tf.ones([H]), tf.zeros([2 * H])]);
          return tf.add(b0, ones);
        }),
    } as unknown as Initializer;
    this.bias = this.addWeight("bias", [4 * H], "float32", composite, undefined, true);
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return this.returnSequences ? [shape[0], shape[1], this.units] : [shape[0], this.units];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      if (kwargs["mask"] != null) throw new ParameterError("FusedLstm does not support masking");
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      if (!this.kernel || !this.recurrentKernel || !this.bias) throw new ParameterError("FusedLstm: call() before build()");
      return fusedLstmSequence(x, this.kernel.read(), this.recurrentKernel.read(), this.bias.read(), this.returnSequences, this.backward);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      units: this.units,
      returnSequences: this.returnSequences,
      unitForgetBias: this.unitForgetBias,
      backward: this.backward,
      kernelInitializer: serializeInit(this.kernelInitializer),
      recurrentInitializer: serializeInit(this.recurrentInitializer),
      biasInitializer: serializeInit(this.biasInitializer),
      activation: "tanh",
      recurrentActivation: "sigmoid",
    };
  }
}
tf.serialization.registerClass(FusedLstm);
