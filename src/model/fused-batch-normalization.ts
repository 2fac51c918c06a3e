/**
 * BatchNormalization (Keras's, over the last axis) on TensorFlow's fused kernels, registered as
 * the tfjs kernel `SerBatchNormTrain`.
 *
 * tfjs-layers' `batchNormalization` runs about 65 ops per training step (moments, a composite
 * normalisation, its composite gradient). Here training is one `FusedBatchNormV3` forward and one
 * `FusedBatchNormGradV3` backward, plus the moving-average updates on [channels] vectors.
 * Semantics are Keras 3's: batch statistics in training (population variance), moving averages
 * `moving ← moving·momentum + batch·(1 − momentum)`, moving statistics at inference. Same weights,
 * in the same order, as `tf.layers.batchNormalization`: gamma, beta, moving_mean, moving_variance.
 * On a backend other than tfjs-node's `tensorflow` the layer computes the same function with tfjs ops.
 */
import * as tf from "@tensorflow/tfjs-node";
import type { LayerArgs } from "@tensorflow/tfjs-layers/dist/engine/topology";
import type { Kwargs } from "@tensorflow/tfjs-layers/dist/types";
import type { Initializer } from "@tensorflow/tfjs-layers/dist/initializers";
import type { LayerVariable } from "@tensorflow/tfjs-layers";
import { ParameterError } from "../util/errors";
import { assertInOpenRange, assertPositive } from "../util/validate";
import { nativeAttr, runNativeOp } from "./native-op";
import { serializeInitializer, toInitializer, type InitializerConfig } from "./initializer-config";

const KERNEL = "SerBatchNormTrain";

/** Options of {@link FusedBatchNormalization}; defaults are Keras's. */
export interface FusedBatchNormalizationArgs extends LayerArgs {
  /** Only -1 (the channel axis) is supported. */
  axis?: number;
  /** Momentum of the moving averages, in (0, 1). Default 0.99. */
  momentum?: number;
  /** Added to the variance, > 0. Default 1e-3. */
  epsilon?: number;
  gammaInitializer?: Initializer | InitializerConfig;
  betaInitializer?: Initializer | InitializerConfig;
  movingMeanInitializer?: Initializer | InitializerConfig;
  movingVarianceInitializer?: Initializer | InitializerConfig;
}

const bnAttrs = (epsilon: number) => [
  nativeAttr.type("T", "float32"),
  nativeAttr.type("U", "float32"),
  nativeAttr.float("epsilon", epsilon),
  nativeAttr.string("data_format", "NHWC"),
  nativeAttr.bool("is_training", true),
];

let registered = false;
function registerKernel(): void {
  if (registered) return;
  registered = true;
  tf.registerKernel({
    kernelName: KERNEL,
    backendName: "tensorflow",
    kernelFunc: ({ inputs, attrs }) => {
      const { x, gamma, beta } = inputs as unknown as { x: tf.Tensor; gamma: tf.Tensor; beta: tf.Tensor };
      const { epsilon } = attrs as unknown as { epsilon: number };
      return tf.tidy(() => {
        const C = x.shape[x.rank - 1];
        const x4 = tf.reshape(x, [x.size / C, 1, 1, C]);
        const empty = tf.zeros([0]);
        const [y, , , r1, r2, r3] = runNativeOp(
          "FusedBatchNormV3",
          [...bnAttrs(epsilon), nativeAttr.float("exponential_avg_factor", 1)],
          [x4, gamma, beta, empty, empty],
          6,
        );
        // On CPU reserve_space_1/2 are the batch mean and the population variance (what Keras uses).
        return [tf.reshape(y, x.shape), r1, r2, r3];
      }) as unknown as tf.TensorInfo[];
    },
  });
  tf.registerGradient({
    kernelName: KERNEL,
    inputsToSave: ["x", "gamma"],
    outputsToSave: [false, true, true, true],
    gradFunc: (dys: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs?: tf.NamedAttrMap) => {
      const dy = Array.isArray(dys) ? dys[0] : dys;
      const [x, gamma, r1, r2, r3] = saved;
      const { epsilon } = (attrs ?? {}) as { epsilon: number };
      const C = x.shape[x.rank - 1];
      const shape4 = [x.size / C, 1, 1, C];
      const [dx, dGamma, dBeta] = runNativeOp("FusedBatchNormGradV3", bnAttrs(epsilon), [tf.reshape(dy, shape4), tf.reshape(x, shape4), gamma, r1, r2, r3], 5);
      return { x: () => tf.reshape(dx, x.shape), gamma: () => dGamma, beta: () => dBeta };
    },
  });
}

/**
 * Keras-compatible BatchNormalization over the last axis, on fused native kernels; registered for
 * serialisation as `FusedBatchNormalization`.
 * @example const bn = new FusedBatchNormalization({ name: "batch_normalization" });
 */
export class FusedBatchNormalization extends tf.layers.Layer {
  /** @nocollapse */
  static className = "FusedBatchNormalization";
  readonly momentum: number;
  readonly epsilon: number;
  readonly gammaInitializer: Initializer;
  readonly betaInitializer: Initializer;
  readonly movingMeanInitializer: Initializer;
  readonly movingVarianceInitializer: Initializer;
  private gamma: LayerVariable | null = null;
  private beta: LayerVariable | null = null;
  private movingMean: LayerVariable | null = null;
  private movingVariance: LayerVariable | null = null;

  constructor(args: FusedBatchNormalizationArgs = {}) {
    super(args);
    if (args.axis !== undefined && args.axis !== -1) throw new ParameterError(`axis=${args.axis} is not supported by FusedBatchNormalization: only -1`);
    this.momentum = args.momentum ?? 0.99;
    this.epsilon = args.epsilon ?? 1e-3;
    assertInOpenRange("momentum", this.momentum, 0, 1);
    assertPositive("epsilon", this.epsilon);
    this.gammaInitializer = toInitializer(args.gammaInitializer, () => tf.initializers.ones());
    this.betaInitializer = toInitializer(args.betaInitializer, () => tf.initializers.zeros());
    this.movingMeanInitializer = toInitializer(args.movingMeanInitializer, () => tf.initializers.zeros());
    this.movingVarianceInitializer = toInitializer(args.movingVarianceInitializer, () => tf.initializers.ones());
    this.supportsMasking = true;
    registerKernel();
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const C = shape[shape.length - 1];
    if (C == null) throw new ParameterError(`FusedBatchNormalization: the channel dimension of input shape [${shape}] must be known`);
    this.gamma = this.addWeight("gamma", [C], "float32", this.gammaInitializer, undefined, true);
    this.beta = this.addWeight("beta", [C], "float32", this.betaInitializer, undefined, true);
    this.movingMean = this.addWeight("moving_mean", [C], "float32", this.movingMeanInitializer, undefined, false);
    this.movingVariance = this.addWeight("moving_variance", [C], "float32", this.movingVarianceInitializer, undefined, false);
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      if (!this.gamma || !this.beta || !this.movingMean || !this.movingVariance) throw new ParameterError("FusedBatchNormalization: call() before build()");
      const gamma = this.gamma.read();
      const beta = this.beta.read();
      if (kwargs["training"] !== true) {
        return tf.batchNorm(x, this.movingMean.read(), this.movingVariance.read(), beta, gamma, this.epsilon);
      }
      let y: tf.Tensor;
      let mean: tf.Tensor;
      let variance: tf.Tensor;
      if (tf.getBackend() === "tensorflow") {
        [y, mean, variance] = tf.engine().runKernel(KERNEL, { x, gamma, beta }, { epsilon: this.epsilon }) as tf.Tensor[];
      } else {
        const axes = Array.from({ length: x.rank - 1 }, (_, i) => i);
        ({ mean, variance } = tf.moments(x, axes));
        y = tf.batchNorm(x, mean, variance, beta, gamma, this.epsilon);
      }
      const m = this.momentum;
      this.movingMean.write(tf.add(tf.mul(this.movingMean.read(), m), tf.mul(mean, 1 - m)));
      this.movingVariance.write(tf.add(tf.mul(this.movingVariance.read(), m), tf.mul(variance, 1 - m)));
      return y;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      axis: -1,
      momentum: this.momentum,
      epsilon: this.epsilon,
      gammaInitializer: serializeInitializer(this.gammaInitializer),
      betaInitializer: serializeInitializer(this.betaInitializer),
      movingMeanInitializer: serializeInitializer(this.movingMeanInitializer),
      movingVarianceInitializer: serializeInitializer(this.movingVarianceInitializer),
    };
  }
}
tf.serialization.registerClass(FusedBatchNormalization);
