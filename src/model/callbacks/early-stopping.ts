/**
 * Keras 3's `EarlyStopping` callback, mode "min": stop when the monitored loss has not improved
 * by more than `minDelta` for `patience` epochs, and optionally put back the weights of the best
 * epoch when training ends.
 *
 * The callback owns the snapshot of the best weights; how weights are copied, put back and freed
 * is given by a {@link WeightKeeper} (tensors in `trainModel`, plain values in tests).
 */
import { ParameterError } from "../../util/errors";
import { assertNonNegativeInt } from "../../util/validate";
import { assertMonitor, monitoredValue, type Monitor, type MonitoredLogs } from "./monitor";

/** Keras's `EarlyStopping`, monitoring a loss (mode "min"). */
export interface EarlyStoppingOptions {
  /** Quantity to watch. Default "valLoss". */
  monitor?: Monitor;
  /** Epochs without improvement before stopping, integer ≥ 0. Default 0 (Keras's). */
  patience?: number;
  /** An improvement must lower the monitored value by more than this, ≥ 0. Default 0. */
  minDelta?: number;
  /**
   * Put back the weights of the best epoch when training ends (stopped early or not).
   * Default true (Keras's default is false; the issue asks for the best weights).
   */
  restoreBestWeights?: boolean;
}

/**
 * {@link EarlyStoppingOptions} with defaults filled in, checked.
 * @throws ParameterError naming the bad field (`earlyStopping.patience=-1 …`)
 * @example resolveEarlyStopping({ patience: 10 })  // { monitor: "valLoss", patience: 10, minDelta: 0, restoreBestWeights: true }
 */
export function resolveEarlyStopping(options: EarlyStoppingOptions = {}): Required<EarlyStoppingOptions> {
  const r = {
    monitor: options.monitor ?? "valLoss",
    patience: options.patience ?? 0,
    minDelta: options.minDelta ?? 0,
    restoreBestWeights: options.restoreBestWeights ?? true,
  };
  assertMonitor("earlyStopping.monitor", r.monitor);
  assertNonNegativeInt("earlyStopping.patience", r.patience);
  if (!(r.minDelta >= 0)) throw new ParameterError(`earlyStopping.minDelta=${r.minDelta} must be ≥ 0`);
  if (typeof r.restoreBestWeights !== "boolean")
    throw new ParameterError(`earlyStopping.restoreBestWeights=${JSON.stringify(r.restoreBestWeights)} must be true or false`);
  return r;
}

/** How {@link EarlyStopping} copies, puts back and frees a model's weights. */
export interface WeightKeeper<W> {
  /** A copy of the current weights that stays valid until {@link release}d. */
  snapshot(): W;
  /** Puts a snapshot's weights back into the model. */
  restore(weights: W): void;
  /** Frees a snapshot (tensors: dispose). */
  release(weights: W): void;
}

/**
 * Early stopping with Keras 3's rules: after each epoch `wait` grows by one; an epoch whose value
 * is below `best − minDelta` (or the first epoch, whatever its value) becomes the best epoch,
 * snapshots the weights (when `restoreBestWeights`) and resets `wait`; otherwise, once
 * `wait ≥ patience` (and not at epoch 0), training stops at that epoch.
 *
 * @example
 * const es = new EarlyStopping({ patience: 2 }, keeper);
 * for (let epoch = 0; epoch < epochs; epoch++) { ...; if (es.onEpochEnd(epoch, log)) break; }
 * es.onTrainEnd();   // puts back the best epoch's weights
 * es.dispose();
 */
export class EarlyStopping<W = unknown> {
  /** The options as run, defaults filled in. */
  readonly options: Required<EarlyStoppingOptions>;
  /** Best monitored value so far (Infinity before any finite value). */
  best = Infinity;
  /** Epochs since the best one. */
  wait = 0;
  /** Epoch of the best value, null before the first epoch. */
  bestEpoch: number | null = null;
  /** Epoch at which training was stopped, null while it runs on. */
  stoppedEpoch: number | null = null;
  private bestWeights: W | null = null;

  /**
   * @param options patience, minDelta, monitor, restoreBestWeights
   * @param weights how to snapshot and put back the model's weights; needed when restoreBestWeights
   */
  constructor(
    options: EarlyStoppingOptions = {},
    private readonly weights?: WeightKeeper<W>,
  ) {
    this.options = resolveEarlyStopping(options);
    if (this.options.restoreBestWeights && !weights) throw new ParameterError("earlyStopping.restoreBestWeights needs a WeightKeeper to snapshot the weights");
  }

  /**
   * Call after every epoch.
   * @returns true when training should stop now
   */
  onEpochEnd(epoch: number, logs: MonitoredLogs): boolean {
    const { minDelta, patience, restoreBestWeights, monitor } = this.options;
    const current = monitoredValue(logs, monitor, "earlyStopping");
    this.wait += 1;
    const improved = current < this.best - minDelta;
    if (improved || this.bestEpoch === null) {
      // Keras records the first epoch as best even when its value is not finite.
      if (improved) this.best = current;
      this.bestEpoch = epoch;
      if (restoreBestWeights) {
        if (this.bestWeights !== null) this.weights!.release(this.bestWeights);
        this.bestWeights = this.weights!.snapshot();
      }
      this.wait = 0;
      return false;
    }
    if (this.wait >= patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      return true;
    }
    return false;
  }

  /**
   * Call once when training ends normally: puts back the best epoch's weights when
   * `restoreBestWeights` and an epoch ran.
   * @returns whether weights were put back
   */
  onTrainEnd(): boolean {
    if (!this.options.restoreBestWeights || this.bestWeights === null) return false;
    this.weights!.restore(this.bestWeights);
    return true;
  }

  /** Frees the snapshot held (call in a `finally`, whether training ended normally or not). */
  dispose(): void {
    if (this.bestWeights !== null) this.weights!.release(this.bestWeights);
    this.bestWeights = null;
  }
}
