/**
 * A seeded orthogonal initializer (Saxe et al., 2014), computed like Keras 3's
 * `keras.initializers.Orthogonal`: QR of a standard normal matrix, columns sign-corrected so that
 * R has a positive diagonal, transposed for wide shapes. Unlike tfjs-layers' `orthogonal`, it
 * draws from the project's {@link Rng}, needs no QR op and never warns about matrices over 2000
 * elements (an LSTM's recurrent kernel, 64 × 256, is one).
 */
import * as tf from "@tensorflow/tfjs-node";
import type { Initializer } from "@tensorflow/tfjs-layers/dist/initializers";
import { Rng } from "../util/rng";
import { ParameterError } from "../util/errors";
import { assertFinite } from "../util/validate";

/** tfjs-layers' `Initializer` base class (not exported by the bundle; Zeros extends it). */
const InitializerBase = Object.getPrototypeOf(tf.initializers.zeros().constructor) as typeof Initializer;

/** Options of {@link SeededOrthogonal}. */
export interface SeededOrthogonalArgs {
  /** Seed of the normal matrix; any finite number. */
  seed: number;
  /** Multiplier of the orthogonal matrix. Default 1 (Keras's default). */
  gain?: number;
}

/**
 * An orthogonal matrix of `rows × cols` (rows = product of all but the last dimension): the rows
 * are orthonormal when rows ≤ cols, the columns otherwise.
 * @param rows number of rows, ≥ 1
 * @param cols number of columns, ≥ 1
 * @param rng source of the normal deviates
 * @returns Float32Array [rows × cols], row-major
 * @example const q = orthogonalMatrix(64, 256, new Rng(1));  // q · qᵀ = I₆₄
 */
export function orthogonalMatrix(rows: number, cols: number, rng: Rng): Float32Array {
  const m = Math.max(rows, cols);
  const n = Math.min(rows, cols);
  // Tall matrix A [m, n] stored column by column in float64.
  const cols64: Float64Array[] = [];
  for (let j = 0; j < n; j++) cols64.push(new Float64Array(m));
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) cols64[j][i] = rng.normal();
  // Modified Gram–Schmidt: Q with R's diagonal positive (the sign correction Keras applies).
  for (let j = 0; j < n; j++) {
    const v = cols64[j];
    for (let k = 0; k < j; k++) {
      const q = cols64[k];
      let dot = 0;
      for (let i = 0; i < m; i++) dot += q[i] * v[i];
      for (let i = 0; i < m; i++) v[i] -= dot * q[i];
    }
    let norm = 0;
    for (let i = 0; i < m; i++) norm += v[i] * v[i];
    norm = Math.sqrt(norm);
    for (let i = 0; i < m; i++) v[i] /= norm;
  }
  const out = new Float32Array(rows * cols);
  if (rows >= cols) {
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = cols64[j][i];
  } else {
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = cols64[i][j];
  }
  return out;
}

/**
 * Seeded orthogonal initializer, serialisable as `SeededOrthogonal`. The same seed and shape give
 * the same matrix in every run.
 * @example tf.layers.lstm({ units: 64, recurrentInitializer: new SeededOrthogonal({ seed: 7 }) })
 */
export class SeededOrthogonal extends InitializerBase {
  /** @nocollapse */
  static className = "SeededOrthogonal";
  readonly seed: number;
  readonly gain: number;

  constructor(args: SeededOrthogonalArgs) {
    super();
    assertFinite("seed", args.seed);
    this.seed = args.seed;
    this.gain = args.gain ?? 1;
    assertFinite("gain", this.gain);
  }

  apply(shape: number[], dtype?: tf.DataType): tf.Tensor {
    if (shape.length < 2) throw new ParameterError(`SeededOrthogonal: shape=[${shape}] must have at least 2 dimensions`);
    if (dtype !== undefined && dtype !== "float32") throw new ParameterError(`SeededOrthogonal: dtype=${dtype} must be "float32"`);
    const cols = shape[shape.length - 1];
    const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const q = orthogonalMatrix(rows, cols, new Rng(this.seed));
    if (this.gain !== 1) for (let i = 0; i < q.length; i++) q[i] *= this.gain;
    return tf.tensor(q, shape, "float32");
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { seed: this.seed, gain: this.gain };
  }
}
tf.serialization.registerClass(SeededOrthogonal);
