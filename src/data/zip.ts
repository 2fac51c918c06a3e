/**
 * A small zip reader on yauzl: list entries, read one entry into a Buffer, extract all to a folder.
 * Every entry's CRC-32 is checked (yauzl does not), and every failure is a FileError naming the zip
 * and the problem ("truncated: central directory not found", "CRC-32 mismatch", ...).
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { Transform, type Readable, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import yauzl from "yauzl";
import { FileError, ParameterError } from "../util/errors";
import { assertPositiveInt } from "../util/validate";
import { MAX_AUDIO_BYTES } from "../util/read-file";

/** One entry of a zip's central directory. */
export interface ZipEntryInfo {
  /** Path inside the zip, "/"-separated; folders end with "/". */
  readonly name: string;
  /** Uncompressed size in bytes. */
  readonly size: number;
  /** Stored (compressed) size in bytes. */
  readonly compressedSize: number;
  /** CRC-32 of the uncompressed data, as recorded in the zip. */
  readonly crc32: number;
  readonly isDirectory: boolean;
  /** Modification time recorded in the zip (local time, 2-second resolution). */
  readonly lastModified: Date;
}

/** The first bytes of a zip (a local file header or an empty archive's end record). */
function looksLikeZip(head: Buffer): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6));
}

/** Translates an error of yauzl, zlib or the file system into a FileError naming the zip. */
function zipError(zipPath: string, err: unknown, entry?: string): FileError {
  if (err instanceof FileError) return err;
  const e = err as NodeJS.ErrnoException;
  const msg = e?.message ?? String(err);
  const where = entry ? `entry ${JSON.stringify(entry)}: ` : "";
  let problem: string;
  if (e?.code === "ENOENT") problem = "no such file";
  else if (e?.code === "EISDIR") problem = "is a folder, not a zip file";
  else if (/End of central directory record signature not found/.test(msg)) {
    let head = Buffer.alloc(0);
    try {
      const fd = fs.openSync(zipPath, "r");
      head = Buffer.alloc(4);
      head = head.subarray(0, fs.readSync(fd, head, 0, 4, 0));
      fs.closeSync(fd);
    } catch {
      /* reported below */
    }
    problem = looksLikeZip(head)
      ? "truncated: central directory not found (the file starts like a zip but its end is missing; download or copy it again)"
      : "not a zip file (no zip signature at the start, no central directory at the end)";
  } else if (/unexpected EOF|overflows file bounds/.test(msg)) problem = `${where}truncated: data ends before the end of the archive (${msg})`;
  else if (/signature/.test(msg)) problem = `${where}corrupt: ${msg}`;
  else if (typeof e?.code === "string" && e.code.startsWith("Z_")) problem = `${where}corrupt compressed data (${msg})`;
  else if (/too many bytes|not enough bytes/.test(msg)) problem = `${where}corrupt: size does not match the central directory (${msg})`;
  else problem = `${where}${msg}`;
  return new FileError(zipPath, problem);
}

function openZip(zipPath: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    let st: fs.Stats;
    try {
      st = fs.statSync(zipPath);
    } catch (err) {
      return reject(zipError(zipPath, err));
    }
    if (st.isDirectory()) return reject(new FileError(zipPath, "is a folder, not a zip file"));
    yauzl.open(zipPath, { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) reject(zipError(zipPath, err ?? new Error("yauzl returned no zip file")));
      else resolve(zip);
    });
  });
}

function info(e: yauzl.Entry): ZipEntryInfo {
  return {
    name: e.fileName,
    size: e.uncompressedSize,
    compressedSize: e.compressedSize,
    crc32: e.crc32,
    isDirectory: e.fileName.endsWith("/"),
    lastModified: e.getLastModDate(),
  };
}

/**
 * Walks the central directory, calling `visit` for each entry in archive order; up to `concurrency`
 * visits run at once. `visit` returns "stop" to end early. On an error, waits for the visits in
 * flight to settle, then rejects with the first error. Always closes the zip.
 */
async function eachEntry(
  zipPath: string,
  visit: (entry: yauzl.Entry, zip: yauzl.ZipFile) => Promise<"stop" | void> | "stop" | void,
  concurrency = 1,
): Promise<void> {
  const zip = await openZip(zipPath);
  try {
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      let ended = false;
      let reading = false;
      let stop = false;
      let firstError: unknown = null;
      const inflight = new Set<Promise<void>>();
      const settle = (): void => {
        if (settled || inflight.size > 0) return;
        if (firstError !== null) {
          settled = true;
          reject(firstError);
        } else if (ended || stop) {
          settled = true;
          resolve();
        }
      };
      const next = (): void => {
        if (reading || ended || stop || firstError !== null || inflight.size >= concurrency) return settle();
        reading = true;
        zip.readEntry();
      };
      zip.on("error", (err) => {
        reading = false;
        if (firstError === null) firstError = zipError(zipPath, err);
        ended = true;
        settle();
      });
      zip.on("end", () => {
        reading = false;
        ended = true;
        settle();
      });
      zip.on("entry", (entry: yauzl.Entry) => {
        reading = false;
        const p: Promise<void> = Promise.resolve()
          .then(() => visit(entry, zip))
          .then(
            (r) => {
              if (r === "stop") stop = true;
            },
            (err) => {
              if (firstError === null) firstError = zipError(zipPath, err, entry.fileName);
            },
          )
          .finally(() => {
            inflight.delete(p);
            next();
          });
        inflight.add(p);
        next();
      });
      next();
    });
  } finally {
    zip.close();
  }
}

/** A pass-through stream that computes the CRC-32 of what goes through and checks it at the end. */
class CrcCheck extends Transform {
  private crc = 0;
  constructor(
    private readonly zipPath: string,
    private readonly entry: yauzl.Entry,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.crc = zlib.crc32(chunk, this.crc);
    cb(null, chunk);
  }
  override _flush(cb: TransformCallback): void {
    const want = this.entry.crc32 >>> 0;
    const got = this.crc >>> 0;
    if (want !== got) {
      cb(new FileError(this.zipPath, `entry ${JSON.stringify(this.entry.fileName)}: CRC-32 mismatch (zip says ${hex(want)}, data gives ${hex(got)}): the archive is corrupt`));
    } else cb();
  }
}

const hex = (n: number): string => "0x" + n.toString(16).padStart(8, "0");

function openStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (err, s) => (err || !s ? reject(err ?? new Error("no stream")) : resolve(s))));
}

/**
 * Lists the entries of a zip (files and folders) in archive order.
 * @param zipPath path of the zip
 * @returns one {@link ZipEntryInfo} per entry
 * @throws FileError naming the zip: missing, not a zip, truncated, corrupt central directory
 * @example (await listZipEntries("Audio_Speech_Actors_01-20.zip")).filter((e) => !e.isDirectory).length // 1200
 */
export async function listZipEntries(zipPath: string): Promise<ZipEntryInfo[]> {
  const out: ZipEntryInfo[] = [];
  await eachEntry(zipPath, (e) => {
    out.push(info(e));
  });
  return out;
}

/** Central-directory indexes of recently read zips, keyed by absolute path; valid while size, mtime and inode match. */
const indexCache = new Map<string, { stamp: string; entries: Map<string, yauzl.Entry> }>();
const INDEX_CACHE_SIZE = 8;

/** The entries of a zip by name (the first of duplicates), from the cache when the file is unchanged. */
async function entryIndex(zipPath: string): Promise<Map<string, yauzl.Entry>> {
  const abs = path.resolve(zipPath);
  let st: fs.Stats;
  try {
    st = await fs.promises.stat(abs);
  } catch (err) {
    throw zipError(zipPath, err);
  }
  const stamp = `${st.size}:${st.mtimeMs}:${st.ino}`;
  const hit = indexCache.get(abs);
  if (hit && hit.stamp === stamp) return hit.entries;
  const entries = new Map<string, yauzl.Entry>();
  await eachEntry(zipPath, (e) => {
    if (!entries.has(e.fileName)) entries.set(e.fileName, e);
  });
  indexCache.delete(abs);
  indexCache.set(abs, { stamp, entries });
  if (indexCache.size > INDEX_CACHE_SIZE) indexCache.delete(indexCache.keys().next().value as string);
  return entries;
}

/**
 * Reads one entry of a zip into memory, checking its CRC-32. The zip's central directory is read
 * once and kept (for up to 8 zips, while the file is unchanged), so reading many entries of one
 * zip costs one directory walk plus each entry's own bytes.
 * @param zipPath path of the zip
 * @param entryName the entry's path inside the zip, e.g. "Actor_01/03-01-01-01-01-01-01.wav"
 * @returns the entry's uncompressed bytes
 * @throws FileError naming the zip when the entry is missing, or the zip is truncated or corrupt
 * @example const wav = await readZipEntry(zip, "Actor_01/03-01-01-01-01-01-01.wav"); // RIFF...
 */
export async function readZipEntry(zipPath: string, entryName: string): Promise<Buffer> {
  if (typeof entryName !== "string" || entryName === "") throw new ParameterError(`entryName=${JSON.stringify(entryName)} must be a non-empty entry path`);
  const entry = (await entryIndex(zipPath)).get(entryName);
  if (!entry) throw new FileError(zipPath, `no entry named ${JSON.stringify(entryName)}`);
  if (entry.fileName.endsWith("/")) throw new FileError(zipPath, `entry ${JSON.stringify(entryName)} is a folder`);
  // yauzl stops at the declared size (validateEntrySizes), so this bounds the memory used.
  if (entry.uncompressedSize > MAX_AUDIO_BYTES) {
    throw new FileError(zipPath, `entry ${JSON.stringify(entryName)} declares ${entry.uncompressedSize} bytes, more than the ${MAX_AUDIO_BYTES}-byte limit for one entry read into memory`);
  }
  const zip = await openZip(zipPath);
  try {
    const chunks: Buffer[] = [];
    const sink = new Transform({
      transform(chunk: Buffer, _e, cb) {
        chunks.push(chunk);
        cb();
      },
    });
    await pipeline(await openStream(zip, entry), new CrcCheck(zipPath, entry), sink);
    return Buffer.concat(chunks);
  } catch (err) {
    throw zipError(zipPath, err, entryName);
  } finally {
    zip.close();
  }
}

/** Options of {@link extractZip}. */
export interface ExtractZipOptions {
  /** Extract only entries for which this returns true (default: all). Folders are created as needed. */
  filter?: (entry: ZipEntryInfo) => boolean;
  /** Called after each file is written, with counts so far (for progress). */
  onEntry?: (entry: ZipEntryInfo, done: { files: number; bytes: number }) => void;
  /** Entries inflated and written at once (zlib and file writes run on libuv's thread pool). Default 2. */
  concurrency?: number;
}

/** What {@link extractZip} wrote. */
export interface ExtractZipResult {
  /** Entry names of the files written, in archive order. */
  readonly files: string[];
  /** Total uncompressed bytes written. */
  readonly bytes: number;
}

/**
 * Extracts a zip into `destDir` (created if needed), checking every entry's CRC-32. Entry names that
 * would escape `destDir` are refused. Not atomic by itself: to get all-or-nothing, extract inside
 * `writeDirAtomic` (as `prepareRavdess` does).
 * @param zipPath path of the zip
 * @param destDir folder to extract into
 * @returns the files written and their total size
 * @throws FileError naming the zip and the problem (truncated, CRC-32 mismatch, corrupt data, disk error)
 * @example await extractZip("Audio_Speech_Actors_01-20.zip", "/tmp/ravdess"); // { files: [...1200], bytes: 488864080 }
 */
export async function extractZip(zipPath: string, destDir: string, options: ExtractZipOptions = {}): Promise<ExtractZipResult> {
  const { filter, onEntry, concurrency = 2 } = options;
  assertPositiveInt("concurrency", concurrency);
  const root = path.resolve(destDir);
  await fs.promises.mkdir(root, { recursive: true });
  const written: [number, string][] = [];
  let index = 0;
  let bytes = 0;
  const made = new Set<string>([root]);
  await eachEntry(zipPath, async (entry, zip) => {
    const e = info(entry);
    const order = index++;
    if (filter && !filter(e)) return;
    const target = path.resolve(root, e.name);
    if (target !== root && !target.startsWith(root + path.sep)) throw new FileError(zipPath, `entry ${JSON.stringify(e.name)} would be written outside ${root}`);
    if (e.isDirectory) {
      if (!made.has(target)) await fs.promises.mkdir(target, { recursive: true });
      made.add(target);
      return;
    }
    const dir = path.dirname(target);
    if (!made.has(dir)) {
      await fs.promises.mkdir(dir, { recursive: true });
      made.add(dir);
    }
    try {
      await pipeline(await openStream(zip, entry), new CrcCheck(zipPath, entry), fs.createWriteStream(target));
    } catch (err) {
      const ee = err as NodeJS.ErrnoException;
      if (ee?.syscall && ["open", "write", "close"].includes(ee.syscall)) {
        throw new FileError(target, `cannot write while extracting ${zipPath} (${ee.code ?? ee.message})`);
      }
      throw err;
    }
    written.push([order, e.name]);
    bytes += e.size;
    onEntry?.(e, { files: written.length, bytes });
  }, concurrency);
  return { files: written.sort((a, b) => a[0] - b[0]).map(([, n]) => n), bytes };
}
