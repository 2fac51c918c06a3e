/**
 * The toolkit's own layers in a portable form: pure tfjs-layers layers (tfjs-core ops only, any
 * backend, no native code), registered with `tf.serialization` on import, so that plain
 * `@tensorflow/tfjs` loads an exported model that uses them (in a browser, or in Node without
 * tfjs-node). `ser export` writes the trained model's layers as these (src/export/layer-map.ts);
 * they are for inference: same math, same weights layout, zeros initializers (the weights are
 * loaded right after the model is built).
 *
 * | trained layer (src/model/)   | portable layer             | weights                                  |
 * | ---------------------------- | -------------------------- | ---------------------------------------- |
 * | `AttentionPooling`           | `PortableAttentionPooling` | kernel [H, units], bias [units], context [units, 1] |
 * | `ReverseTime`                | `PortableReverseTime`      | none                                     |
 *
 * The class names differ from the trained layers' so both can be registered in one process (the
 * exporter runs on tfjs-node with the trained layers loaded).
 */
import { add, matMul, mul, reshape, reverse, serialization, softmax, sum, tanh, tidy, expandDims, type Tensor, type Tensor3D } from "@tensorflow/tfjs-core";
import { initializers, layers, type LayerVariable } from "@tensorflow/tfjs-layers";
import type { LayerArgs } from "@tensorflow/tfjs-layers/dist/engine/topology";
import { ParameterError } from "../util/errors";
import { assertPositiveInt } from "../util/validate";

type Shape = (number | null)[];

function firstShape(inputShape: Shape | Shape[]): Shape {
  return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
}

function firstTensor(inputs: Tensor | Tensor[]): Tensor {
  return Array.isArray(inputs) ? inputs[0] : inputs;
}

/** Options of {@link PortableAttentionPooling}. */
export interface PortableAttentionPoolingArgs extends LayerArgs {
  /** Size of the score network's hidden layer, integer ≥ 1. */
  units: number;
}

/**
 * Soft attention pooling over time, `[batch, T, H] → [batch, H]`: `e_t = v · tanh(W h_t + b)`,
 * `α = softmax_t(e)`, output `Σ_t α_t h_t` — src/model/attention-pooling.ts's function, with its
 * weights `kernel` W [H, units], `bias` b [units], `context` v [units, 1] in that order.
 * @example new PortableAttentionPooling({ units: 64, name: "attention_pooling" })
 */
export class PortableAttentionPooling extends layers.Layer {
  /** @nocollapse */
  static className = "PortableAttentionPooling";
  readonly units: number;
  private kernel!: LayerVariable;
  private bias!: LayerVariable;
  private context!: LayerVariable;

  constructor(args: PortableAttentionPoolingArgs) {
    super(args);
    assertPositiveInt("units", args.units);
    this.units = args.units;
  }

  override build(inputShape: Shape | Shape[]): void {
    const s = firstShape(inputShape);
    if (s.length !== 3 || typeof s[2] !== "number")
      throw new ParameterError(`PortableAttentionPooling ${JSON.stringify(this.name)} needs inputs [batch, T, H], got [${s}]`);
    this.kernel = this.addWeight("kernel", [s[2], this.units], "float32", initializers.zeros());
    this.bias = this.addWeight("bias", [this.units], "float32", initializers.zeros());
    this.context = this.addWeight("context", [this.units, 1], "float32", initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = firstShape(inputShape);
    return [s[0], s[2]];
  }

  override call(inputs: Tensor | Tensor[]): Tensor {
    return tidy(() => {
      const x = firstTensor(inputs) as Tensor3D;
      const [b, t, h] = x.shape;
      const flat = reshape(x, [b * t, h]);
      const hidden = tanh(add(matMul(flat, this.kernel.read()), this.bias.read()));
      const scores = reshape(matMul(hidden, this.context.read()), [b, t]);
      const alpha = softmax(scores, 1);
      return sum(mul(x, expandDims(alpha, 2)), 1);
    });
  }

  override getConfig(): serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units };
  }
}
serialization.registerClass(PortableAttentionPooling);

/**
 * `[batch, T, F]` reversed along T (step t from step T − 1 − t) — src/model/reverse-time.ts's
 * function. With a forward LSTM after it, the backward half of a bidirectional LSTM.
 */
export class PortableReverseTime extends layers.Layer {
  /** @nocollapse */
  static className = "PortableReverseTime";

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return inputShape;
  }

  override call(inputs: Tensor | Tensor[]): Tensor {
    return tidy(() => reverse(firstTensor(inputs), 1));
  }
}
serialization.registerClass(PortableReverseTime);

/** Class names of the portable layers (registered once this module is imported). */
export const PORTABLE_LAYERS: readonly string[] = Object.freeze([PortableAttentionPooling.className, PortableReverseTime.className]);
