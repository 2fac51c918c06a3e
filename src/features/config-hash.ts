/** A stable hash of a {@link FeatureConfig} for caches (Node: SHA-1 from node:crypto). */
import { createHash } from "node:crypto";
import { featureConfig, FEATURES_VERSION, type FeatureConfig } from "./feature-config";

/** JSON with object keys sorted at every level, so equal configs serialise equally. */
function stableJson(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(stableJson).join(",")}]`;
  if (x && typeof x === "object") {
    return `{${Object.keys(x)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((x as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(x);
}

/**
 * A stable hash of a FeatureConfig (and {@link FEATURES_VERSION}): 16 hex characters of SHA-1 over
 * its canonical JSON. Equal configs (whatever their key order) hash equally.
 * @example featureConfigHash(featureConfig())  // e.g. "3f1c…"
 */
export function featureConfigHash(config: FeatureConfig): string {
  const c = featureConfig(config);
  return createHash("sha1").update(stableJson({ v: FEATURES_VERSION, ...c })).digest("hex").slice(0, 16);
}
