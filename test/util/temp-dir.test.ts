// The temporary-folder rule (issue 11, defect 7): created beside the target, removed on failure and
// on SIGINT/SIGTERM, stale ones (of dead processes) swept on the next write.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { writeDirAtomic } from "../../src/util/atomic-write";
import { ensureDir, sweepStaleTemps, trackedTemps } from "../../src/util/temp-dir";
import { FileError } from "../../src/util/errors";
import { projectPath } from "../../src/util/paths";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ser-temp-"));
process.on("exit", () => fs.rmSync(tmp, { recursive: true, force: true }));
const temps = (dir: string) => fs.readdirSync(dir).filter((e) => e.includes(".tmp-"));

/** The pid of a process that has already exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ["-e", "0"]).pid!;
}

test("a failed fill leaves neither the target nor a temporary folder, and no signal handler", async () => {
  const dir = path.join(tmp, "fail", "out");
  const before = process.listenerCount("SIGINT");
  await assert.rejects(
    writeDirAtomic(dir, async (t) => {
      fs.writeFileSync(path.join(t, "half"), "x");
      assert.equal(path.dirname(t), path.dirname(dir), "created beside the target");
      assert.deepEqual(trackedTemps(), [t]);
      assert.equal(process.listenerCount("SIGINT"), before + 1);
      throw new Error("boom");
    }),
    /boom/,
  );
  assert.deepEqual(fs.readdirSync(path.dirname(dir)), []);
  assert.deepEqual(trackedTemps(), []);
  assert.equal(process.listenerCount("SIGINT"), before);
});

test("stale temporaries of dead processes are swept on the next write; live ones are kept", async () => {
  const parent = path.join(tmp, "stale");
  const dir = path.join(parent, "run");
  const dead = path.join(parent, `.run.tmp-${deadPid()}-abcd1234`);
  const deadOld = path.join(parent, `.run.tmp-${deadPid()}`); // the old run.ts naming, without the hex part
  const live = path.join(parent, `.run.tmp-${process.pid}-00000000`);
  for (const d of [dead, deadOld, live]) fs.mkdirSync(d, { recursive: true });
  await writeDirAtomic(dir, (t) => fs.writeFileSync(path.join(t, "ok"), "1"));
  assert.ok(fs.existsSync(path.join(dir, "ok")));
  assert.equal(fs.existsSync(dead), false);
  assert.equal(fs.existsSync(deadOld), false);
  assert.ok(fs.existsSync(live), "a temporary of a running process is not touched");
  assert.deepEqual(sweepStaleTemps(dir), []);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  test(`${signal} while a folder is being written removes the temporary folder, and the process dies of ${signal}`, async () => {
    const parent = path.join(tmp, signal);
    fs.mkdirSync(parent);
    const script = path.join(tmp, `${signal}.ts`);
    const mod = pathToFileURL(projectPath("src", "util", "atomic-write.ts")).href;
    fs.writeFileSync(
      script,
      `import { writeDirAtomic } from ${JSON.stringify(mod)};
writeDirAtomic(${JSON.stringify(path.join(parent, "out"))}, async (t) => {
  require("node:fs").writeFileSync(t + "/half", "x");
  console.log("filling");
  await new Promise((r) => setTimeout(r, 60_000));
});
`,
    );
    const child = spawn(process.execPath, ["--import", "tsx", script], { cwd: projectPath(), stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve) => child.stdout.on("data", (d: Buffer) => d.toString().includes("filling") && resolve()));
    assert.equal(temps(parent).length, 1, "the temporary folder exists while filling");
    child.kill(signal);
    const [code, sig] = await new Promise<[number | null, string | null]>((r) => child.on("exit", (c, s) => r([c, s])));
    assert.equal(sig, signal, `exit code ${code}`);
    assert.deepEqual(fs.readdirSync(parent), [], "nothing half-written survives");
  });
}

test("ensureDir names a file given as a folder", () => {
  const f = path.join(tmp, "a-file");
  fs.writeFileSync(f, "x");
  assert.throws(
    () => ensureDir(f, "runs folder"),
    (e: unknown) => e instanceof FileError && e.path === f && /a-file: is not a folder \(the runs folder must be one\)/.test(e.message),
  );
  assert.throws(
    () => ensureDir(path.join(f, "sub")),
    (e: unknown) => e instanceof FileError && /is a file, not a folder/.test(e.message),
  );
});
