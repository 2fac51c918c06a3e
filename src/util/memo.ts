/**
 * In-memory memoisation for audio-independent bases (mel and chroma filter banks, windows, DCT
 * matrices), like librosa's cache level 10. Keys are built from the options that define the basis.
 */

/**
 * Wraps `fn` so that calls with the same key return the same (shared, treat as read-only) result.
 * Keeps at most `maxSize` entries, evicting the least recently used.
 */
export function memoize<A extends unknown[], R>(fn: (...args: A) => R, key: (...args: A) => string, maxSize = 64): (...args: A) => R {
  const cache = new Map<string, R>();
  return (...args: A): R => {
    const k = key(...args);
    const hit = cache.get(k);
    if (hit !== undefined) {
      cache.delete(k);
      cache.set(k, hit);
      return hit;
    }
    const value = fn(...args);
    cache.set(k, value);
    if (cache.size > maxSize) cache.delete(cache.keys().next().value as string);
    return value;
  };
}
