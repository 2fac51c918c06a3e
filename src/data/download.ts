/**
 * A resumable HTTP(S) download to a file, verified by checksum before it gets its final name.
 *
 * The bytes go to `<dest>.part` (with `<dest>.part.json` recording the URL, total length and
 * validators). An interrupted download resumes with a Range request; if the server ignores ranges,
 * reports a different total length, or the validators changed, it starts again from byte 0.
 * Redirects are followed, a connection that sends nothing for `stallTimeoutMs` is dropped and
 * retried, and the file is renamed to `dest` only once its size and MD5 match.
 */
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import path from "node:path";
import { createHash } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { FileError, ParameterError } from "../util/errors";
import { assertNonNegativeInt, assertPositiveInt } from "../util/validate";

/** Progress of a download, as passed to `onProgress`. */
export interface DownloadProgress {
  /** Bytes in the partial file so far (including bytes from an earlier, resumed attempt). */
  readonly received: number;
  /** Total size in bytes, when the server said (or `size` was given); else null. */
  readonly total: number | null;
  /** Bytes that were already on disk when this attempt started. */
  readonly resumedFrom: number;
  /** Average speed of this attempt, bytes per second. */
  readonly bytesPerSecond: number;
  /** Estimated seconds left, or null when the total or speed is unknown. */
  readonly etaSeconds: number | null;
  /** True on the last call, once every byte is on disk. */
  readonly done: boolean;
}

/** Options of {@link downloadFile}. */
export interface DownloadOptions {
  /** Expected MD5 (hex, case-insensitive). Checked before the rename; a mismatch removes the partial file. Default: none. */
  md5?: string;
  /** Expected size in bytes. Checked like `md5`. Default: none. */
  size?: number;
  /** Called at most every `progressIntervalMs`, and once with `done: true`. */
  onProgress?: (p: DownloadProgress) => void;
  /** Minimum milliseconds between progress calls. Default 250. */
  progressIntervalMs?: number;
  /** Abort and retry a connection that sends nothing for this long, in ms. Default 30000. */
  stallTimeoutMs?: number;
  /** Redirects followed per request. Default 10. */
  maxRedirects?: number;
  /** Further attempts after a dropped or stalled connection (each resumes). Default 5. */
  retries?: number;
  /** Delay before a retry, ms (doubles each time, at most 30 s). Default 1000. */
  retryDelayMs?: number;
  /** Notes about resuming, restarting and retrying. Default: none. */
  onLog?: (message: string) => void;
}

/** What {@link downloadFile} did. */
export interface DownloadResult {
  /** The final file (`dest`). */
  readonly path: string;
  readonly bytes: number;
  /** MD5 of the final file, hex. */
  readonly md5: string;
  /** True when `dest` was already there with the right checksum: nothing was fetched. */
  readonly cached: boolean;
  /** True when some bytes came from an earlier partial download (a Range request). */
  readonly resumed: boolean;
  /** True when a partial file had to be thrown away (no range support, length or validator changed). */
  readonly restarted: boolean;
  /** HTTP requests made that returned a body (redirects not counted). */
  readonly attempts: number;
}

interface PartMeta {
  url: string;
  total: number | null;
  etag: string | null;
  lastModified: string | null;
}

/**
 * MD5 (or another node hash) of a file, streamed.
 * @returns hex digest
 * @example await hashFile("data/.cache/Audio_Speech_Actors_01-24.zip") // "bc696df654c87fed845eb13823edef8a"
 */
export async function hashFile(file: string, algorithm = "md5"): Promise<string> {
  const h = createHash(algorithm);
  try {
    await pipeline(fs.createReadStream(file, { highWaterMark: 1 << 20 }), h);
  } catch (err) {
    throw new FileError(file, `cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return h.digest("hex");
}

class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The stall error of a request that timed out (the response stream itself only says "aborted"). */
const stalls = new WeakMap<http.ClientRequest, Error>();

/** Sends a GET, following redirects; resolves with the final response (body not consumed). */
function request(url: string, headers: Record<string, string>, stallTimeoutMs: number, maxRedirects: number): Promise<{ res: http.IncomingMessage; req: http.ClientRequest; url: string }> {
  return new Promise((resolve, reject) => {
    const go = (current: string, left: number): void => {
      let u: URL;
      try {
        u = new URL(current);
      } catch {
        return reject(new ParameterError(`url=${JSON.stringify(current)} is not a valid URL`));
      }
      const mod = u.protocol === "https:" ? https : u.protocol === "http:" ? http : null;
      if (!mod) return reject(new ParameterError(`url=${JSON.stringify(current)} must be http: or https:`));
      const req = mod.get(u, { headers: { "user-agent": "ser-toolkit", ...headers }, agent: false }, (res) => {
        const status = res.statusCode ?? 0;
        if ([301, 302, 303, 307, 308].includes(status) && res.headers.location) {
          res.resume();
          req.destroy();
          if (left <= 0) return reject(new HttpStatusError(status, `too many redirects (more than ${maxRedirects}) from ${url}`));
          return go(new URL(res.headers.location, u).toString(), left - 1);
        }
        resolve({ res, req, url: current });
      });
      req.setTimeout(stallTimeoutMs, () => {
        const err = new Error(`stalled: no data for ${stallTimeoutMs / 1000} s`);
        stalls.set(req, err);
        req.destroy(err);
      });
      req.on("error", reject);
    };
    go(url, maxRedirects);
  });
}

function readMeta(file: string): PartMeta | null {
  try {
    const m = JSON.parse(fs.readFileSync(file, "utf8")) as PartMeta;
    return typeof m.url === "string" ? m : null;
  } catch {
    return null;
  }
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/** Connection errors that a retry will not fix. */
const UNREACHABLE = ["ENOTFOUND", "ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH"];

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Downloads `url` to `dest` through `<dest>.part`, resuming an earlier partial download when the
 * server supports Range requests, then checks size and MD5 and renames. If `dest` already exists
 * with the expected MD5, nothing is fetched.
 * @param url http(s) URL
 * @param dest final path of the file (its folder is created)
 * @returns what was done and the file's MD5
 * @throws FileError naming the URL (HTTP error, too many failed attempts) or `dest` (checksum or size mismatch; the partial file is removed)
 * @example
 * await downloadFile(RAVDESS_SPEECH_ZIP.url, "data/.cache/Audio_Speech_Actors_01-24.zip",
 *   { md5: RAVDESS_SPEECH_ZIP.md5, onProgress: progressPrinter() });
 */
export async function downloadFile(url: string, dest: string, options: DownloadOptions = {}): Promise<DownloadResult> {
  const {
    md5,
    size,
    onProgress,
    progressIntervalMs = 250,
    stallTimeoutMs = 30_000,
    maxRedirects = 10,
    retries = 5,
    retryDelayMs = 1000,
    onLog = () => {},
  } = options;
  if (md5 !== undefined && !/^[0-9a-f]{32}$/i.test(md5)) throw new ParameterError(`md5=${JSON.stringify(md5)} must be 32 hex digits`);
  if (size !== undefined) assertNonNegativeInt("size", size);
  assertPositiveInt("stallTimeoutMs", stallTimeoutMs);
  assertNonNegativeInt("retries", retries);
  assertNonNegativeInt("maxRedirects", maxRedirects);
  const want = md5?.toLowerCase();
  const final = path.resolve(dest);
  const part = final + ".part";
  const metaFile = part + ".json";
  fs.mkdirSync(path.dirname(final), { recursive: true });

  if (fs.existsSync(final)) {
    const got = await hashFile(final);
    const bytes = sizeOf(final);
    if ((!want || got === want) && (size === undefined || bytes === size)) {
      return { path: final, bytes, md5: got, cached: true, resumed: false, restarted: false, attempts: 0 };
    }
    onLog(`${final} is there but its MD5 is ${got}, not ${want}: downloading it again`);
    fs.rmSync(final, { force: true });
  }

  const discard = (): void => {
    fs.rmSync(part, { force: true });
    fs.rmSync(metaFile, { force: true });
  };
  let meta = fs.existsSync(part) ? readMeta(metaFile) : null;
  if (fs.existsSync(part) && (!meta || meta.url !== url)) {
    onLog(`discarding ${part}: it was not started from ${url}`);
    discard();
    meta = null;
  }

  let resumed = false;
  let restarted = false;
  let attempts = 0;
  let failures = 0;
  let complete = false;
  let lastError: unknown = null;
  while (!complete) {
    if (failures > retries) {
      const why = lastError instanceof Error ? lastError.message : String(lastError);
      throw new FileError(url, `download failed after ${failures} attempts (last: ${why}); ${sizeOf(part)} bytes kept in ${part}, run again to resume`);
    }
    const have = sizeOf(part);
    const headers: Record<string, string> = {};
    if (have > 0) {
      headers.range = `bytes=${have}-`;
      const validator = meta?.etag ?? meta?.lastModified;
      if (validator) headers["if-range"] = validator;
    }
    let res: http.IncomingMessage;
    let req: http.ClientRequest;
    try {
      ({ res, req } = await request(url, headers, stallTimeoutMs, maxRedirects));
    } catch (err) {
      if (err instanceof ParameterError || err instanceof HttpStatusError) throw err instanceof HttpStatusError ? new FileError(url, err.message) : err;
      const code = (err as NodeJS.ErrnoException).code;
      if (code && UNREACHABLE.includes(code)) throw new FileError(url, `cannot connect (${code}: ${(err as Error).message}); is there a network connection?`);
      lastError = err;
      failures++;
      onLog(`request failed (${(err as Error).message}); retrying`);
      await sleep(Math.min(30_000, retryDelayMs * 2 ** (failures - 1)));
      continue;
    }
    const status = res.statusCode ?? 0;
    const etag = typeof res.headers.etag === "string" ? res.headers.etag : null;
    const lastModified = typeof res.headers["last-modified"] === "string" ? res.headers["last-modified"] : null;
    const contentLength = res.headers["content-length"] !== undefined ? Number(res.headers["content-length"]) : null;
    let start: number;
    let total: number | null;
    if (status === 206 && have > 0) {
      const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(String(res.headers["content-range"] ?? ""));
      total = m && m[3] !== "*" ? Number(m[3]) : null;
      const changed =
        !m ||
        Number(m[1]) !== have ||
        (meta?.total != null && total !== null && total !== meta.total) ||
        (meta?.etag && etag && etag !== meta.etag);
      if (changed) {
        res.resume();
        req.destroy();
        onLog(`the server's file changed (length ${meta?.total ?? "?"} → ${total ?? "?"}): restarting from byte 0`);
        discard();
        meta = null;
        restarted = true;
        continue;
      }
      start = have;
      resumed = true;
      onLog(`resuming at byte ${have} of ${total ?? "?"}`);
    } else if (status === 200) {
      if (have > 0) {
        onLog(`the server ignored the range request (status 200): restarting from byte 0`);
        restarted = true;
      }
      start = 0;
      total = contentLength;
    } else if (status === 416 && have > 0) {
      res.resume();
      req.destroy();
      const m = /^bytes \*\/(\d+)$/.exec(String(res.headers["content-range"] ?? ""));
      if (m && Number(m[1]) === have) {
        complete = true;
        break;
      }
      onLog(`the partial file (${have} bytes) does not fit the server's file: restarting from byte 0`);
      discard();
      meta = null;
      restarted = true;
      continue;
    } else {
      res.resume();
      req.destroy();
      const msg = `HTTP ${status} ${res.statusMessage ?? ""}`.trim();
      if (status >= 500 || status === 429) {
        lastError = new Error(msg);
        failures++;
        onLog(`${msg}; retrying`);
        await sleep(Math.min(30_000, retryDelayMs * 2 ** (failures - 1)));
        continue;
      }
      throw new FileError(url, msg);
    }
    if (size !== undefined && total !== null && total !== size) {
      res.resume();
      req.destroy();
      discard();
      throw new FileError(url, `the server offers ${total} bytes, but ${size} were expected`);
    }
    attempts++;
    meta = { url, total, etag, lastModified };
    fs.writeFileSync(metaFile, JSON.stringify(meta));

    const t0 = Date.now();
    let received = start;
    let lastReport = 0;
    const report = (done: boolean): void => {
      if (!onProgress) return;
      const now = Date.now();
      if (!done && now - lastReport < progressIntervalMs) return;
      lastReport = now;
      const secs = Math.max((now - t0) / 1000, 1e-3);
      const bytesPerSecond = (received - start) / secs;
      const tot = total ?? size ?? null;
      onProgress({
        received,
        total: tot,
        resumedFrom: start,
        bytesPerSecond,
        etaSeconds: tot !== null && bytesPerSecond > 0 ? Math.max(0, (tot - received) / bytesPerSecond) : null,
        done,
      });
    };
    const counter = new Transform({
      transform(chunk: Buffer, _e: BufferEncoding, cb: TransformCallback) {
        received += chunk.length;
        report(false);
        cb(null, chunk);
      },
    });
    try {
      await pipeline(res, counter, fs.createWriteStream(part, { flags: start > 0 ? "a" : "w" }));
      if (total !== null && received !== total) throw new Error(`connection closed after ${received} of ${total} bytes`);
      if (total === null && !res.complete) throw new Error(`connection closed early after ${received} bytes`);
      complete = true;
      report(true);
    } catch (err) {
      req.destroy();
      const e = (stalls.get(req) ?? err) as NodeJS.ErrnoException;
      if (e.syscall && ["open", "write"].includes(e.syscall)) throw new FileError(part, `cannot write (${e.code ?? e.message})`);
      lastError = err;
      failures++;
      onLog(`download interrupted at byte ${sizeOf(part)} (${e.message}); ${failures <= retries ? "resuming" : "giving up"}`);
      if (failures <= retries) await sleep(Math.min(30_000, retryDelayMs * 2 ** (failures - 1)));
    }
  }

  const bytes = sizeOf(part);
  const expectedSize = size ?? meta?.total ?? null;
  if (expectedSize !== null && bytes !== expectedSize) {
    discard();
    throw new FileError(final, `size mismatch: downloaded ${bytes} bytes, expected ${expectedSize}; the partial file was removed, run again`);
  }
  const got = await hashFile(part);
  if (want && got !== want) {
    discard();
    throw new FileError(final, `MD5 mismatch: expected ${want}, got ${got} (${url}); the partial file was removed, run again`);
  }
  fs.renameSync(part, final);
  fs.rmSync(metaFile, { force: true });
  return { path: final, bytes, md5: got, cached: false, resumed, restarted, attempts };
}
