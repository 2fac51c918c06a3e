/**
 * How `ser predict` writes its results as they come: tab-separated text (default), CSV, or JSON
 * (one document, written incrementally), for whole-file predictions or `--segments` timelines;
 * and a progress line on a terminal (stderr, TTY only).
 */
import { formatDuration } from "../util/progress";
import type { FilePrediction } from "../experiment/predict";
import type { RecordingTimeline } from "../experiment/timeline";

/** Output format of `ser predict`. */
export type PredictFormat = "text" | "csv" | "json";

type Out = { write(s: string): unknown };

/** A CSV field, quoted when it holds a comma, quote or newline (RFC 4180). */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Writes whole-file predictions one at a time: `begin`, then `row` per file, then `end`. */
export function predictionWriter(out: Out, format: PredictFormat, model: string, labels: readonly string[]) {
  let n = 0;
  return {
    begin(): void {
      if (format === "json") out.write(`{\n  "model": ${JSON.stringify(model)},\n  "predictions": [`);
      else if (format === "csv") out.write(["file", "emotion", ...labels].map(csvField).join(",") + "\n");
      else out.write(`model: ${model}\n${["file", "emotion", ...labels].join("\t")}\n`);
    },
    row(p: FilePrediction): void {
      if (format === "json") out.write(`${n ? "," : ""}\n    ${JSON.stringify(p)}`);
      else if ("error" in p) out.write(format === "csv" ? `${csvField(p.path)},ERROR: ${csvField(p.error)}\n` : `${p.path}\tERROR: ${p.error}\n`);
      else {
        const cells = [p.path, p.emotion, ...labels.map((l) => p.probabilities[l].toFixed(3))];
        out.write((format === "csv" ? cells.map(csvField).join(",") : cells.join("\t")) + "\n");
      }
      n++;
    },
    end(): void {
      if (format === "json") out.write(`${n ? "\n  " : ""}]\n}\n`);
    },
  };
}

/** Writes `--segments` timelines one recording at a time: one row per voiced segment. */
export function timelineWriter(out: Out, format: PredictFormat, model: string, labels: readonly string[]) {
  let n = 0;
  const sep = format === "csv" ? "," : "\t";
  return {
    begin(): void {
      if (format === "json") out.write(`{\n  "model": ${JSON.stringify(model)},\n  "recordings": [`);
      else {
        const header = ["file", "start", "end", "emotion", ...labels];
        out.write((format === "text" ? `model: ${model}\n` : "") + (format === "csv" ? header.map(csvField) : header).join(sep) + "\n");
      }
    },
    row(t: RecordingTimeline | { path: string; error: string }): void {
      const file = format === "csv" ? csvField(t.path) : t.path;
      if (format === "json") out.write(`${n ? "," : ""}\n    ${JSON.stringify(t)}`);
      else if ("error" in t) out.write(`${file}${sep}ERROR: ${format === "csv" ? csvField(t.error) : t.error}\n`);
      else {
        for (const s of t.segments) {
          out.write([file, s.start.toFixed(2), s.end.toFixed(2), s.emotion, ...labels.map((l) => s.probabilities[l].toFixed(3))].join(sep) + "\n");
        }
      }
      n++;
    },
    end(): void {
      if (format === "json") out.write(`${n ? "\n  " : ""}]\n}\n`);
    },
  };
}

/**
 * A one-line progress display on a terminal ("[ser] 120/5000 files  14.2 files/s  ETA 5:43"),
 * redrawn at most every `intervalMs`; does nothing when `stream` is not a TTY.
 * `clear()` erases it before a result line is written to the same terminal.
 */
export function fileProgress(total: number, stream: NodeJS.WriteStream = process.stderr, intervalMs = 200) {
  const tty = !!stream.isTTY;
  const t0 = performance.now();
  let last = -Infinity;
  let shown = false;
  return {
    clear(): void {
      if (tty && shown) stream.write("\r\x1b[K");
      shown = false;
    },
    update(done: number): void {
      const now = performance.now();
      if (!tty || (done < total && now - last < intervalMs)) return;
      last = now;
      const rate = done / ((now - t0) / 1000);
      const eta = rate > 0 ? (total - done) / rate : null;
      stream.write(`\r[ser] ${done}/${total} files  ${rate.toFixed(1)} files/s  ETA ${formatDuration(eta)}\x1b[K`);
      shown = true;
    },
  };
}
