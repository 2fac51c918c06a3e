import { test } from "node:test";
import assert from "node:assert/strict";
import { ReduceLROnPlateau, resolveReduceLrOnPlateau } from "../../src/model/callbacks/reduce-lr-on-plateau";

/** The learning rate used in each epoch when ReduceLROnPlateau sees these validation losses. */
function rates(valLosses: number[], options: ConstructorParameters<typeof ReduceLROnPlateau>[0], lr = 1): { used: number[]; reducedAt: number[] } {
  const optimizer = { learningRate: lr };
  const rl = new ReduceLROnPlateau(options, optimizer);
  const used: number[] = [];
  const reducedAt: number[] = [];
  valLosses.forEach((v, epoch) => {
    used.push(optimizer.learningRate);
    if (rl.onEpochEnd(epoch, { loss: 0, valLoss: v })) reducedAt.push(epoch);
  });
  return { used, reducedAt };
}

test("the rate is multiplied by factor after `patience` epochs without improvement", () => {
  //                      0  1    2    3    4    5    6
  const r = rates([1, 0.9, 0.95, 0.92, 0.8, 0.85, 0.81], { patience: 2, factor: 0.5, minDelta: 0 });
  // epochs 2 and 3 do not beat 0.9: reduced at 3; 4 improves; 5 and 6 do not beat 0.8: reduced at 6.
  assert.deepEqual(r.reducedAt, [3, 6]);
  assert.deepEqual(r.used, [1, 1, 1, 1, 0.5, 0.5, 0.5]);
});

test("the rate is clamped at minLr and not reduced again once there", () => {
  const r = rates([1, 1, 1, 1, 1, 1], { patience: 1, factor: 0.1, minLr: 0.05, minDelta: 0 });
  // epoch 1: 1 → 0.1; epoch 2: 0.1 → max(0.01, 0.05) = 0.05; then it stays.
  assert.deepEqual(r.reducedAt, [1, 2]);
  assert.deepEqual(r.used, [1, 1, 0.1, 0.05, 0.05, 0.05]);
});

test("cooldown: epochs after a reduction are not counted (Keras 3's counting)", () => {
  const r = rates([1, 1, 1, 1, 1, 1, 1], { patience: 1, factor: 0.5, cooldown: 2, minDelta: 0 });
  // Reduced at 1 (counter := 2). Epoch 2: the counter drops to 1, still cooling down, not counted.
  // Epoch 3: it drops to 0 first, so this epoch counts again: reduced at 3, and likewise at 5.
  assert.deepEqual(r.reducedAt, [1, 3, 5]);
  assert.deepEqual(r.used, [1, 1, 0.5, 0.5, 0.25, 0.25, 0.125]);
  const none = rates([1, 1, 1, 1, 1, 1, 1], { patience: 1, factor: 0.5, cooldown: 0, minDelta: 0 });
  assert.deepEqual(none.reducedAt, [1, 2, 3, 4, 5, 6], "without cooldown every epoch without improvement reduces");
});

test("minDelta (default 1e-4): smaller gains are not improvements", () => {
  const r = rates([1, 0.99995, 0.9999, 0.5], { patience: 2, factor: 0.5 });
  assert.deepEqual(r.reducedAt, [2], "1 − 0.99995 and 1 − 0.9999 are not more than 1e-4");
});

test("monitor 'loss' reads the training loss; a missing valLoss is an error naming it", () => {
  const opt = { learningRate: 1 };
  const rl = new ReduceLROnPlateau({ monitor: "loss", patience: 1, factor: 0.5 }, opt);
  rl.onEpochEnd(0, { loss: 1, valLoss: null });
  rl.onEpochEnd(1, { loss: 1, valLoss: null });
  assert.equal(opt.learningRate, 0.5);
  const onVal = new ReduceLROnPlateau({}, opt);
  assert.throws(() => onVal.onEpochEnd(0, { loss: 1, valLoss: null }), /reduceLrOnPlateau monitors valLoss, but the epoch's logs have no valLoss/);
});

test("options: Keras's defaults, bad values refused naming the field", () => {
  assert.deepEqual(resolveReduceLrOnPlateau({}), { monitor: "valLoss", factor: 0.1, patience: 10, minDelta: 1e-4, cooldown: 0, minLr: 0 });
  assert.throws(() => resolveReduceLrOnPlateau({ factor: 1 }), /reduceLrOnPlateau.factor=1/);
  assert.throws(() => resolveReduceLrOnPlateau({ patience: -2 }), /reduceLrOnPlateau.patience=-2/);
  assert.throws(() => resolveReduceLrOnPlateau({ cooldown: 0.5 }), /reduceLrOnPlateau.cooldown=0.5/);
  assert.throws(() => resolveReduceLrOnPlateau({ minLr: -1 }), /reduceLrOnPlateau.minLr=-1 must be ≥ 0/);
  assert.throws(() => resolveReduceLrOnPlateau({ minDelta: NaN }), /reduceLrOnPlateau.minDelta=NaN must be ≥ 0/);
});
