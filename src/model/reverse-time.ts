/**
 * Reverses the time axis, serialisable as `ReverseTime`: `[batch, T, F] → [batch, T, F]` with step t
 * taken from step T − 1 − t. With a forward LSTM after it, this is the backward half of a
 * bidirectional LSTM (Keras's `Bidirectional`, whose backward layer reads the reversed sequence and
 * whose sequence output is reversed back).
 */
import * as tf from "@tensorflow/tfjs-node";

/** `[batch, T, F]` reversed along T. */
export class ReverseTime extends tf.layers.Layer {
  /** @nocollapse */
  static className = "ReverseTime";

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => tf.reverse(Array.isArray(inputs) ? inputs[0] : inputs, 1));
  }
}
tf.serialization.registerClass(ReverseTime);
