/**
 * Progress display for long jobs (downloads, feature extraction): the one line printer, on a
 * terminal a line redrawn in place, in logs and CI sparse lines; plus the bar and duration formats
 * the lines share.
 */

/**
 * Seconds as "m:ss" (or "h:mm:ss"); "?" when unknown (null, NaN or infinite).
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
 * A bar of `width` characters, "#" for the part done and "." for the rest, in brackets.
 * @param fraction done, clamped to [0, 1]
 * @example progressBar(0.5, 10) // "[#####.....]"
 */
export function progressBar(fraction: number, width: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
}

/** How far a job is, as {@link progressLinePrinter} needs it. */
export interface ProgressStatus {
  /** Fraction done in [0, 1], or null when the total is unknown. */
  fraction: number | null;
  /** The last report: printed always, ending the line. */
  done: boolean;
}

/** Options of {@link progressLinePrinter}. */
export interface ProgressLineOptions {
  /** Where to write. Default `process.stderr`. */
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Redraw one line (true) or print sparse lines (false). Default: whether `stream` is a TTY. */
  tty?: boolean;
  /** On a TTY, redraw at most every this many ms (the last report always). Default 0: every report. */
  intervalMs?: number;
  /** Without a TTY, print a line every this many percent. Default 10. */
  everyPercent?: number;
  /** Without a TTY, also print at least every this many seconds. Default 30 (Infinity: never). */
  everySeconds?: number;
  /** Text before each line ("label ..." on a TTY, "label: ..." in logs). Default none. */
  label?: string;
}

/**
 * A progress callback: on a TTY it redraws `describe(p, true)` in place (`\r`, erasing the rest of
 * the line), ending with a newline at the last report; otherwise it prints `describe(p, false)` as
 * a line every `everyPercent` percent or `everySeconds` seconds and at the last report, so logs
 * stay short.
 * @param describe the text of one report
 * @param status how far report `p` is
 * @example const onProgress = progressLinePrinter((p) => `${p.n}/100`, (p) => ({ fraction: p.n / 100, done: p.n === 100 }));
 */
export function progressLinePrinter<P>(
  describe: (p: P, tty: boolean) => string,
  status: (p: P) => ProgressStatus,
  options: ProgressLineOptions = {},
): (p: P) => void {
  const { stream = process.stderr, intervalMs = 0, everyPercent = 10, everySeconds = 30, label } = options;
  const tty = options.tty ?? !!stream.isTTY;
  let lastStep = -1;
  let lastTime = -Infinity;
  return (p) => {
    const { fraction, done } = status(p);
    const now = performance.now();
    if (tty) {
      if (!done && now - lastTime < intervalMs) return;
      lastTime = now;
      stream.write(`\r${label ? `${label} ` : ""}${describe(p, true)}\x1b[K${done ? "\n" : ""}`);
      return;
    }
    const step = fraction === null ? -1 : Math.floor((100 * fraction) / everyPercent);
    if (done || step > lastStep || now - lastTime >= everySeconds * 1000) {
      lastStep = Math.max(step, lastStep);
      lastTime = now;
      stream.write(`${label ? `${label}: ` : ""}${describe(p, false)}\n`);
    }
  };
}
