// Train refuses validation/test actors that have no clips (issue 11, defect 5), naming them —
// before any feature extraction.
import { test } from "node:test";
import assert from "node:assert/strict";
import { buildDataset } from "../../src/experiment/dataset";
import { experimentConfig } from "../../src/experiment/config";
import { parseRavdessName } from "../../src/data/ravdess";
import { actorClipNames } from "../data/make-zip";
import { ParameterError } from "../../src/util/errors";

// Clips of actors 1–4 (names only: the check runs before any file is read).
const clips = [1, 2, 3, 4].flatMap((a) => actorClipNames(a).map((n) => parseRavdessName(`/nowhere/Actor_0${a}/${n}`)));

test("split.val=5-6 on data without actors 5 and 6 is refused, naming them", async () => {
  const config = experimentConfig({ dataRoot: "/nowhere", split: { train: "1-3", val: "5-6", test: "4" }, augmentation: "none" });
  await assert.rejects(
    buildDataset(config, { clips }),
    (e: unknown) => e instanceof ParameterError && /split\.val lists actors 5,6, but \/nowhere has no clips of them/.test(e.message),
  );
});

test("a test actor filtered out by `actors` is refused too; one present and one missing names only the missing one", async () => {
  const config = experimentConfig({ dataRoot: "/nowhere", actors: [1, 2, 3], split: { train: "1-2", val: "3", test: "4" }, augmentation: "none" });
  await assert.rejects(buildDataset(config, { clips }), /split\.test lists actor 4, but \/nowhere has no clips of that actor/);
  const partly = experimentConfig({ dataRoot: "/nowhere", split: { train: "1-2", val: "3,7", test: "4" }, augmentation: "none" });
  await assert.rejects(buildDataset(partly, { clips }), /split\.val lists actor 7,/);
});
