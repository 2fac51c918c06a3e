import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { recordResults, readResults } from "../../src/notebook/results";
import { profile, PROFILES } from "../../src/notebook/profiles";

test("results sections merge into one file; a missing file reads as null", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ser-results-"));
  try {
    assert.equal(readResults(dir), null);
    recordResults(dir, "train", { epochs: 3 });
    recordResults(dir, "evaluate", { accuracy: 0.5 });
    const r = readResults(dir)!;
    assert.equal(r.train.epochs, 3);
    assert.equal(r.evaluate.accuracy, 0.5);
    assert.deepEqual(fs.readdirSync(dir), ["results.json"], "written atomically, no temporary file left");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("profiles: quick reduces the work and writes elsewhere; unknown names are listed", () => {
  assert.equal(profile("quick").params.actors, "1-6");
  assert.notEqual(PROFILES.quick.reportsDir, PROFILES.full.reportsDir);
  assert.notEqual(PROFILES.quick.runsDir, PROFILES.full.runsDir);
  assert.throws(() => profile("fast"), /profile="fast" must be one of full, quick/);
});
