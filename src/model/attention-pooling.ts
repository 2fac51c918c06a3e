/**
 * Soft attention pooling over time (Bahdanau-style additive scores), serialisable as
 * `AttentionPooling`: a learned weighted mean of all time steps instead of the last state.
 *
 * For inputs h [batch, T, H]: `e_t = v · tanh(W h_t + b)`, `α = softmax_t(e)`, output `Σ_t α_t h_t`
 * [batch, H]. Weights: `kernel` W [H, units] (glorot-uniform), `bias` b [units] (zeros), `context`
 * v [units, 1] (glorot-uniform). Used by ResLSTM-SA (Krasnoproshin & Vashkevich, 2026) and most
 * recurrent SER models since Mirsamadi et al. (ICASSP 2017).
 */
import * as tf from "@tensorflow/tfjs-node";
import type { LayerArgs } from "@tensorflow/tfjs-layers/dist/engine/topology";
import type { LayerVariable } from "@tensorflow/tfjs-layers";
import { assertPositiveInt } from "../util/validate";
import { ParameterError } from "../util/errors";

/** Options of {@link AttentionPooling}. */
export interface AttentionPoolingArgs extends LayerArgs {
  /** Size of the score network's hidden layer, integer ≥ 1. */
  units: number;
  /** Seed of the glorot-uniform initialisers (repeatable weights). */
  seed?: number;
}

/**
 * `[batch, T, H] → [batch, H]`: the attention-weighted mean of the time steps.
 * @example tf.sequential({ layers: [tf.layers.lstm({ units: 8, returnSequences: true, inputShape: [10, 4] }), new AttentionPooling({ units: 16 })] })
 */
export class AttentionPooling extends tf.layers.Layer {
  /** @nocollapse */
  static className = "AttentionPooling";
  readonly units: number;
  readonly seed: number | undefined;
  private kernel!: LayerVariable;
  private bias!: LayerVariable;
  private context!: LayerVariable;

  constructor(args: AttentionPoolingArgs) {
    super(args);
    assertPositiveInt("units", args.units);
    this.units = args.units;
    this.seed = args.seed;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const s = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    if (s.length !== 3) throw new ParameterError(`AttentionPooling needs inputs [batch, T, H], got [${s}]`);
    const h = s[2] as number;
    this.kernel = this.addWeight("kernel", [h, this.units], "float32", tf.initializers.glorotUniform({ seed: this.seed }));
    this.bias = this.addWeight("bias", [this.units], "float32", tf.initializers.zeros());
    this.context = this.addWeight("context", [this.units, 1], "float32", tf.initializers.glorotUniform({ seed: this.seed === undefined ? undefined : this.seed + 1 }));
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [s[0], s[2]];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      const [b, t, h] = x.shape;
      const flat = tf.reshape(x, [b * t, h]);
      const hidden = tf.tanh(tf.add(tf.matMul(flat, this.kernel.read()), this.bias.read()));
      const scores = tf.reshape(tf.matMul(hidden, this.context.read()), [b, t]);
      const alpha = tf.softmax(scores, 1);
      return tf.sum(tf.mul(x, tf.expandDims(alpha, 2)), 1);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units, ...(this.seed === undefined ? {} : { seed: this.seed }) };
  }
}
tf.serialization.registerClass(AttentionPooling);
