/**
 * Seeded mutations of real files for fuzz tests: truncations, byte flips (biased to the first bytes
 * and to 4-byte-aligned size fields, where parsers make their decisions) and both at once.
 */
import type { Rng } from "../../src/util/rng";

/** One mutation of `bytes`: a fresh copy, and what was done (for the failure message). */
export function mutate(bytes: Uint8Array, rng: Rng, hot: readonly number[] = []): { data: Uint8Array; what: string } {
  const kind = rng.integers(0, 3); // 0: truncate, 1: flip bytes, 2: both
  let data = new Uint8Array(bytes); // a copy (Buffer.prototype.slice would be a view)
  const did: string[] = [];
  if (kind !== 1) {
    const n = rng.random() < 0.5 ? rng.integers(0, Math.min(data.length, 512)) : rng.integers(0, data.length);
    data = data.subarray(0, n);
    did.push(`truncated to ${n}`);
  }
  if (kind !== 0 && data.length > 0) {
    const flips = rng.integers(1, 9);
    for (let k = 0; k < flips; k++) {
      const r = rng.random();
      // near a "hot" offset (chunk headers, zip records), in the first 256 bytes, or anywhere
      const base =
        r < 0.4 && hot.length
          ? hot[rng.integers(0, hot.length)] + rng.integers(0, 12)
          : r < 0.7
            ? rng.integers(0, Math.min(256, data.length))
            : rng.integers(0, data.length);
      const at = Math.min(base, data.length - 1);
      const v = rng.random() < 0.3 ? [0x00, 0xff, 0x7f, 0x80][rng.integers(0, 4)] : rng.integers(0, 256);
      data[at] = v;
      did.push(`byte ${at} = 0x${v.toString(16)}`);
    }
  }
  return { data, what: did.join(", ") };
}
