/**
 * Soft attention pooling over time (Bahdanau-style additive scores), serialisable as
 * `AttentionPooling`: a learned weighted mean of all time steps instead of the last state.
 *
 * For inputs h [batch, T, H]: `e_t = v · tanh(W h_t + b)`, `α = softmax_t(e)`, output `Σ_t α_t h_t`
 * [batch, H]. Weights: `kernel` W [H, units] (glorot-uniform), `bias` b [units] (zeros), `context`
 * v [units, 1] (glorot-uniform). Used by ResLSTM-SA (Krasnoproshin & Vashkevich, 2026) and most
 * recurrent SER models since Mirsamadi et al. (ICASSP 2017).
 *
 * Speed: the layer is one `tf.customGrad` ({@link attentionPool}) whose backward pass is the
 * gradient tfjs's autodiff would compute from the same ops, op for op, minus the steps that cannot
 * change a number (`Sum`'s gradient multiplies by a tensor of ones; here the broadcast does it),
 * and with one tape entry instead of ten: the same values, bit for bit
 * (test/model/attention-pooling.test.ts), in about half the time of autodiff.
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

/** The forward ops of attention pooling, with what its gradient needs. */
function attentionForward(x: tf.Tensor3D, kernel: tf.Tensor2D, bias: tf.Tensor1D, context: tf.Tensor2D) {
  const [b, t, h] = x.shape;
  const flat = tf.reshape(x, [b * t, h]) as tf.Tensor2D;
  const hidden = tf.tanh(tf.add(tf.matMul(flat, kernel), bias)) as tf.Tensor2D; // [b·t, units]
  const scores = tf.reshape(tf.matMul(hidden, context), [b, t]);
  const alpha = tf.softmax(scores, 1); // [b, t]
  const weights = tf.expandDims(alpha, 2); // [b, t, 1]
  return { value: tf.sum(tf.mul(x, weights), 1) as tf.Tensor2D, flat, hidden, alpha, weights };
}

/**
 * Attention pooling `Σ_t softmax_t(v · tanh(W h_t + b)) h_t`, differentiable in all four inputs.
 * The backward pass repeats tfjs's autodiff of {@link attentionForward} (the gradients of Sum, Mul,
 * ExpandDims, Softmax, Reshape, MatMul, Tanh and Add in tfjs-core, in their order and with their
 * operands), without the multiplications by ones: identical numbers, fewer ops and tape entries.
 * @param x hidden states [batch, T, H]
 * @param kernel W [H, units]
 * @param bias b [units]
 * @param context v [units, 1]
 * @returns [batch, H]
 * @example attentionPool(tf.ones([2, 5, 3]), tf.ones([3, 4]), tf.zeros([4]), tf.ones([4, 1]))  // [[1, 1, 1], [1, 1, 1]]
 */
export function attentionPool(x: tf.Tensor3D, kernel: tf.Tensor2D, bias: tf.Tensor1D, context: tf.Tensor2D): tf.Tensor2D {
  const f = tf.customGrad((...args: (tf.Tensor | ((t: tf.Tensor[]) => void))[]) => {
    const [xx, k, bb, v] = args as [tf.Tensor3D, tf.Tensor2D, tf.Tensor1D, tf.Tensor2D];
    const save = args[4] as (t: tf.Tensor[]) => void;
    const { value, flat, hidden, alpha, weights } = attentionForward(xx, k, bb, v);
    save([xx, k, v, flat, hidden, alpha, weights]);
    const gradFunc = (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]): tf.Tensor[] =>
      tf.tidy(() => {
        const [x0, k0, v0, flat0, hidden0, alpha0, weights0] = saved as [
          tf.Tensor3D,
          tf.Tensor2D,
          tf.Tensor2D,
          tf.Tensor2D,
          tf.Tensor2D,
          tf.Tensor2D,
          tf.Tensor3D,
        ];
        const [b, t, h] = x0.shape;
        // Sum over t: dy broadcast over t (autodiff: reshape, then × ones([b, t, h])).
        const dySum = tf.reshape(Array.isArray(dy) ? dy[0] : dy, [b, 1, h]);
        // Mul(x, weights): d x = dy · weights; d weights = Σ_h dy · x.
        const dxPooled = tf.mul(dySum, weights0);
        const dAlpha = tf.sum(tf.mul(dySum, x0), [2]); // [b, t] (ExpandDims' gradient: a reshape)
        // Softmax over t.
        const dyTimesY = tf.mul(dAlpha, alpha0);
        const dScores = tf.reshape(tf.sub(dyTimesY, tf.mul(tf.sum(dyTimesY, [1], true), alpha0)), [b * t, 1]);
        // MatMul(hidden, context).
        const dHidden = tf.matMul(dScores, v0, false, true);
        const dContext = tf.matMul(hidden0, dScores, true, false);
        // Tanh, then Add(·, bias).
        const dPre = tf.mul(tf.sub(tf.scalar(1), tf.square(hidden0)), dHidden) as tf.Tensor2D;
        const dBias = tf.sum(dPre, [0]);
        // MatMul(flat, kernel), then Reshape(x).
        const dFlat = tf.matMul(dPre, k0, false, true);
        const dKernel = tf.matMul(flat0, dPre, true, false);
        return [tf.add(dxPooled, tf.reshape(dFlat, [b, t, h])), dKernel, dBias, dContext];
      });
    return { value, gradFunc };
  });
  return f(x, kernel, bias, context) as tf.Tensor2D;
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
    this.context = this.addWeight(
      "context",
      [this.units, 1],
      "float32",
      tf.initializers.glorotUniform({ seed: this.seed === undefined ? undefined : this.seed + 1 }),
    );
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [s[0], s[2]];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      if (x.rank !== 3) throw new ParameterError(`AttentionPooling needs inputs [batch, T, H], got [${x.shape}]`);
      return attentionPool(x, this.kernel.read() as tf.Tensor2D, this.bias.read() as tf.Tensor1D, this.context.read() as tf.Tensor2D);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units, ...(this.seed === undefined ? {} : { seed: this.seed }) };
  }
}
tf.serialization.registerClass(AttentionPooling);
