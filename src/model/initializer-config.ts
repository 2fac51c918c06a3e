/**
 * (De)serialisation of tfjs-layers initializers for the custom layers ({@link FusedLstm},
 * FusedConv1D, FusedBatchNormalization): an `Initializer` instance, or the
 * `{ className, config }` dictionary model.json stores, resolved through tfjs's registry.
 */
import * as tf from "@tensorflow/tfjs-node";
import type { Initializer } from "@tensorflow/tfjs-layers/dist/initializers";
import { ParameterError } from "../util/errors";

/** A serialised initializer, as tfjs-layers writes it in model.json. */
export type InitializerConfig = tf.serialization.ConfigDict;

/**
 * An initializer from an instance, a serialised config, or a fallback.
 * @param init instance, `{ className, config }`, or undefined
 * @param fallback used when `init` is undefined
 * @returns the initializer
 * @example toInitializer({ className: "Zeros", config: {} }, () => tf.initializers.ones())
 */
export function toInitializer(init: Initializer | InitializerConfig | undefined, fallback: () => Initializer): Initializer {
  if (init === undefined) return fallback();
  if (typeof (init as Initializer).apply === "function") return init as Initializer;
  const config = init as { className?: string; config?: tf.serialization.ConfigDict };
  const cls = tf.serialization.SerializationMap.getMap().classNameMap[config.className ?? ""];
  if (!cls) throw new ParameterError(`unknown initializer className=${JSON.stringify(config.className)}`);
  const [ctor, fromConfig] = cls;
  return fromConfig(ctor, (config.config ?? {}) as tf.serialization.ConfigDict) as unknown as Initializer;
}

/**
 * The `{ className, config }` dictionary of an initializer.
 * @param init the initializer
 * @returns its serialised form
 * @example serializeInitializer(tf.initializers.zeros())  // { className: "Zeros", config: {} }
 */
export function serializeInitializer(init: Initializer): InitializerConfig {
  const ctor = init.constructor as unknown as { className: string };
  return { className: ctor.className, config: init.getConfig() };
}
