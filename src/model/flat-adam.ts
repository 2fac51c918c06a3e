/**
 * Adam (Kingma & Ba, 2015) with Keras 3's update rule, applied to all variables at once.
 *
 * tfjs's `tf.train.adam` updates each variable with about twenty small ops; the seed network has
 * 15 trainable variables, so that is ~300 native calls per batch, each with a fixed cost in tfjs.
 * {@link FlatAdam} concatenates every gradient into one vector, updates one pair of moment vectors
 * and splits the step back: about 60 calls per batch, the same arithmetic.
 *
 * Update (as `keras.optimizers.Adam`): with t the step and lr the learning rate,
 * `m ← m + (g − m)(1 − β₁)`, `v ← v + (g² − v)(1 − β₂)`,
 * `θ ← θ − lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ) · m / (√v + ε)`.
 * (tfjs's adam adds ε to the bias-corrected √v̂ instead; the two differ only through ε.)
 */
import * as tf from "@tensorflow/tfjs-node";
import type { NamedTensor } from "@tensorflow/tfjs-core/dist/tensor_types";
import { ParameterError } from "../util/errors";
import { assertInOpenRange, assertPositive } from "../util/validate";

/** Options of {@link FlatAdam}; defaults are Keras 3's. */
export interface FlatAdamArgs {
  /** Step size, > 0. Default 0.001. Can be changed between steps (`optimizer.learningRate = …`). */
  learningRate?: number;
  /** Decay of the first moment, in (0, 1). Default 0.9. */
  beta1?: number;
  /** Decay of the second moment, in (0, 1). Default 0.999. */
  beta2?: number;
  /** Added to √v, > 0. Default 1e-7. */
  epsilon?: number;
}

/**
 * Adam over the concatenation of all variables; a `tf.Optimizer`, so it works with
 * `optimizer.minimize`, and with `model.compile({ optimizer })` too.
 * @example const opt = new FlatAdam({ learningRate: 1e-3 }); opt.minimize(() => loss(), false, vars);
 */
export class FlatAdam extends tf.Optimizer {
  /** @nocollapse */
  static className = "FlatAdam";
  learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  private m: tf.Variable | null = null;
  private v: tf.Variable | null = null;
  private names: string[] = [];
  private sizes: number[] = [];
  private step = 0;

  constructor(args: FlatAdamArgs = {}) {
    super();
    this.learningRate = args.learningRate ?? 0.001;
    this.beta1 = args.beta1 ?? 0.9;
    this.beta2 = args.beta2 ?? 0.999;
    this.epsilon = args.epsilon ?? 1e-7;
    assertPositive("learningRate", this.learningRate);
    assertInOpenRange("beta1", this.beta1, 0, 1);
    assertInOpenRange("beta2", this.beta2, 0, 1);
    assertPositive("epsilon", this.epsilon);
  }

  applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    const entries: [string, tf.Tensor][] = Array.isArray(variableGradients)
      ? variableGradients.map((v) => [v.name, v.tensor])
      : Object.entries(variableGradients);
    const present = entries.filter(([, g]) => g != null);
    const names = present.map(([n]) => n);
    if (this.names.length === 0) {
      this.names = names;
      this.sizes = present.map(([, g]) => g.size);
    } else if (names.length !== this.names.length || names.some((n, i) => n !== this.names[i])) {
      throw new ParameterError(
        `FlatAdam: the variables changed between steps (had ${this.names.length}: ${this.names.slice(0, 3).join(", ")}…, ` +
          `got ${names.length}: ${names.slice(0, 3).join(", ")}…); use one optimizer per set of variables`,
      );
    }
    const total = this.sizes.reduce((a, b) => a + b, 0);
    if (this.m === null) {
      this.m = tf.variable(tf.zeros([total]), false);
      this.v = tf.variable(tf.zeros([total]), false);
    } else if (this.m.size !== total) {
      throw new ParameterError(`FlatAdam: its moments hold ${this.m.size} values, but the gradients have ${total}`);
    }
    this.step += 1;
    const t = this.step;
    const alpha = (this.learningRate * Math.sqrt(1 - this.beta2 ** t)) / (1 - this.beta1 ** t);
    const m = this.m;
    const v = this.v as tf.Variable;
    tf.tidy(() => {
      // A reshape is a native op on tfjs-node (~15 µs); skip it for the 1-D gradients (biases,
      // BatchNormalization parameters: about half of the variables).
      const g = tf.concat(present.map(([, gi]) => (gi.rank === 1 ? gi : tf.reshape(gi, [-1]))));
      const m1 = tf.add(m, tf.mul(tf.sub(g, m), 1 - this.beta1));
      const v1 = tf.add(v, tf.mul(tf.sub(tf.square(g), v), 1 - this.beta2));
      m.assign(m1);
      v.assign(v1);
      const update = tf.mul(tf.div(m1, tf.add(tf.sqrt(v1), this.epsilon)), alpha);
      const parts = tf.split(update, this.sizes);
      names.forEach((name, i) => {
        const variable = tf.engine().registeredVariables[name];
        variable.assign(tf.sub(variable, variable.rank === 1 ? parts[i] : tf.reshape(parts[i], variable.shape)));
      });
    });
    this.incrementIterations();
  }

  override dispose(): void {
    this.m?.dispose();
    this.v?.dispose();
    this.m = this.v = null;
  }

  override async getWeights(): Promise<NamedTensor[]> {
    const out: NamedTensor[] = [await this.saveIterations()];
    if (this.m && this.v) out.push({ name: "flat/m", tensor: this.m }, { name: "flat/v", tensor: this.v });
    return out;
  }

  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const rest = await this.extractIterations(weightValues);
    this.step = this.iterations;
    const m = rest.find((w) => w.name === "flat/m");
    const v = rest.find((w) => w.name === "flat/v");
    if (m && v) {
      this.dispose();
      this.m = tf.variable(m.tensor, false);
      this.v = tf.variable(v.tensor, false);
    }
  }

  getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }
}
tf.serialization.registerClass(FlatAdam);
