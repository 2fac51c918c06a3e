/**
 * Keras 3's `ReduceLROnPlateau` callback, mode "min": multiply the optimizer's learning rate by
 * `factor` when the monitored loss has not improved by more than `minDelta` for `patience`
 * epochs, never below `minLr`, then wait `cooldown` epochs before counting again.
 */
import { ParameterError } from "../../util/errors";
import { assertInOpenRange, assertNonNegativeInt } from "../../util/validate";
import { assertMonitor, monitoredValue, type Monitor, type MonitoredLogs } from "./monitor";

/** Keras's `ReduceLROnPlateau` (mode "min"). */
export interface ReduceLrOnPlateauOptions {
  /** Quantity to watch. Default "valLoss". */
  monitor?: Monitor;
  /** New rate = rate × factor, in (0, 1). Default 0.1. */
  factor?: number;
  /** Epochs without improvement before reducing, integer ≥ 0. Default 10. */
  patience?: number;
  /** Threshold of a significant improvement, ≥ 0. Default 1e-4. */
  minDelta?: number;
  /** Epochs to wait after a reduction before counting again, integer ≥ 0. Default 0. */
  cooldown?: number;
  /** Lower bound of the rate, ≥ 0. Default 0. */
  minLr?: number;
}

/**
 * {@link ReduceLrOnPlateauOptions} with defaults filled in, checked.
 * @throws ParameterError naming the bad field (`reduceLrOnPlateau.factor=1 …`)
 * @example resolveReduceLrOnPlateau({ patience: 5 }).factor  // 0.1
 */
export function resolveReduceLrOnPlateau(options: ReduceLrOnPlateauOptions = {}): Required<ReduceLrOnPlateauOptions> {
  const r = {
    monitor: options.monitor ?? "valLoss",
    factor: options.factor ?? 0.1,
    patience: options.patience ?? 10,
    minDelta: options.minDelta ?? 1e-4,
    cooldown: options.cooldown ?? 0,
    minLr: options.minLr ?? 0,
  };
  assertMonitor("reduceLrOnPlateau.monitor", r.monitor);
  assertInOpenRange("reduceLrOnPlateau.factor", r.factor, 0, 1);
  assertNonNegativeInt("reduceLrOnPlateau.patience", r.patience);
  assertNonNegativeInt("reduceLrOnPlateau.cooldown", r.cooldown);
  if (!(r.minDelta >= 0)) throw new ParameterError(`reduceLrOnPlateau.minDelta=${r.minDelta} must be ≥ 0`);
  if (!(r.minLr >= 0)) throw new ParameterError(`reduceLrOnPlateau.minLr=${r.minLr} must be ≥ 0`);
  return r;
}

/**
 * Reduce-LR-on-plateau with Keras 3's rules. After each epoch: a running cooldown counts down
 * (and keeps `wait` at 0); a value below `best − minDelta` becomes the best and resets `wait`;
 * otherwise, out of cooldown, `wait` grows, and at `wait ≥ patience` a rate above `minLr` becomes
 * max(rate × factor, minLr), starting the cooldown.
 *
 * @example
 * const rl = new ReduceLROnPlateau({ patience: 5, factor: 0.5 }, optimizer);
 * rl.onEpochEnd(epoch, log);  // may lower optimizer.learningRate
 */
export class ReduceLROnPlateau {
  /** The options as run, defaults filled in. */
  readonly options: Required<ReduceLrOnPlateauOptions>;
  /** Best monitored value so far. */
  best = Infinity;
  /** Epochs without improvement, out of cooldown. */
  wait = 0;
  /** Epochs of cooldown left. */
  cooldownCounter = 0;

  /**
   * @param options factor, patience, minDelta, cooldown, minLr, monitor
   * @param optimizer whose `learningRate` is lowered (e.g. a `FlatAdam`)
   */
  constructor(
    options: ReduceLrOnPlateauOptions,
    private readonly optimizer: { learningRate: number },
  ) {
    this.options = resolveReduceLrOnPlateau(options);
  }

  /**
   * Call after every epoch.
   * @returns true when the learning rate was lowered at this epoch
   */
  onEpochEnd(epoch: number, logs: MonitoredLogs): boolean {
    const { minDelta, patience, factor, minLr, cooldown, monitor } = this.options;
    const current = monitoredValue(logs, monitor, "reduceLrOnPlateau");
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.wait = 0;
    }
    if (current < this.best - minDelta) {
      this.best = current;
      this.wait = 0;
      return false;
    }
    if (this.cooldownCounter > 0) return false;
    this.wait += 1;
    if (this.wait >= patience && this.optimizer.learningRate > minLr) {
      this.optimizer.learningRate = Math.max(this.optimizer.learningRate * factor, minLr);
      this.cooldownCounter = cooldown;
      this.wait = 0;
      return true;
    }
    return false;
  }
}
