/**
 * What the training callbacks ({@link EarlyStopping}, {@link ReduceLROnPlateau}) watch: one loss
 * of an epoch's logs, lower being better (Keras's `mode="min"`).
 */
import { ParameterError } from "../../util/errors";

/** The quantity a callback watches: the validation loss or the training loss. */
export type Monitor = "valLoss" | "loss";

/** The part of an epoch's log the callbacks read (see `EpochLog` in `train.ts`). */
export interface MonitoredLogs {
  /** Mean training loss over the epoch. */
  loss: number;
  /** Validation loss after the epoch; null without validation data. */
  valLoss: number | null;
}

/**
 * The monitored value of an epoch.
 * @param who the callback, for the error message ("earlyStopping")
 * @throws ParameterError when `valLoss` is monitored but the epoch has none
 * @example monitoredValue({ loss: 0.9, valLoss: 1.1 }, "valLoss", "earlyStopping")  // 1.1
 */
export function monitoredValue(logs: MonitoredLogs, monitor: Monitor, who: string): number {
  const v = monitor === "valLoss" ? logs.valLoss : logs.loss;
  if (v === null || v === undefined) throw new ParameterError(`${who} monitors ${monitor}, but the epoch's logs have no ${monitor} (no xVal/yVal?)`);
  return v;
}

/** Checks a `monitor` option. */
export function assertMonitor(name: string, monitor: unknown): asserts monitor is Monitor {
  if (monitor !== "valLoss" && monitor !== "loss") throw new ParameterError(`${name}=${JSON.stringify(monitor)} must be "valLoss" or "loss"`);
}
