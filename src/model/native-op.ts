/**
 * Runs any TensorFlow op by name through tfjs-node's native binding (the eager C API of the
 * libtensorflow the binding was built against), for the few kernels tfjs does not expose:
 * the fused LSTM (`BlockLSTMV2`, `BlockLSTMGradV2`) and stateless random numbers.
 *
 * This is what tfjs-node's own `NodeJSKernelBackend.executeMultipleOutputs` does; we call the
 * binding directly so that int64 inputs (`seq_len_max`) can be passed as cached native handles
 * instead of a new, never-freed handle per call.
 */
import * as tf from "@tensorflow/tfjs-node";
import { nativeTf } from "./backend";
import { SerError } from "../util/errors";

/** An attribute of a TensorFlow op (the binding's `TFEOpAttr`). */
export interface NativeOpAttr {
  name: string;
  type: number;
  value: boolean | number | number[] | string;
}

/** The parts of tfjs-node's binding and backend we use (private in its typings). */
interface Binding {
  createTensor(shape: number[], dtype: number, values: Int32Array | Float32Array): number;
  executeOp(op: string, attrs: NativeOpAttr[], inputIds: number[], numOutputs: number): unknown[];
  getNumOfTensors(): number;
  TF_FLOAT: number;
  TF_INT32: number;
  TF_INT64: number;
  TF_BOOL: number;
  TF_ATTR_STRING: number;
  TF_ATTR_FLOAT: number;
  TF_ATTR_BOOL: number;
  TF_ATTR_TYPE: number;
  TF_ATTR_INT: number;
}
interface NodeBackend {
  binding: Binding;
  getInputTensorIds(tensors: tf.Tensor[]): number[];
  createOutputTensor(metadata: unknown): tf.Tensor;
}

function nodeBackend(): NodeBackend {
  nativeTf();
  return tf.backend() as unknown as NodeBackend;
}

/** tfjs-node's binding (type and attribute codes, tensor counts). Checks the native backend. */
export function nativeBinding(): Binding {
  return nodeBackend().binding;
}

/** Attribute helpers: `nativeAttr.float("cell_clip", 0)`, `nativeAttr.type("T", "float32")`. */
export const nativeAttr = {
  float: (name: string, value: number): NativeOpAttr => ({ name, type: nativeBinding().TF_ATTR_FLOAT, value }),
  bool: (name: string, value: boolean): NativeOpAttr => ({ name, type: nativeBinding().TF_ATTR_BOOL, value }),
  int: (name: string, value: number): NativeOpAttr => ({ name, type: nativeBinding().TF_ATTR_INT, value }),
  ints: (name: string, values: number[]): NativeOpAttr => ({ name, type: nativeBinding().TF_ATTR_INT, value: values }),
  string: (name: string, value: string): NativeOpAttr => ({ name, type: nativeBinding().TF_ATTR_STRING, value }),
  type: (name: string, dtype: "float32" | "int32" | "int64" | "bool"): NativeOpAttr => {
    const b = nativeBinding();
    const code = { float32: b.TF_FLOAT, int32: b.TF_INT32, int64: b.TF_INT64, bool: b.TF_BOOL }[dtype];
    return { name, type: b.TF_ATTR_TYPE, value: code };
  },
};

const int64Scalars = new Map<number, number>();

/**
 * A native int64 scalar handle for `value`, created once per value and kept for the life of the
 * process (a few bytes each; the LSTM needs one per sequence length).
 */
export function int64ScalarHandle(value: number): number {
  let id = int64Scalars.get(value);
  if (id === undefined) {
    if (!Number.isInteger(value) || value < 0 || value >= 2 ** 31) {
      throw new SerError(`int64ScalarHandle: value=${value} must be an integer in [0, 2^31)`);
    }
    id = nativeBinding().createTensor([], nativeBinding().TF_INT64, new Int32Array([value, 0]));
    int64Scalars.set(value, id);
  }
  return id;
}

/** A leading input of {@link runNativeOp} given as a raw native handle (e.g. an int64 scalar). */
export interface NativeHandle {
  readonly nativeHandle: number;
}

/**
 * Executes TensorFlow op `op` eagerly on the native backend and returns its `numOutputs` outputs
 * as tfjs tensors (tracked by the tfjs engine, so `tf.tidy` disposes them like any other).
 * The call is not recorded on the gradient tape: wrap it in `tf.customGrad` to differentiate.
 * @param op TensorFlow op name, e.g. "BlockLSTMV2"
 * @param attrs the op's attributes (type attributes included)
 * @param inputs tfjs tensors or raw native handles, in the op's input order
 * @param numOutputs number of outputs the op produces
 * @returns the outputs, in the op's output order
 * @example const [u] = runNativeOp("StatelessRandomUniform", [...], [shape, seed], 1);
 */
export function runNativeOp(op: string, attrs: NativeOpAttr[], inputs: (tf.Tensor | NativeHandle)[], numOutputs: number): tf.Tensor[] {
  const be = nodeBackend();
  const ids = inputs.map((t) => (t instanceof tf.Tensor ? be.getInputTensorIds([t])[0] : t.nativeHandle));
  const metadata = be.binding.executeOp(op, attrs, ids, numOutputs);
  return metadata.map((m) => be.createOutputTensor(m));
}
