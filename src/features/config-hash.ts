/** A stable hash of a {@link FeatureConfig} for caches (Node: SHA-1 from node:crypto). */
import { createHash } from "node:crypto";
import { stableJson } from "../util/stable-json";
import { featureConfig, FEATURES_VERSION, type FeatureConfig } from "./feature-config";

/**
 * A stable hash of a FeatureConfig (and {@link FEATURES_VERSION}): 16 hex characters of SHA-1 over
 * its canonical JSON. Equal configs (whatever their key order) hash equally.
 * @example featureConfigHash(featureConfig())  // e.g. "3f1c…"
 */
export function featureConfigHash(config: FeatureConfig): string {
  const c = featureConfig(config);
  return createHash("sha1")
    .update(stableJson({ v: FEATURES_VERSION, ...c }))
    .digest("hex")
    .slice(0, 16);
}
