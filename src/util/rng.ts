/**
 * The project's one seeded random generator. Every function that needs randomness takes an
 * `rng: Rng` option; nothing in the library calls Math.random.
 *
 * Algorithm: sfc32 (Chris Doty-Humphrey's Small Fast Chaotic generator, 128-bit state), seeded
 * through splitmix32 so that nearby seeds give unrelated streams.
 */
import { assertFinite } from "./validate";
import { ParameterError } from "./errors";

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A seeded pseudo-random generator: `const rng = new Rng(7); rng.uniform(-1, 1)`. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare: number | null = null;

  /** @param seed any finite number; its integer part (mod 2^32) selects the stream. */
  constructor(readonly seed: number) {
    assertFinite("seed", seed);
    const sm = splitmix32(Math.trunc(seed));
    this.a = sm();
    this.b = sm();
    this.c = sm();
    this.d = sm();
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  random(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A uniform double in [low, high). */
  uniform(low = 0, high = 1): number {
    return low + (high - low) * this.random();
  }

  /** A uniform integer in [low, high) (numpy's `integers(low, high)`). */
  integers(low: number, high: number): number {
    if (!Number.isInteger(low) || !Number.isInteger(high) || high <= low) {
      throw new ParameterError(`integers(low=${low}, high=${high}) needs integers with low < high`);
    }
    return low + Math.floor(this.random() * (high - low));
  }

  /** A normal deviate with mean `loc` and standard deviation `scale` (Marsaglia's polar method). */
  normal(loc = 0, scale = 1): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return loc + scale * s;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.random() - 1;
      v = 2 * this.random() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * m;
    return loc + scale * u * m;
  }

  /** `n` independent standard normal deviates as a Float32Array. */
  standardNormal(n: number): Float32Array {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = this.normal();
    return out;
  }

  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  /** One element of `items`, uniformly. */
  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new ParameterError("choice() needs a non-empty list");
    return items[Math.floor(this.random() * items.length)];
  }

  /**
   * A new generator whose stream is determined by this one's seed and `key`, independent of how
   * many numbers this one has drawn: `rng.fork("noise:Actor_01/03-01-...wav")`.
   */
  fork(key: string | number): Rng {
    let h = 0x811c9dc5 ^ (this.seed >>> 0);
    const s = String(key);
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return new Rng(h >>> 0);
  }
}
