import { test } from "node:test";
import assert from "node:assert/strict";
import { formatDuration, progressBar, progressLinePrinter } from "../../src/util/progress";

function sink(isTTY: boolean) {
  const out: string[] = [];
  return { out, stream: Object.assign({ write: (s: string) => (out.push(s), true) }, { isTTY }) as unknown as NodeJS.WritableStream & { isTTY: boolean } };
}
const status = (n: number) => ({ fraction: n / 100, done: n === 100 });

test("durations as m:ss or h:mm:ss; unknown is '?'", () => {
  assert.equal(formatDuration(0), "0:00");
  assert.equal(formatDuration(75.4), "1:15");
  assert.equal(formatDuration(3725), "1:02:05");
  for (const unknown of [null, NaN, Infinity]) assert.equal(formatDuration(unknown), "?");
});

test("the bar fills with # and clamps the fraction", () => {
  assert.equal(progressBar(0.5, 10), "[#####.....]");
  assert.equal(progressBar(0, 4), "[....]");
  assert.equal(progressBar(1.7, 4), "[####]");
  assert.equal(progressBar(0.3, 0), "[]");
});

test("without a TTY: a labelled line at each 10% step and at the end", () => {
  const { out, stream } = sink(false);
  const p = progressLinePrinter((n: number) => `${n}/100`, status, { stream, label: "job", everySeconds: Infinity });
  for (let n = 0; n <= 100; n++) p(n);
  assert.deepEqual(
    out,
    [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((n) => `job: ${n}/100\n`),
  );
});

test("on a TTY: redrawn in place, the last report always shown and ending the line", () => {
  const { out, stream } = sink(true);
  // an interval far longer than the test: only the first report and the last one are drawn
  const p = progressLinePrinter((n: number, tty) => `${n}${tty ? " (tty)" : ""}`, status, { stream, intervalMs: 1e9 });
  for (let n = 0; n <= 100; n++) p(n);
  assert.deepEqual(out, ["\r0 (tty)\x1b[K", "\r100 (tty)\x1b[K\n"]);
  const every = sink(true);
  const q = progressLinePrinter((n: number) => String(n), status, { stream: every.stream });
  for (let n = 98; n <= 100; n++) q(n);
  assert.equal(every.out.length, 3, "intervalMs 0: every report");
});

test("an unknown total prints the first report, then only the last one (everySeconds: Infinity)", () => {
  const { out, stream } = sink(false);
  const p = progressLinePrinter(
    (n: number) => String(n),
    (n) => ({ fraction: null, done: n === 5 }),
    { stream, everySeconds: Infinity },
  );
  for (let n = 0; n <= 5; n++) p(n);
  assert.deepEqual(out, ["0\n", "5\n"]);
});
