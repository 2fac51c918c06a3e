import { test } from "node:test";
import assert from "node:assert/strict";
import { PROTOCOLS, foldTrainActors, protocolFor, meanStd, runProtocol, seedEnsemble, type ProtocolRun } from "../../src/experiment/protocol";
import { experimentConfig } from "../../src/experiment/config";

for (const p of Object.values(PROTOCOLS)) {
  test(`${p.name}: every actor is tested exactly once; test, validation and training never share an actor`, () => {
    const tested = p.folds.flatMap((f) => f.test).sort((a, b) => a - b);
    assert.deepEqual(
      tested,
      [...p.actors].sort((a, b) => a - b),
    );
    for (const f of p.folds) {
      const train = foldTrainActors(p, f);
      const all = [...f.test, ...f.val, ...train];
      assert.equal(new Set(all).size, all.length, `fold ${JSON.stringify(f)} reuses an actor`);
      assert.equal(all.length, p.actors.length);
    }
  });
}

test("cv20 folds hold two male (odd) and two female (even) actors each", () => {
  for (const f of PROTOCOLS.cv20.folds) assert.equal(f.test.filter((a) => a % 2 === 1).length, 2);
});

test("reslstm5 is the published fold list", () => {
  assert.deepEqual(PROTOCOLS.reslstm5.folds[0], { test: [2, 5, 14, 15, 16], val: [3, 6] });
  assert.deepEqual(PROTOCOLS.reslstm5.folds[4], { test: [1, 4, 9, 22], val: [2, 5] });
});

test("split is the config's own split; an unknown protocol is named in the error", () => {
  const cfg = experimentConfig({ split: { train: "1-12", val: "13-16", test: "17-20" } });
  assert.deepEqual(protocolFor("split", cfg).folds, [{ test: [17, 18, 19, 20], val: [13, 14, 15, 16] }]);
  assert.throws(() => protocolFor("cv99", cfg), /protocol="cv99" is not one of cv20, reslstm5, split/);
});

test("reslstm5 on the 20-actor data says it needs actors 21–24 and the full archive", async () => {
  const { ravdessRoot } = await import("../helpers/ravdess");
  const root = await ravdessRoot();
  await assert.rejects(runProtocol({ dataRoot: root }, "reslstm5"), /no clips of actor\(s\) 21, 22, 23, 24.*full official archive/);
});

test("meanStd is the population standard deviation", () => {
  assert.deepEqual(meanStd([1, 3]), { mean: 2, std: 1, n: 2 });
});

test("seedEnsemble averages each fold's seeds clip by clip", () => {
  const pred = (path: string, emotion: string, p: number[]) => ({ split: "test" as const, path, actor: 1, emotion, predicted: "", probabilities: p });
  const run = (fold: number, preds: ReturnType<typeof pred>[]) =>
    ({ fold, seed: 0, test: [1], val: [2], run: { predictions: preds } }) as unknown as ProtocolRun;
  const labels = ["a", "b"];
  // seed 1 is wrong on clip x, seed 2 is right and more confident: the ensemble is right on both
  const e = seedEnsemble(
    [run(0, [pred("x", "a", [0.4, 0.6]), pred("y", "b", [0.1, 0.9])]), run(0, [pred("x", "a", [0.9, 0.1]), pred("y", "b", [0.45, 0.55])])],
    labels,
  )!;
  assert.equal(e.pooled.accuracy, 1);
  assert.equal(seedEnsemble([run(0, [pred("x", "a", [1, 0])])], labels), null);
});
