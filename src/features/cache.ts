/**
 * On-disk cache of per-clip features, keyed by what determines them: the audio file's content
 * (SHA-1 of its bytes), the feature configuration ({@link featureConfigHash}) and, for augmented
 * copies, the augmentation ({@link augmentationKey}).
 *
 * Layout under the root (default `<project>/.cache/features/`):
 *
 *     <configHash>/config.json               the FeatureConfig and its column names (for people)
 *     <configHash>/<ab>/<sha1>[.<augHash>].f32   one entry per clip (ab = the hash's first 2 characters)
 *
 * An entry is binary: the magic "SERF", a uint32 header length, a JSON header (format version,
 * rows, cols, the three keys, CRC-32 of the data), padding to 4 bytes, then rows·cols float32
 * little-endian. Entries are written atomically (temporary file + rename), so a crash leaves no
 * half-written entry; an entry that fails any check on reading (magic, header, size, keys, CRC) is
 * reported, deleted and counted as a miss, so it is recomputed.
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { createHash } from "node:crypto";
import { FileError, ParameterError } from "../util/errors";
import type { Matrix } from "../util/matrix";
import { writeFileAtomic } from "../util/atomic-write";
import { projectPath } from "../util/paths";
import { featureColumns } from "./feature-columns";
import type { FeatureConfig } from "./feature-config";
import { featureConfigHash } from "./config-hash";

const MAGIC = "SERF";
const FORMAT = 1;

/** Counters of one cache instance. */
export interface FeatureCacheStats {
  hits: number;
  misses: number;
  /** Entries found corrupt (each also counted as a miss). */
  corrupt: number;
  writes: number;
}

/** Options of {@link FeatureCache}. */
export interface FeatureCacheOptions {
  /** Root folder. Default `<project>/.cache/features`. */
  root?: string;
  /** Called for each corrupt entry found (it is then deleted). Default: a process warning. */
  onCorrupt?: (file: string, problem: string) => void;
}

/** The three parts of a cache key. */
export interface FeatureCacheKey {
  /** SHA-1 (hex) of the audio file's bytes ({@link hashBytes}). */
  contentHash: string;
  /** {@link featureConfigHash} of the config. */
  configHash: string;
  /** The augmentation's key (augmentationKey(spec)), or undefined for the original clip. */
  augmentation?: string;
}

/** SHA-1 of `bytes`, hex. * @example hashBytes(fs.readFileSync(path))  // "a9993e36…"
 */
export function hashBytes(bytes: Uint8Array): string {
  return createHash("sha1").update(bytes).digest("hex");
}

/** SHA-1 of a file's bytes, hex. @throws FileError when the file cannot be read * @example fileContentHash("data/ravdess/Actor_01/03-01-01-01-01-01-01.wav")
 */
export function fileContentHash(file: string): string {
  try {
    return hashBytes(fs.readFileSync(file));
  } catch (err) {
    throw new FileError(file, `cannot read for hashing (${(err as Error).message})`);
  }
}

function checkHex(name: string, v: string, len?: number): void {
  if (typeof v !== "string" || !/^[0-9a-f]+$/.test(v) || (len !== undefined && v.length !== len)) {
    throw new ParameterError(`${name}=${JSON.stringify(v)} must be a${len ? ` ${len}-character` : ""} lowercase hex string`);
  }
}

/**
 * A feature cache on disk (see the module comment for the layout and format).
 * @example
 * const cache = new FeatureCache();
 * const key = { contentHash: fileContentHash(path), configHash: featureConfigHash(cfg) };
 * const hit = cache.get(key) ?? (cache.set(key, clipFeatures(loadClip(path, cfg), cfg)), null);
 */
export class FeatureCache {
  readonly root: string;
  private readonly onCorrupt: (file: string, problem: string) => void;
  private counters: FeatureCacheStats = { hits: 0, misses: 0, corrupt: 0, writes: 0 };

  constructor(options: FeatureCacheOptions = {}) {
    this.root = path.resolve(options.root ?? projectPath(".cache", "features"));
    this.onCorrupt =
      options.onCorrupt ??
      ((file, problem) => process.emitWarning(`feature cache: corrupt entry ${file} (${problem}); deleted, will recompute`, { code: "SER_CACHE_CORRUPT" }));
  }

  /** The file of an entry. */
  entryPath(key: FeatureCacheKey): string {
    checkHex("contentHash", key.contentHash, 40);
    checkHex("configHash", key.configHash);
    const aug = key.augmentation === undefined ? "" : `.${createHash("sha1").update(key.augmentation).digest("hex").slice(0, 16)}`;
    return path.join(this.root, key.configHash, key.contentHash.slice(0, 2), `${key.contentHash}${aug}.f32`);
  }

  /**
   * The cached matrix for `key`, or null (a miss; a corrupt entry is reported, deleted and a miss).
   * @returns Matrix as stored ([frames, columns] or [1, columns])
   */
  get(key: FeatureCacheKey): Matrix | null {
    const file = this.entryPath(key);
    let buf: Buffer;
    try {
      buf = fs.readFileSync(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") {
        this.counters.misses++;
        return null;
      }
      throw new FileError(file, `cannot read cache entry (${(err as Error).message})`);
    }
    const problem = checkEntry(buf, key);
    if (typeof problem === "string") {
      this.counters.corrupt++;
      this.counters.misses++;
      this.onCorrupt(file, problem);
      fs.rmSync(file, { force: true });
      return null;
    }
    this.counters.hits++;
    return problem;
  }

  /** Stores `value` under `key` atomically. */
  set(key: FeatureCacheKey, value: Matrix): void {
    const file = this.entryPath(key);
    if (value.data.length !== value.rows * value.cols)
      throw new ParameterError(`value has ${value.data.length} values, but rows × cols = ${value.rows * value.cols}`);
    const data = Buffer.from(value.data.buffer, value.data.byteOffset, value.data.byteLength);
    const header = {
      format: FORMAT,
      rows: value.rows,
      cols: value.cols,
      contentHash: key.contentHash,
      configHash: key.configHash,
      augmentation: key.augmentation ?? null,
      crc32: zlib.crc32(data),
    };
    let json = Buffer.from(JSON.stringify(header), "utf8");
    const padded = Math.ceil((8 + json.length) / 4) * 4 - 8;
    json = Buffer.concat([json, Buffer.alloc(padded - json.length, 0x20)]);
    const head = Buffer.alloc(8);
    head.write(MAGIC, 0, "latin1");
    head.writeUInt32LE(json.length, 4);
    writeFileAtomic(file, Buffer.concat([head, json, data]));
    this.counters.writes++;
  }

  /** Writes `<configHash>/config.json` (the config and its columns) if it is not there yet. */
  describe(config: FeatureConfig): void {
    const file = path.join(this.root, featureConfigHash(config), "config.json");
    if (!fs.existsSync(file)) writeFileAtomic(file, JSON.stringify({ config, columns: featureColumns(config) }, null, 1));
  }

  /** Hits, misses, corrupt entries and writes since this instance was made (or reset). */
  stats(): FeatureCacheStats {
    return { ...this.counters };
  }

  /** Resets the counters. */
  resetStats(): void {
    this.counters = { hits: 0, misses: 0, corrupt: 0, writes: 0 };
  }

  /**
   * Deletes cached entries: those of one config (`configHash`), or everything under the root.
   * @returns the number of entry files removed
   */
  clear(options: { configHash?: string } = {}): number {
    const dir = options.configHash ? path.join(this.root, options.configHash) : this.root;
    if (options.configHash) checkHex("configHash", options.configHash);
    if (!fs.existsSync(dir)) return 0;
    let n = 0;
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(d, e.name));
        else if (e.name.endsWith(".f32")) n++;
      }
    };
    walk(dir);
    fs.rmSync(dir, { recursive: true, force: true });
    return n;
  }
}

/** The stored matrix, or a description of what is wrong with the entry. */
function checkEntry(buf: Buffer, key: FeatureCacheKey): Matrix | string {
  if (buf.length < 8) return `too short (${buf.length} bytes)`;
  if (buf.toString("latin1", 0, 4) !== MAGIC) return "bad magic (not a feature cache entry)";
  const hlen = buf.readUInt32LE(4);
  if (8 + hlen > buf.length) return `header length ${hlen} exceeds the file (${buf.length} bytes)`;
  let h: { format?: unknown; rows?: unknown; cols?: unknown; contentHash?: unknown; configHash?: unknown; augmentation?: unknown; crc32?: unknown };
  try {
    h = JSON.parse(buf.toString("utf8", 8, 8 + hlen));
  } catch {
    return "unreadable header";
  }
  if (h.format !== FORMAT) return `format ${String(h.format)} (expected ${FORMAT})`;
  if (!Number.isInteger(h.rows) || !Number.isInteger(h.cols)) return "header without rows/cols";
  const rows = h.rows as number;
  const cols = h.cols as number;
  if (h.contentHash !== key.contentHash || h.configHash !== key.configHash || (h.augmentation ?? undefined) !== key.augmentation)
    return "keys in the header do not match the entry's name";
  const bytes = rows * cols * 4;
  if (buf.length !== 8 + hlen + bytes) return `size ${buf.length} bytes, expected ${8 + hlen + bytes} for ${rows} × ${cols} float32`;
  const data = buf.subarray(8 + hlen);
  if (zlib.crc32(data) !== h.crc32) return "CRC-32 mismatch (data damaged)";
  const out = new Float32Array(rows * cols);
  new Uint8Array(out.buffer).set(data);
  return { data: out, rows, cols };
}
