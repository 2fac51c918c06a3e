// No absolute path of a development machine is committed: not in code, tests, benches, docs,
// fixtures or notebook outputs. Everything is located relative to the project (src/data/locate.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { projectPath } from "../../src/util/paths";

/** Absolute paths under the usual roots of users' and machines' folders. */
export const MACHINE_PATH = /(?:^|[\s"'`(=:,[])(\/(?:work|home|root|Users|mnt|srv|opt\/pypi)\/[A-Za-z0-9_.-]+|[A-Z]:\\Users\\[A-Za-z0-9_.-]+)/m;

function trackedFiles(): string[] {
  try {
    return execFileSync("git", ["ls-files", "-z"], { cwd: projectPath(), encoding: "utf8" }).split("\0").filter(Boolean);
  } catch {
    const out: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(projectPath(d), { withFileTypes: true })) {
        if ([".git", "node_modules", ".venv", ".cache", "dist", "data", "runs", "reports"].includes(e.name)) continue;
        const rel = path.join(d, e.name);
        if (e.isDirectory()) walk(rel);
        else out.push(rel);
      }
    };
    walk(".");
    return out;
  }
}

test("MACHINE_PATH finds machine paths and leaves portable ones", () => {
  for (const bad of ['const ZIP = "/work/shared/data/a.zip";', "run /home/alice/x", "C:\\Users\\bob\\clip.wav", "`/root/.cache`"])
    assert.match(bad, MACHINE_PATH, bad);
  for (const ok of [
    "../shared/data/Audio_Speech_Actors_01-20.zip",
    "/usr/bin/chromium",
    "/tmp/ser-x",
    "/dev/zero",
    "https://zenodo.org/record/1188976",
    "data/ravdess",
  ])
    assert.doesNotMatch(ok, MACHINE_PATH, ok);
});

test("no committed file holds an absolute machine path", () => {
  const hits: string[] = [];
  for (const rel of trackedFiles()) {
    if (rel === "package-lock.json" || rel === path.join("test", "api", "machine-paths.test.ts")) continue;
    const file = projectPath(rel);
    let text: string;
    try {
      const buf = fs.readFileSync(file);
      if (buf.includes(0)) continue; // binary
      text = buf.toString("utf8");
    } catch {
      continue; // listed by git but deleted in the work tree
    }
    const m = MACHINE_PATH.exec(text);
    if (m) hits.push(`${rel}: ${m[1]}`);
  }
  assert.deepEqual(hits, []);
});
