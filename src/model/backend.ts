/**
 * The native TensorFlow backend of tfjs-node, required for training: the pure-JS backend is about
 * 150× slower on the CNN+LSTM and the WASM backend cannot train Conv1D, so we never fall back to
 * them silently.
 */
import * as tf from "@tensorflow/tfjs-node";
import { SerError } from "../util/errors";

/** The tfjs namespace, after checking that the native 'tensorflow' backend is active. */
export function nativeTf(): typeof tf {
  const backend = tf.getBackend();
  if (backend !== "tensorflow") {
    throw new SerError(
      `tfjs-node is running on the '${backend}' backend, not the native 'tensorflow' one. ` +
        "Run `npm run setup -- --only tfjs --force` to rebuild it (see environment.md).",
    );
  }
  return tf;
}
