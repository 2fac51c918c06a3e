/**
 * Soft problems in metrics (scikit-learn's `UndefinedMetricWarning` and `UserWarning`) are reported
 * through an `onWarning` option rather than thrown: by default they go to `console.warn`, and
 * `onWarning: null` (or a no-op function) silences them.
 */

/** The Python warning class sklearn would raise. */
export type MetricWarningCategory = "UndefinedMetricWarning" | "UserWarning";

/** Receives each warning: sklearn's exact message text and its category. */
export type MetricWarningHandler = (message: string, category: MetricWarningCategory) => void;

/** Options shared by every metric that can warn. */
export interface MetricWarningOptions {
  /**
   * Called once per warning sklearn would raise (with Python's "always" filter; Python's default
   * filter would show each distinct message only once per session). Default: `console.warn`
   * printing "UndefinedMetricWarning: <message>". `null` silences warnings.
   */
  onWarning?: MetricWarningHandler | null;
}

/** The default handler: `console.warn("<category>: <message>")`. */
export const consoleWarning: MetricWarningHandler = (message, category) => console.warn(`${category}: ${message}`);

/** Sends one warning to the handler chosen in `options` (console by default, nothing for null). */
export function emitWarning(options: MetricWarningOptions, message: string, category: MetricWarningCategory): void {
  const handler = options.onWarning === undefined ? consoleWarning : options.onWarning;
  if (handler) handler(message, category);
}
