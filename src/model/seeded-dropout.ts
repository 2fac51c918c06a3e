/**
 * Dropout with a seed that makes training repeatable, serialisable as `SeededDropout`.
 *
 * Why not `tf.layers.dropout({ seed })`: tfjs-layers passes the same seed to every call, so each
 * batch gets the same mask; and its masks are drawn in JavaScript (about a million numbers per
 * batch for the seed network). Here the mask of the k-th training call is TensorFlow's native
 * `StatelessRandomUniform` with seed `(seed, k)`: a fresh mask per batch, repeatable from run to
 * run, drawn by the Philox generator in C++. Inference (training false) is the identity, as Keras.
 */
import * as tf from "@tensorflow/tfjs-node";
import type { LayerArgs } from "@tensorflow/tfjs-layers/dist/engine/topology";
import type { Kwargs } from "@tensorflow/tfjs-layers/dist/types";
import { ParameterError } from "../util/errors";
import { assertFinite } from "../util/validate";
import { nativeAttr, runNativeOp } from "./native-op";

/** Options of {@link SeededDropout}. */
export interface SeededDropoutArgs extends LayerArgs {
  /** Fraction of inputs to drop, in [0, 1). Keras's `rate`. */
  rate: number;
  /** Seed of the mask stream; an integer in [-2^31, 2^31). */
  seed: number;
}

/**
 * `x · mask / (1 − rate)` with a Bernoulli(1 − rate) mask, in training only.
 * @example tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [3] }), new SeededDropout({ rate: 0.2, seed: 7 })] })
 */
export class SeededDropout extends tf.layers.Layer {
  /** @nocollapse */
  static className = "SeededDropout";
  readonly rate: number;
  readonly seed: number;
  /** How many training calls have drawn a mask (the second half of the stateless seed). */
  step = 0;

  constructor(args: SeededDropoutArgs) {
    super(args);
    if (!(args.rate >= 0 && args.rate < 1)) throw new ParameterError(`rate=${args.rate} must lie in the range [0, 1)`);
    assertFinite("seed", args.seed);
    if (!Number.isInteger(args.seed) || args.seed < -(2 ** 31) || args.seed >= 2 ** 31) {
      throw new ParameterError(`seed=${args.seed} must be an integer in [-2^31, 2^31)`);
    }
    this.rate = args.rate;
    this.seed = args.seed;
    this.supportsMasking = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      this.invokeCallHook(inputs, kwargs);
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      if (kwargs["training"] !== true || this.rate === 0) return x;
      const keep = 1 - this.rate;
      const shape = tf.tensor1d(x.shape, "int32");
      const seed = tf.tensor1d([this.seed, this.step++], "int32");
      const [u] = runNativeOp(
        "StatelessRandomUniform",
        [nativeAttr.type("dtype", "float32"), nativeAttr.type("T", "int32"), nativeAttr.type("Tseed", "int32")],
        [shape, seed],
        1,
      );
      const mask = tf.div(tf.floor(tf.add(u, keep)), keep);
      return tf.mul(x, mask);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed };
  }
}
tf.serialization.registerClass(SeededDropout);
