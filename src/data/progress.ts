/**
 * Showing download progress: a redrawn bar on a terminal, sparse lines in logs and CI.
 */
import type { DownloadProgress } from "./download";

/**
 * Bytes in decimal units: "208.5 MB".
 * @example formatBytes(208468073) // "208.5 MB"
 */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return "?";
  const units = ["B", "kB", "MB", "GB", "TB"];
  let i = 0;
  let v = n;
  while (Math.abs(v) >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return i === 0 ? `${v} B` : `${v.toFixed(1)} ${units[i]}`;
}

/**
 * Seconds as "m:ss" (or "h:mm:ss"); "?" when unknown.
 * @example formatDuration(75) // "1:15"
 */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return "?";
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/**
 * One line describing progress: "[#######.............]  35.2%  73.4 MB / 208.5 MB  11.2 MB/s  ETA 0:12".
 * @param width bar width in characters (default 24)
 */
export function formatProgress(p: DownloadProgress, width = 24): string {
  const speed = `${formatBytes(p.bytesPerSecond)}/s`;
  if (p.total === null || p.total <= 0) return `${formatBytes(p.received)}  ${speed}`;
  const frac = Math.min(1, p.received / p.total);
  const filled = Math.round(frac * width);
  const bar = "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
  const pct = `${(100 * frac).toFixed(1).padStart(5)}%`;
  return `${bar} ${pct}  ${formatBytes(p.received)} / ${formatBytes(p.total)}  ${speed}  ETA ${p.done ? "0:00" : formatDuration(p.etaSeconds)}`;
}

/** Options of {@link progressPrinter}. */
export interface ProgressPrinterOptions {
  /** Where to write. Default `process.stderr`. */
  stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Redraw one line (true) or print sparse lines (false). Default: whether `stream` is a TTY. */
  tty?: boolean;
  /** Without a TTY, print a line every this many percent. Default 10. */
  everyPercent?: number;
  /** Without a TTY, also print at least every this many seconds. Default 30. */
  everySeconds?: number;
  /** Text before the progress. Default "download". */
  label?: string;
}

/**
 * An `onProgress` callback for `downloadFile`: on a TTY it redraws a bar (bytes, %, speed, ETA) in
 * place; otherwise it prints a line every 10 % or 30 s, so logs stay short.
 * @example await downloadFile(url, dest, { onProgress: progressPrinter({ label: "RAVDESS" }) });
 */
export function progressPrinter(options: ProgressPrinterOptions = {}): (p: DownloadProgress) => void {
  const { stream = process.stderr, everyPercent = 10, everySeconds = 30, label = "download" } = options;
  const tty = options.tty ?? !!stream.isTTY;
  let lastStep = -1;
  let lastTime = 0;
  return (p) => {
    if (tty) {
      stream.write(`\r${label} ${formatProgress(p)}\x1b[K${p.done ? "\n" : ""}`);
      return;
    }
    const now = Date.now();
    const step = p.total ? Math.floor((100 * p.received) / p.total / everyPercent) : -1;
    if (p.done || step > lastStep || now - lastTime >= everySeconds * 1000) {
      lastStep = Math.max(step, lastStep);
      lastTime = now;
      stream.write(`${label}: ${formatProgress(p, 0).replace("[] ", "")}${p.done ? " (done)" : ""}\n`);
    }
  };
}
