import { test } from "node:test";
import assert from "node:assert/strict";
import { formatBytes, formatDuration, formatProgress, progressPrinter } from "../../src/data/progress";
import type { DownloadProgress } from "../../src/data/download";

function sink(isTTY: boolean) {
  const out: string[] = [];
  return { out, stream: Object.assign({ write: (s: string) => (out.push(s), true) }, { isTTY }) as unknown as NodeJS.WritableStream & { isTTY: boolean } };
}
const at = (received: number, total: number | null, done = false): DownloadProgress => ({
  received,
  total,
  resumedFrom: 0,
  bytesPerSecond: 10e6,
  etaSeconds: total === null ? null : (total - received) / 10e6,
  done,
});

test("formats bytes, durations and a progress line", () => {
  assert.equal(formatBytes(512), "512 B");
  assert.equal(formatBytes(208_468_073), "208.5 MB");
  assert.equal(formatBytes(1.5e9), "1.5 GB");
  assert.equal(formatDuration(75), "1:15");
  assert.equal(formatDuration(3725), "1:02:05");
  assert.equal(formatDuration(null), "?");
  const line = formatProgress(at(104_234_036, 208_468_073), 10);
  assert.equal(line, "[#####.....]  50.0%  104.2 MB / 208.5 MB  10.0 MB/s  ETA 0:10");
  assert.equal(formatProgress(at(5000, null)), "5.0 kB  10.0 MB/s");
});

test("on a TTY the bar is redrawn in place, ending with a newline", () => {
  const { out, stream } = sink(true);
  const p = progressPrinter({ stream, label: "dl" });
  p(at(0, 1000));
  p(at(500, 1000));
  p(at(1000, 1000, true));
  assert.equal(out.length, 3);
  assert.ok(out.every((s) => s.startsWith("\rdl [")));
  assert.ok(!out[1].endsWith("\n") && out[2].endsWith("\n"));
  assert.match(out[1], /50\.0%/);
});

test("without a TTY, a line every 10% (and at the end), not one per call", () => {
  const { out, stream } = sink(false);
  const p = progressPrinter({ stream, label: "dl" });
  for (let i = 0; i <= 1000; i++) p(at(i * 1000, 1_000_000, i === 1000));
  assert.equal(out.length, 11, out.join("")); // 0%, 10%, ..., 100% (done)
  assert.ok(out.every((s) => s.startsWith("dl: ") && s.endsWith("\n") && !s.includes("\r")));
  assert.match(out[out.length - 1], /100\.0%.*\(done\)/);
});
