/**
 * Native gradient kernels for ops whose tfjs gradient is a chain of small ops.
 *
 * tfjs-core differentiates `Relu` as `dy · step(x)`, and tfjs-node runs `step` as IsNan, Greater,
 * Fill and Select: six passes over the tensor where TensorFlow's own `ReluGrad` makes one. After
 * the first conv layer of the seed network that tensor has 64 × 195 × 128 values per batch.
 * {@link useNativeReluGrad} registers `ReluGrad` as the gradient of `Relu` (same values: dy where
 * x > 0, else 0).
 *
 * TensorFlow's eager `MaxPoolGrad` CPU kernel recomputes the pooling and is several times slower
 * than the forward pass. For the pooling the seed network uses (windows of 2, stride 2, "valid"),
 * {@link useFastMaxPoolGrad} routes the gradient to the larger of each pair with four elementwise
 * ops instead, with MaxPoolGrad's tie rule (the first maximum of a window takes the gradient).
 * Other window shapes keep tfjs's own gradient.
 *
 * Nothing is registered when this module is loaded. {@link registerNativeGradients} installs both
 * (it is what `trainModel` calls, once per call, before its first step). Registrations are global
 * to the tfjs engine of the process (every later `tf.grad`, `optimizer.minimize` or `model.fit`
 * uses them), idempotent, and cannot be undone; the values are those of the original gradients.
 */
import * as tf from "@tensorflow/tfjs-node";
import { nativeAttr, runNativeOp } from "./native-op";

let registered = false;

/**
 * Registers both faster gradients, {@link useNativeReluGrad} and {@link useFastMaxPoolGrad}, in the
 * process's tfjs engine. Idempotent: later calls do nothing. `trainModel` calls it; call it
 * yourself before a training loop of your own to get the same speed.
 * @returns nothing; from now on gradients of `tf.relu` and 2-wide max pooling use fewer native ops
 * @example registerNativeGradients(); // before optimizer.minimize(...)
 */
export function registerNativeGradients(): void {
  useNativeReluGrad();
  useFastMaxPoolGrad();
}

/**
 * Registers TensorFlow's fused `ReluGrad` as the gradient of `Relu` (once per process).
 * @returns nothing; later gradients of `tf.relu` use one native op
 * @example useNativeReluGrad(); // or registerNativeGradients() for both
 */
export function useNativeReluGrad(): void {
  if (registered) return;
  registered = true;
  tf.registerGradient({
    kernelName: "Relu",
    inputsToSave: ["x"],
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
      const g = Array.isArray(dy) ? dy[0] : dy;
      const [x] = saved;
      return {
        x: () =>
          tf.getBackend() === "tensorflow" && x.dtype === "float32"
            ? runNativeOp("ReluGrad", [nativeAttr.type("T", "float32")], [g, x], 1)[0]
            : tf.mul(g, tf.cast(tf.step(x), "float32")),
      };
    },
  });
}

let maxPoolRegistered = false;

/** tfjs's own MaxPool gradient (the MaxPoolGrad kernel). */
function stockMaxPoolGrad(dy: tf.Tensor, x: tf.Tensor, y: tf.Tensor, attrs: tf.NamedAttrMap): tf.Tensor {
  return tf.engine().runKernel("MaxPoolGrad", { dy, input: x, output: y }, attrs) as tf.Tensor;
}

/**
 * Gradient of a 2-wide, stride-2, "valid" max pooling along one spatial axis, routed to the first
 * maximum of each window.
 * @param dy gradient of the output [B, H', W', C]
 * @param x the pooled input [B, H, W, C]
 * @param axis 1 (pooling over H) or 2 (over W)
 * @returns gradient of x [B, H, W, C]
 */
function pairMaxPoolGrad(dy: tf.Tensor, x: tf.Tensor, axis: 1 | 2): tf.Tensor {
  return tf.tidy(() => {
    const [B, H, W, C] = x.shape as [number, number, number, number];
    const n = axis === 1 ? Math.floor(H / 2) : Math.floor(W / 2);
    const used = axis === 1 ? [B, 2 * n, W, C] : [B, H, 2 * n, C];
    const full = axis === 1 ? H : W;
    const xs = used[axis] === full ? x : tf.slice(x, [0, 0, 0, 0], used);
    const outer = axis === 1 ? B : B * H;
    const inner = axis === 1 ? W * C : C;
    const [x0, x1] = tf.split(tf.reshape(xs, [outer, n, 2, inner]), 2, 2);
    const d = tf.reshape(dy, [outer, n, 1, inner]);
    const g1 = tf.mul(d, tf.cast(tf.greater(x1, x0), "float32"));
    const g = tf.reshape(tf.concat([tf.sub(d, g1), g1], 2), used);
    if (used[axis] === full) return g;
    const pad: [number, number][] = [
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
    ];
    pad[axis] = [0, full - used[axis]];
    return tf.pad(g, pad);
  });
}

/**
 * Registers a faster gradient for `MaxPool` with 2-wide, stride-2, "valid" windows along one
 * spatial axis (tfjs-layers' `maxPooling1d({ poolSize: 2 })`); other poolings keep tfjs's gradient.
 * @returns nothing; later gradients of such poolings use elementwise ops
 * @example useFastMaxPoolGrad(); // or registerNativeGradients() for both
 */
export function useFastMaxPoolGrad(): void {
  if (maxPoolRegistered) return;
  maxPoolRegistered = true;
  tf.registerGradient({
    kernelName: "MaxPool",
    inputsToSave: ["x"],
    outputsToSave: [true],
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs?: tf.NamedAttrMap) => {
      const g = Array.isArray(dy) ? dy[0] : dy;
      const [x, y] = saved;
      const a = (attrs ?? {}) as { filterSize?: number | number[]; strides?: number | number[]; pad?: unknown; dimRoundingMode?: unknown };
      const pair = (v: number | number[] | undefined) => (typeof v === "number" ? [v, v] : (v ?? []));
      const [fh, fw] = pair(a.filterSize);
      const [sh, sw] = pair(a.strides);
      const valid = a.pad === "valid" && a.dimRoundingMode == null && x.rank === 4;
      let axis: 1 | 2 | 0 = 0;
      if (valid && fh === 2 && sh === 2 && fw === 1 && sw === 1) axis = 1;
      else if (valid && fh === 1 && sh === 1 && fw === 2 && sw === 2) axis = 2;
      return { x: () => (axis ? pairMaxPoolGrad(g, x, axis) : stockMaxPoolGrad(g, x, y, attrs ?? {})) };
    },
  });
}
