// The project's main job in its quick profile, as CI runs it: `npm start -- --profile quick`
// executes every notebook headless through Jupyter + tslab and reports headline numbers.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ravdessRoot } from "../helpers/ravdess";
import { projectPath } from "../../src/util/paths";
import { listNotebooks } from "../../src/notebook/execute";
import { PROFILES } from "../../src/notebook/profiles";

before(async () => {
  await ravdessRoot(); // data/ravdess, imported the way `npm run data -- --from` does
});

test("npm start -- --profile quick runs every notebook and prints the headline numbers", { timeout: 1_800_000 }, () => {
  const reports = projectPath(PROFILES.quick.reportsDir);
  fs.rmSync(path.join(reports, "results.json"), { force: true });
  const r = spawnSync("npm", ["start", "--silent", "--", "--profile", "quick"], { cwd: projectPath(), encoding: "utf8", timeout: 1_800_000 });
  assert.equal(
    r.status,
    0,
    `npm start failed (exit ${r.status}, signal ${r.signal}):\n--- stderr (end) ---\n${r.stderr.slice(-2500)}\n--- stdout (end) ---\n${r.stdout.slice(-1500)}`,
  );
  for (const name of listNotebooks()) {
    const nb = JSON.parse(fs.readFileSync(path.join(reports, `${name}.ipynb`), "utf8"));
    const errors = nb.cells
      .flatMap((c: { outputs?: { output_type: string }[] }) => c.outputs ?? [])
      .filter((o: { output_type: string }) => o.output_type === "error");
    assert.equal(errors.length, 0, `${name} has error outputs`);
    assert.ok(fs.statSync(path.join(reports, `${name}.html`)).size > 10_000, `${name}.html written`);
  }
  assert.match(r.stdout, /test actors 6: accuracy \d+\.\d%, macro-F1 \d+\.\d%/);
  assert.match(r.stdout, /cross-validation \(1 fold\(s\), leave-2-actors-out\)/);
  const results = JSON.parse(fs.readFileSync(path.join(reports, "results.json"), "utf8"));
  for (const section of ["train", "tune", "evaluate", "crossValidation"]) assert.ok(results[section], `results.json has ${section}`);
  assert.ok(fs.existsSync(path.join(reports, "confusion-matrix.svg")));
});
