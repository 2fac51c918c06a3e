/**
 * A Conv1D layer (Keras's `Conv1D`, stride 1, no dilation) whose forward and backward passes are
 * a handful of native TensorFlow ops, registered as the tfjs kernel `SerConv1D`.
 *
 * tfjs-layers' `conv1d` with a ReLU runs about 26 ops per training step (reshapes, a broadcast
 * add for the bias, a reduction for its gradient, the six-op `step` for the ReLU gradient);
 * here: `Conv2D`, `BiasAdd`, `Relu` forward and `ReluGrad`, `BiasAddGrad`,
 * `Conv2DBackpropFilter`, `Conv2DBackpropInput` backward (the input gradient only when some
 * variable needs it), plus free reshapes. Same weights as `tf.layers.conv1d` and Keras:
 * `kernel` [kernelSize, inputChannels, filters], `bias` [filters]. On a backend other than
 * tfjs-node's `tensorflow` the layer computes the same function with tfjs ops.
 */
import * as tf from "@tensorflow/tfjs-node";
import type { LayerArgs } from "@tensorflow/tfjs-layers/dist/engine/topology";
import type { Kwargs } from "@tensorflow/tfjs-layers/dist/types";
import type { Initializer } from "@tensorflow/tfjs-layers/dist/initializers";
import type { LayerVariable } from "@tensorflow/tfjs-layers";
import { ParameterError } from "../util/errors";
import { assertOneOf, assertPositiveInt } from "../util/validate";
import { nativeAttr, runNativeOp, type NativeOpAttr } from "./native-op";
import { serializeInitializer, toInitializer, type InitializerConfig } from "./initializer-config";

const KERNEL = "SerConv1D";

/** Options of {@link FusedConv1D}. */
export interface FusedConv1DArgs extends LayerArgs {
  /** Number of output channels, integer ≥ 1. */
  filters: number;
  /** Width of the kernel, integer ≥ 1. */
  kernelSize: number | [number];
  /** "same" (output length = input length) or "valid". Default "valid" (Keras's). */
  padding?: "same" | "valid";
  /** "relu" or "linear". Default "linear" (Keras's). */
  activation?: "relu" | "linear";
  /** Initializer of `kernel`. Default glorotUniform. */
  kernelInitializer?: Initializer | InitializerConfig;
  /** Initializer of `bias`. Default zeros. */
  biasInitializer?: Initializer | InitializerConfig;
  /** Only 1 is supported (Keras's default). */
  strides?: number | [number];
  /** Only 1 is supported (Keras's default). */
  dilationRate?: number | [number];
}

function convAttrs(padding: string): NativeOpAttr[] {
  return [
    nativeAttr.type("T", "float32"),
    nativeAttr.ints("strides", [1, 1, 1, 1]),
    nativeAttr.string("padding", padding === "same" ? "SAME" : "VALID"),
    nativeAttr.string("data_format", "NHWC"),
    nativeAttr.ints("dilations", [1, 1, 1, 1]),
  ];
}

let registered = false;
function registerKernel(): void {
  if (registered) return;
  registered = true;
  tf.registerKernel({
    kernelName: KERNEL,
    backendName: "tensorflow",
    kernelFunc: ({ inputs, attrs }) => {
      const { x, kernel, bias } = inputs as unknown as { x: tf.Tensor; kernel: tf.Tensor; bias: tf.Tensor };
      const { padding, activation } = attrs as unknown as { padding: string; activation: string };
      return tf.tidy(() => {
        const [B, T, C] = x.shape;
        const [K, , F] = kernel.shape;
        const x4 = tf.reshape(x, [B, 1, T, C]);
        const k4 = tf.reshape(kernel, [1, K, C, F]);
        const [conv] = runNativeOp("Conv2D", convAttrs(padding), [x4, k4], 1);
        let [y] = runNativeOp("BiasAdd", [nativeAttr.type("T", "float32"), nativeAttr.string("data_format", "NHWC")], [conv, bias], 1);
        if (activation === "relu") [y] = runNativeOp("Relu", [nativeAttr.type("T", "float32")], [y], 1);
        return tf.reshape(y, [B, y.shape[2] as number, F]);
      }) as unknown as tf.TensorInfo;
    },
  });
  tf.registerGradient({
    kernelName: KERNEL,
    inputsToSave: ["x", "kernel"],
    outputsToSave: [true],
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs?: tf.NamedAttrMap) => {
      const d = Array.isArray(dy) ? dy[0] : dy;
      const [x, kernel, y] = saved;
      const { padding, activation } = (attrs ?? {}) as { padding: string; activation: string };
      const [B, T, C] = x.shape;
      const [K, , F] = kernel.shape;
      // Shared by the three gradients (computed once, in the backward pass's scope).
      const g = activation === "relu" ? runNativeOp("ReluGrad", [nativeAttr.type("T", "float32")], [d, y], 1)[0] : d;
      const g4 = tf.reshape(g, [B, 1, g.shape[1] as number, F]);
      const x4 = tf.reshape(x, [B, 1, T, C]);
      const k4 = tf.reshape(kernel, [1, K, C, F]);
      return {
        x: () => tf.reshape(runNativeOp("Conv2DBackpropInput", convAttrs(padding), [tf.tensor1d([B, 1, T, C], "int32"), k4, g4], 1)[0], [B, T, C]),
        kernel: () => tf.reshape(runNativeOp("Conv2DBackpropFilter", convAttrs(padding), [x4, tf.tensor1d([1, K, C, F], "int32"), g4], 1)[0], [K, C, F]),
        bias: () => runNativeOp("BiasAddGrad", [nativeAttr.type("T", "float32"), nativeAttr.string("data_format", "NHWC")], [g], 1)[0],
      };
    },
  });
}

/**
 * Keras-compatible Conv1D on fused native kernels; registered for serialisation as `FusedConv1D`.
 * @example const conv = new FusedConv1D({ filters: 128, kernelSize: 5, padding: "same", activation: "relu", inputShape: [195, 1] });
 */
export class FusedConv1D extends tf.layers.Layer {
  /** @nocollapse */
  static className = "FusedConv1D";
  readonly filters: number;
  readonly kernelSize: number;
  readonly padding: "same" | "valid";
  readonly activation: "relu" | "linear";
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  private kernel: LayerVariable | null = null;
  private bias: LayerVariable | null = null;

  constructor(args: FusedConv1DArgs) {
    super(args);
    assertPositiveInt("filters", args.filters);
    this.filters = args.filters;
    this.kernelSize = Array.isArray(args.kernelSize) ? args.kernelSize[0] : args.kernelSize;
    assertPositiveInt("kernelSize", this.kernelSize);
    this.padding = args.padding ?? "valid";
    assertOneOf("padding", this.padding, ["same", "valid"]);
    this.activation = args.activation ?? "linear";
    assertOneOf("activation", this.activation, ["relu", "linear"]);
    for (const [name, v] of [
      ["strides", args.strides],
      ["dilationRate", args.dilationRate],
    ] as const) {
      const n = Array.isArray(v) ? v[0] : v;
      if (n !== undefined && n !== 1) throw new ParameterError(`${name}=${JSON.stringify(v)} is not supported by FusedConv1D: only 1`);
    }
    this.kernelInitializer = toInitializer(args.kernelInitializer, () => tf.initializers.glorotUniform({}));
    this.biasInitializer = toInitializer(args.biasInitializer, () => tf.initializers.zeros());
    this.inputSpec = [{ ndim: 3 }];
    registerKernel();
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const channels = shape[shape.length - 1];
    if (channels == null) throw new ParameterError(`FusedConv1D: the channel dimension of input shape [${shape}] must be known`);
    this.kernel = this.addWeight("kernel", [this.kernelSize, channels, this.filters], "float32", this.kernelInitializer, undefined, true);
    this.bias = this.addWeight("bias", [this.filters], "float32", this.biasInitializer, undefined, true);
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const t = shape[1];
    const out = t == null ? null : this.padding === "same" ? t : t - this.kernelSize + 1;
    return [shape[0], out, this.filters];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      if (!this.kernel || !this.bias) throw new ParameterError("FusedConv1D: call() before build()");
      const kernel = this.kernel.read();
      const bias = this.bias.read();
      if (tf.getBackend() !== "tensorflow") {
        const y = tf.add(tf.conv1d(x as tf.Tensor3D, kernel as tf.Tensor3D, 1, this.padding), bias);
        return this.activation === "relu" ? tf.relu(y) : y;
      }
      return tf.engine().runKernel(KERNEL, { x, kernel, bias }, { padding: this.padding, activation: this.activation }) as tf.Tensor;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernelSize: this.kernelSize,
      padding: this.padding,
      activation: this.activation,
      kernelInitializer: serializeInitializer(this.kernelInitializer),
      biasInitializer: serializeInitializer(this.biasInitializer),
    };
  }
}
tf.serialization.registerClass(FusedConv1D);
