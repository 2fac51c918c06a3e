/**
 * Showing download progress: a redrawn bar on a terminal, sparse lines in logs and CI (through the
 * shared printer of `util/progress.ts`).
 */
import { formatDuration, progressBar, progressLinePrinter, type ProgressLineOptions } from "../util/progress";
import type { DownloadProgress } from "./download";

export { formatDuration } from "../util/progress";

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
 * One line describing progress: "[#######.............]  35.2%  73.4 MB / 208.5 MB  11.2 MB/s  ETA 0:12".
 * @param width bar width in characters (default 24)
 */
export function formatProgress(p: DownloadProgress, width = 24): string {
  const speed = `${formatBytes(p.bytesPerSecond)}/s`;
  if (p.total === null || p.total <= 0) return `${formatBytes(p.received)}  ${speed}`;
  const frac = Math.min(1, p.received / p.total);
  const pct = `${(100 * frac).toFixed(1).padStart(5)}%`;
  return `${width > 0 ? `${progressBar(frac, width)} ` : ""}${pct}  ${formatBytes(p.received)} / ${formatBytes(p.total)}  ${speed}  ETA ${p.done ? "0:00" : formatDuration(p.etaSeconds)}`;
}

/** Options of {@link progressPrinter}: those of `progressLinePrinter`; the label defaults to "download". */
export type ProgressPrinterOptions = ProgressLineOptions;

/**
 * An `onProgress` callback for `downloadFile`: on a TTY it redraws a bar (bytes, %, speed, ETA) in
 * place; otherwise it prints a line every 10 % or 30 s, so logs stay short.
 * @example await downloadFile(url, dest, { onProgress: progressPrinter({ label: "RAVDESS" }) });
 */
export function progressPrinter(options: ProgressPrinterOptions = {}): (p: DownloadProgress) => void {
  return progressLinePrinter<DownloadProgress>(
    (p, tty) => (tty ? formatProgress(p) : `${formatProgress(p, 0)}${p.done ? " (done)" : ""}`),
    (p) => ({ fraction: p.total ? p.received / p.total : null, done: p.done }),
    { label: "download", ...options },
  );
}
