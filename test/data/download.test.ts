// The downloader against a local http.createServer (never the network): Range support, a
// connection dropped mid-stream, a server without ranges, a changed file, a stall, redirects,
// HTTP errors and a checksum mismatch.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import http from "node:http";
import { createHash } from "node:crypto";
import type { AddressInfo } from "node:net";
import { downloadFile, hashFile, type DownloadProgress } from "../../src/data/download";
import { FileError } from "../../src/util/errors";
import { Rng } from "../../src/util/rng";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ser-dl-"));
process.on("exit", () => fs.rmSync(tmp, { recursive: true, force: true }));

function bytes(n: number, seed: number): Buffer {
  const rng = new Rng(seed);
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = rng.nextUint32() & 0xff;
  return b;
}
const md5 = (b: Buffer): string => createHash("md5").update(b).digest("hex");

interface Served {
  url: string;
  requests: { path: string; range?: string; ifRange?: string }[];
  state: { body: Buffer; ranges: boolean; dropAfter: number | null; stallAfter: number | null; etag: string };
  close(): Promise<void>;
}

async function serve(body: Buffer, init: Partial<Served["state"]> = {}): Promise<Served> {
  const state: Served["state"] = { body, ranges: true, dropAfter: null, stallAfter: null, etag: '"v1"', ...init };
  const requests: Served["requests"] = [];
  const server: http.Server = http.createServer((req, res) => {
    requests.push({ path: req.url ?? "", range: req.headers.range, ifRange: req.headers["if-range"] as string | undefined });
    if (req.url === "/redirect") return res.writeHead(302, { location: "/hop" }).end();
    if (req.url === "/hop") return res.writeHead(307, { location: `http://127.0.0.1:${(server.address() as AddressInfo).port}/file` }).end();
    if (req.url === "/loop") return res.writeHead(302, { location: "/loop" }).end();
    if (req.url !== "/file") return res.writeHead(404).end("not found");
    const b = state.body;
    const m = state.ranges ? /^bytes=(\d+)-$/.exec(req.headers.range ?? "") : null;
    const ifRange = req.headers["if-range"];
    let start = 0;
    if (m && (!ifRange || ifRange === state.etag)) {
      start = Number(m[1]);
      if (start >= b.length) return res.writeHead(416, { "content-range": `bytes */${b.length}` }).end();
      res.writeHead(206, { "content-range": `bytes ${start}-${b.length - 1}/${b.length}`, "content-length": b.length - start, etag: state.etag, "accept-ranges": "bytes" });
    } else {
      res.writeHead(200, { "content-length": b.length, etag: state.etag, ...(state.ranges ? { "accept-ranges": "bytes" } : {}) });
    }
    const slice = b.subarray(start);
    if (state.dropAfter !== null) {
      const n = state.dropAfter;
      state.dropAfter = null;
      res.write(slice.subarray(0, n), () => setTimeout(() => res.socket?.destroy(), 20));
      return;
    }
    if (state.stallAfter !== null) {
      const n = state.stallAfter;
      state.stallAfter = null;
      res.write(slice.subarray(0, n)); // then nothing: the client must time out
      return;
    }
    res.end(slice);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/file`;
  return {
    url,
    requests,
    state,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const BODY = bytes(300_000, 1);
const quick = { retryDelayMs: 0, progressIntervalMs: 0 };

test("downloads to .part, reports progress, checks MD5 and renames", async (t) => {
  const s = await serve(BODY);
  t.after(() => s.close());
  const dest = path.join(tmp, "a", "file.zip");
  const seen: DownloadProgress[] = [];
  const r = await downloadFile(s.url, dest, { ...quick, md5: md5(BODY).toUpperCase(), size: BODY.length, onProgress: (p) => seen.push(p) });
  assert.equal(r.cached, false);
  assert.equal(r.resumed, false);
  assert.equal(r.attempts, 1);
  assert.equal(r.md5, md5(BODY));
  assert.deepEqual(fs.readFileSync(dest), BODY);
  assert.equal(fs.existsSync(dest + ".part"), false);
  assert.equal(fs.existsSync(dest + ".part.json"), false);
  assert.ok(seen.length >= 2, `progress called ${seen.length} times`);
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i].received >= seen[i - 1].received, "received never decreases");
  const last = seen[seen.length - 1];
  assert.equal(last.done, true);
  assert.equal(last.received, BODY.length);
  assert.equal(last.total, BODY.length);
  assert.ok(last.bytesPerSecond > 0);
  assert.equal(seen.filter((p) => p.done).length, 1);
  // Already there with the right MD5: nothing is fetched.
  const before = s.requests.length;
  const again = await downloadFile(s.url, dest, { md5: md5(BODY) });
  assert.equal(again.cached, true);
  assert.equal(s.requests.length, before);
});

test("a connection dropped mid-stream is resumed with a Range request", async (t) => {
  const s = await serve(BODY, { dropAfter: 100_000 });
  t.after(() => s.close());
  const dest = path.join(tmp, "drop.zip");
  const logs: string[] = [];
  const r = await downloadFile(s.url, dest, { ...quick, md5: md5(BODY), onLog: (m) => logs.push(m) });
  assert.equal(r.resumed, true);
  assert.equal(r.restarted, false);
  assert.equal(r.attempts, 2);
  assert.equal(s.requests.length, 2);
  assert.equal(s.requests[0].range, undefined);
  const m = /^bytes=(\d+)-$/.exec(s.requests[1].range ?? "");
  assert.ok(m && Number(m[1]) > 0 && Number(m[1]) <= 100_000, `second request asks for the rest: ${s.requests[1].range}`);
  assert.equal(s.requests[1].ifRange, '"v1"', "If-Range carries the ETag");
  assert.deepEqual(fs.readFileSync(dest), BODY);
  assert.ok(logs.some((l) => /interrupted/.test(l)) && logs.some((l) => /resuming at byte/.test(l)), logs.join("\n"));
});

test("a partial file left by an earlier run is resumed by the next run", async (t) => {
  const s = await serve(BODY, { dropAfter: 120_000 });
  t.after(() => s.close());
  const dest = path.join(tmp, "later.zip");
  await assert.rejects(
    downloadFile(s.url, dest, { ...quick, md5: md5(BODY), retries: 0 }),
    (e: unknown) => e instanceof FileError && e.path === s.url && /download failed after 1 attempts/.test(e.message) && /run again to resume/.test(e.message),
  );
  const have = fs.statSync(dest + ".part").size;
  assert.ok(have > 0 && have <= 120_000, `kept ${have} bytes`);
  assert.equal(fs.existsSync(dest), false);
  const r = await downloadFile(s.url, dest, { ...quick, md5: md5(BODY) });
  assert.equal(r.resumed, true);
  assert.equal(s.requests[s.requests.length - 1].range, `bytes=${have}-`);
  assert.deepEqual(fs.readFileSync(dest), BODY);
});

test("a server without Range support makes it restart from byte 0", async (t) => {
  const s = await serve(BODY, { ranges: false, dropAfter: 150_000 });
  t.after(() => s.close());
  const dest = path.join(tmp, "norange.zip");
  const logs: string[] = [];
  const r = await downloadFile(s.url, dest, { ...quick, md5: md5(BODY), onLog: (m) => logs.push(m) });
  assert.equal(r.restarted, true);
  assert.equal(r.resumed, false);
  assert.ok(s.requests[1].range, "it did ask for a range");
  assert.ok(logs.some((l) => /ignored the range request/.test(l)));
  assert.deepEqual(fs.readFileSync(dest), BODY);
});

test("a file whose length changed on the server is fetched again from byte 0", async (t) => {
  const s = await serve(BODY, { dropAfter: 50_000 });
  t.after(() => s.close());
  const dest = path.join(tmp, "changed.zip");
  await assert.rejects(downloadFile(s.url, dest, { ...quick, retries: 0 }), FileError);
  assert.ok(fs.existsSync(dest + ".part"));
  const NEW = bytes(310_000, 2);
  s.state.body = NEW; // same ETag, different length
  const logs: string[] = [];
  const r = await downloadFile(s.url, dest, { ...quick, md5: md5(NEW), onLog: (m) => logs.push(m) });
  assert.equal(r.restarted, true);
  assert.ok(logs.some((l) => /changed \(length 300000 → 310000\)/.test(l)), logs.join("\n"));
  assert.equal(s.requests[s.requests.length - 1].range, undefined, "the restart asks for the whole file");
  assert.deepEqual(fs.readFileSync(dest), NEW);
});

test("a checksum mismatch leaves neither the final file nor the partial one", async (t) => {
  const s = await serve(BODY);
  t.after(() => s.close());
  const dest = path.join(tmp, "bad.zip");
  await assert.rejects(
    downloadFile(s.url, dest, { ...quick, md5: "0123456789abcdef0123456789abcdef" }),
    (e: unknown) => e instanceof FileError && e.path === dest && /MD5 mismatch: expected 0123456789abcdef0123456789abcdef, got [0-9a-f]{32}/.test(e.message),
  );
  assert.equal(fs.existsSync(dest), false);
  assert.equal(fs.existsSync(dest + ".part"), false);
  assert.equal(fs.existsSync(dest + ".part.json"), false);
  // A wrong expected size is refused before the body is written.
  await assert.rejects(downloadFile(s.url, dest, { ...quick, size: BODY.length + 1 }), /offers 300000 bytes, but 300001 were expected/);
  assert.equal(fs.existsSync(dest + ".part"), false);
});

test("a stalled connection times out and the download resumes", async (t) => {
  const s = await serve(BODY, { stallAfter: 70_000 });
  t.after(() => s.close());
  const dest = path.join(tmp, "stall.zip");
  const logs: string[] = [];
  const r = await downloadFile(s.url, dest, { ...quick, md5: md5(BODY), stallTimeoutMs: 300, onLog: (m) => logs.push(m) });
  assert.equal(r.resumed, true);
  assert.ok(logs.some((l) => /stalled: no data for 0\.3 s/.test(l)), logs.join("\n"));
  assert.deepEqual(fs.readFileSync(dest), BODY);
});

test("redirects are followed; HTTP errors and redirect loops are FileErrors naming the URL", async (t) => {
  const s = await serve(BODY);
  t.after(() => s.close());
  const base = s.url.replace(/\/file$/, "");
  const dest = path.join(tmp, "redir.zip");
  const r = await downloadFile(`${base}/redirect`, dest, { ...quick, md5: md5(BODY) });
  assert.equal(r.bytes, BODY.length);
  assert.deepEqual(s.requests.map((q) => q.path), ["/redirect", "/hop", "/file"]);
  await assert.rejects(downloadFile(`${base}/missing`, path.join(tmp, "m.zip"), quick), (e: unknown) => e instanceof FileError && e.path === `${base}/missing` && /HTTP 404/.test(e.message));
  await assert.rejects(downloadFile(`${base}/loop`, path.join(tmp, "l.zip"), { ...quick, maxRedirects: 3 }), /too many redirects/);
  await assert.rejects(downloadFile("ftp://example.invalid/x", path.join(tmp, "f.zip")), /must be http: or https:/);
  assert.equal(await hashFile(dest), md5(BODY));
});
