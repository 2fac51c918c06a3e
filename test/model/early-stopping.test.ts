import { test } from "node:test";
import assert from "node:assert/strict";
import { EarlyStopping, resolveEarlyStopping, type WeightKeeper } from "../../src/model/callbacks/early-stopping";

/**
 * Runs EarlyStopping over scripted validation losses. The "weights" are the epoch numbers, so a
 * snapshot says which epoch's weights it holds.
 */
function run(valLosses: number[], options: ConstructorParameters<typeof EarlyStopping>[0]) {
  let current = -1; // the epoch whose weights the model holds
  const released: number[] = [];
  const keeper: WeightKeeper<number> = {
    snapshot: () => current,
    restore: (w) => void (current = w),
    release: (w) => void released.push(w),
  };
  const es = new EarlyStopping(options, keeper);
  let ran = 0;
  for (let epoch = 0; epoch < valLosses.length; epoch++) {
    current = epoch;
    ran++;
    if (es.onEpochEnd(epoch, { loss: 1, valLoss: valLosses[epoch] })) break;
  }
  const restored = es.onTrainEnd();
  es.dispose();
  return { es, ran, restored, weights: current, released };
}

test("stops after `patience` epochs without improvement and puts back the best epoch's weights", () => {
  //            0    1    2    3    4    5    6
  const r = run([1.0, 0.8, 0.9, 0.85, 0.95, 0.7, 0.6], { patience: 3 });
  assert.equal(r.es.bestEpoch, 1);
  assert.equal(r.es.stoppedEpoch, 4, "epochs 2, 3, 4 without improvement on 0.8");
  assert.equal(r.ran, 5);
  assert.equal(r.restored, true);
  assert.equal(r.weights, 1, "the weights of epoch 1 are back");
  assert.deepEqual(r.released, [0, 1], "the snapshot of epoch 0 is freed when epoch 1 beats it; epoch 1's at dispose");
});

test("patience 0 (Keras's default) stops at the first epoch that is not better, never at epoch 0", () => {
  const r = run([1.0, 1.2, 0.5], {});
  assert.equal(r.es.stoppedEpoch, 1);
  assert.equal(r.es.bestEpoch, 0);
  assert.equal(r.weights, 0);
  const single = run([1.0], { patience: 0 });
  assert.equal(single.es.stoppedEpoch, null);
});

test("minDelta: an improvement must be larger than minDelta", () => {
  // 0.95 and 0.91 are within 0.1 of 1.0: not improvements; 0.85 is; 0.84, 0.83, 0.80 are within 0.1 of 0.85.
  const r = run([1.0, 0.95, 0.91, 0.85, 0.84, 0.83, 0.8, 0.1], { patience: 3, minDelta: 0.1 });
  assert.equal(r.es.bestEpoch, 3);
  assert.equal(r.es.stoppedEpoch, 6);
  assert.equal(r.weights, 3);
  assert.ok(Math.abs(r.es.best - 0.85) < 1e-12);
});

test("all epochs improving: no stop, the last epoch is best, its weights stay", () => {
  const r = run([3, 2, 1], { patience: 1 });
  assert.equal(r.es.stoppedEpoch, null);
  assert.equal(r.es.bestEpoch, 2);
  assert.equal(r.ran, 3);
  assert.equal(r.restored, true);
  assert.equal(r.weights, 2);
});

test("restoreBestWeights false: the weights of the last epoch stay and nothing is snapshotted", () => {
  const r = run([1.0, 0.5, 0.9, 0.9], { patience: 1, restoreBestWeights: false });
  assert.equal(r.es.stoppedEpoch, 2);
  assert.equal(r.restored, false);
  assert.equal(r.weights, 2);
  assert.deepEqual(r.released, []);
});

test("the first epoch is the best even when its loss is not finite (as Keras)", () => {
  const r = run([Infinity, Infinity, 2], { patience: 1 });
  assert.equal(r.es.stoppedEpoch, 1);
  assert.equal(r.es.bestEpoch, 0);
});

test("monitor 'loss' reads the training loss; monitoring a missing valLoss is an error naming it", () => {
  const es = new EarlyStopping({ monitor: "loss", patience: 0, restoreBestWeights: false });
  assert.equal(es.onEpochEnd(0, { loss: 1, valLoss: null }), false);
  assert.equal(es.onEpochEnd(1, { loss: 2, valLoss: 0 }), true, "valLoss improved, loss did not");
  const onVal = new EarlyStopping({ restoreBestWeights: false });
  assert.throws(() => onVal.onEpochEnd(0, { loss: 1, valLoss: null }), /earlyStopping monitors valLoss, but the epoch's logs have no valLoss/);
});

test("options: defaults filled in, bad values refused naming the field", () => {
  assert.deepEqual(resolveEarlyStopping({}), { monitor: "valLoss", patience: 0, minDelta: 0, restoreBestWeights: true });
  assert.throws(() => resolveEarlyStopping({ patience: -1 }), /earlyStopping.patience=-1/);
  assert.throws(() => resolveEarlyStopping({ patience: 1.5 }), /earlyStopping.patience=1.5/);
  assert.throws(() => resolveEarlyStopping({ minDelta: -0.1 }), /earlyStopping.minDelta=-0.1 must be ≥ 0/);
  assert.throws(() => resolveEarlyStopping({ monitor: "val_loss" as "loss" }), /earlyStopping.monitor="val_loss" must be "valLoss" or "loss"/);
  assert.throws(() => new EarlyStopping({ restoreBestWeights: true }), /needs a WeightKeeper/);
});
