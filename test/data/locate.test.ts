import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { listRavdessEntries, locateRavdess, readRavdessEntry, requireRavdess, RAVDESS_ENV } from "../../src/data/locate";
import { FileError } from "../../src/util/errors";

/** A fake machine: <tmp>/repo (the project root) beside <tmp>/shared/data. */
function machine(): { root: string; beside: string; cleanup: () => void } {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ser-locate-"));
  const root = path.join(tmp, "repo");
  const beside = path.join(tmp, "shared", "data");
  fs.mkdirSync(root, { recursive: true });
  fs.mkdirSync(beside, { recursive: true });
  return { root, beside, cleanup: () => fs.rmSync(tmp, { recursive: true, force: true }) };
}

function actorFolder(dir: string, files: string[] = ["03-01-05-01-01-01-01.wav"]): void {
  fs.mkdirSync(path.join(dir, "Actor_01"), { recursive: true });
  for (const f of files) fs.writeFileSync(path.join(dir, "Actor_01", f), "RIFF");
}

test("nothing anywhere: null, and requireRavdess says the three ways to provide it", () => {
  const m = machine();
  try {
    assert.equal(locateRavdess({ root: m.root, env: {} }), null);
    assert.throws(() => requireRavdess({ root: m.root, env: {} }), (e: unknown) => e instanceof FileError && /SER_RAVDESS/.test(e.message) && /npm run data/.test(e.message) && /\.\.\/shared\/data\//.test(e.message));
  } finally {
    m.cleanup();
  }
});

test("order: $SER_RAVDESS, then the archive beside the repository (full archive first), then data/ravdess", () => {
  const m = machine();
  try {
    actorFolder(path.join(m.root, "data", "ravdess"));
    assert.deepEqual(locateRavdess({ root: m.root, env: {} }), { kind: "folder", path: path.join(m.root, "data", "ravdess"), source: "data" });
    fs.writeFileSync(path.join(m.beside, "Audio_Speech_Actors_01-20.zip"), "PK");
    assert.equal(locateRavdess({ root: m.root, env: {} })?.path, path.join(m.beside, "Audio_Speech_Actors_01-20.zip"));
    fs.writeFileSync(path.join(m.beside, "Audio_Speech_Actors_01-24.zip"), "PK");
    assert.deepEqual(locateRavdess({ root: m.root, env: {} }), { kind: "zip", path: path.join(m.beside, "Audio_Speech_Actors_01-24.zip"), source: "beside" });
    const own = path.join(m.root, "..", "mine");
    actorFolder(own);
    assert.deepEqual(locateRavdess({ root: m.root, env: { [RAVDESS_ENV]: "../mine" } }), { kind: "folder", path: path.resolve(own), source: "env" });
  } finally {
    m.cleanup();
  }
});

test("a $SER_RAVDESS that names nothing usable is an error, not a silent fallback", () => {
  const m = machine();
  try {
    fs.writeFileSync(path.join(m.beside, "Audio_Speech_Actors_01-20.zip"), "PK");
    assert.throws(() => locateRavdess({ root: m.root, env: { [RAVDESS_ENV]: "nope.zip" } }), /SER_RAVDESS=nope\.zip/);
    fs.mkdirSync(path.join(m.root, "empty"));
    assert.throws(() => locateRavdess({ root: m.root, env: { [RAVDESS_ENV]: "empty" } }), /no folder of Actor_NN/);
  } finally {
    m.cleanup();
  }
});

test("a folder copy lists its clips in the official layout and reads them; a missing clip names itself", async () => {
  const m = machine();
  try {
    const dir = path.join(m.root, "data", "ravdess");
    actorFolder(dir, ["03-01-05-01-01-01-01.wav", "03-01-01-01-01-01-01.wav", "notes.txt"]);
    const loc = requireRavdess({ root: m.root, env: {} });
    assert.deepEqual(await listRavdessEntries(loc), ["Actor_01/03-01-01-01-01-01-01.wav", "Actor_01/03-01-05-01-01-01-01.wav"]);
    assert.equal(Buffer.from(await readRavdessEntry(loc, "Actor_01/03-01-05-01-01-01-01.wav")).toString(), "RIFF");
    await assert.rejects(readRavdessEntry(loc, "Actor_02/03-01-05-01-01-01-02.wav"), /Actor_02\/03-01-05-01-01-01-02\.wav/);
  } finally {
    m.cleanup();
  }
});

test("on this machine RAVDESS is found, and a zip copy lists 60 clips per actor", async () => {
  const loc = requireRavdess();
  const entries = await listRavdessEntries(loc);
  assert.ok(entries.length >= 1200, `${entries.length} clips at ${loc.path}`);
  assert.equal(entries.filter((e) => e.startsWith("Actor_01/")).length, 60);
});
