// `npm run data` end to end: the shared RAVDESS zip imported once into a temp folder (a few
// seconds), then re-runs, folders, other sources, broken inputs, the download path against a local
// server, and the CLI itself.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import http from "node:http";
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import type { AddressInfo } from "node:net";
import {
  MANIFEST_NAME,
  RAVDESS_SPEECH_ZIP,
  checkRavdessLayout,
  prepareRavdess,
  ravdessDirProblem,
  readRavdessManifest,
  type PrepareRavdessResult,
} from "../../src/data/prepare";
import { countBy, scanRavdess } from "../../src/data/scan";
import { EMOTIONS } from "../../src/data/ravdess";
import { hashFile } from "../../src/data/download";
import { FileError } from "../../src/util/errors";
import { projectRoot } from "../../src/util/paths";
import { ravdessRoot, ravdessZipPath } from "../helpers/ravdess";
import { makeZip, ravdessEntries, tinyWav, type ZipInput } from "./make-zip";

const ZIP = ravdessZipPath();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ser-prep-"));
process.on("exit", () => fs.rmSync(tmp, { recursive: true, force: true }));
const quiet = { onLog: () => {} };
const realDest = path.join(tmp, "real", "ravdess");
let real: PrepareRavdessResult;

function zipFile(name: string, entries: ZipInput[]): string {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, makeZip(entries));
  return p;
}
const siblingsOf = (dest: string): string[] => (fs.existsSync(path.dirname(dest)) ? fs.readdirSync(path.dirname(dest)).filter((e) => e.includes(".tmp-")) : []);

before(async () => {
  real = await prepareRavdess({ from: ZIP, dest: realDest, ...quiet });
});

test("--from the shared zip: 1200 clips, 160 per emotion (neutral 80), 60 per actor, 20 actors, 600 per gender", async () => {
  assert.equal(real.unchanged, false);
  const clips = await scanRavdess(realDest);
  for (const counts of [real.manifest, { clips: clips.length, perEmotion: countBy(clips, "emotion"), perGender: countBy(clips, "gender") }]) {
    assert.equal(counts.clips, 1200);
    assert.deepEqual(counts.perEmotion, { neutral: 80, calm: 160, happy: 160, sad: 160, angry: 160, fearful: 160, disgust: 160, surprised: 160 });
    assert.deepEqual(counts.perGender, { female: 600, male: 600 });
  }
  const perActor = countBy(clips, "actor");
  assert.equal(Object.keys(perActor).length, 20);
  assert.ok(Object.values(perActor).every((n) => n === 60));
  assert.equal(real.manifest.actorCount, 20);
  assert.deepEqual(real.manifest.actors, Array.from({ length: 20 }, (_, i) => i + 1));
  assert.ok(clips.every((c) => c.modality === "audio-only" && c.vocalChannel === "speech"));
  assert.ok(clips.every((c) => path.basename(path.dirname(c.path)) === `Actor_${String(c.actor).padStart(2, "0")}`));
  // The manifest records the source, its checksum, the date and every file's size.
  const m = readRavdessManifest(realDest)!;
  assert.equal(m.source.kind, "zip");
  assert.equal(m.source.location, ZIP);
  assert.equal(m.source.checksum, `md5:${await hashFile(ZIP)}`);
  assert.equal(m.source.bytes, fs.statSync(ZIP).size);
  assert.ok(Date.now() - Date.parse(m.createdAt) < 10 * 60_000);
  assert.equal(Object.keys(m.files).length, 1200);
  assert.equal(m.files["Actor_20/03-01-05-01-01-01-20.wav"], fs.statSync(path.join(realDest, "Actor_20/03-01-05-01-01-01-20.wav")).size);
  assert.match(m.citation, /e0196391/);
  assert.match(m.licence, /CC BY-NC-SA 4\.0/);
  assert.equal(await ravdessDirProblem(realDest), null);
  assert.deepEqual(siblingsOf(realDest), [], "no temporary folder left");
});

test("a re-run is a no-op; a changed clip makes it import again", async () => {
  const ino = fs.statSync(realDest).ino;
  const logs: string[] = [];
  const again = await prepareRavdess({ from: ZIP, dest: realDest, onLog: (m) => logs.push(m) });
  assert.equal(again.unchanged, true);
  assert.equal(again.manifest.createdAt, real.manifest.createdAt);
  assert.equal(fs.statSync(realDest).ino, ino, "the folder was not replaced");
  assert.ok(logs.some((l) => /nothing to do/.test(l)), logs.join("\n"));
  assert.ok(Number.isFinite(again.seconds) && again.seconds >= 0);
});

test("a truncated zip leaves no destination folder and says why", async () => {
  const cut = path.join(tmp, "cut.zip");
  const fd = fs.openSync(ZIP, "r");
  const head = Buffer.alloc(20 << 20);
  fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  fs.writeFileSync(cut, head);
  const dest = path.join(tmp, "cut", "ravdess");
  await assert.rejects(prepareRavdess({ from: cut, dest, ...quiet }), (e: unknown) => e instanceof FileError && e.path === cut && /truncated: central directory not found/.test(e.message));
  assert.equal(fs.existsSync(dest), false);
  assert.deepEqual(siblingsOf(dest), []);
});

test("--from a folder hard-links the clips; again is a no-op; --force redoes it", async () => {
  const dest = path.join(tmp, "linked", "ravdess");
  const r = await prepareRavdess({ from: realDest, dest, ...quiet });
  assert.equal(r.manifest.source.kind, "folder");
  assert.equal(r.manifest.source.method, "hardlink");
  assert.equal(r.manifest.clips, 1200);
  const rel = "Actor_03/03-01-04-02-01-01-03.wav";
  assert.equal(fs.statSync(path.join(dest, rel)).ino, fs.statSync(path.join(realDest, rel)).ino, "same inode: a hard link");
  assert.equal((await prepareRavdess({ from: realDest, dest, ...quiet })).unchanged, true);
  const forced = await prepareRavdess({ from: realDest, dest, force: true, ...quiet });
  assert.equal(forced.unchanged, false);
  assert.notEqual(forced.manifest.createdAt, r.manifest.createdAt);
  assert.equal(await ravdessDirProblem(dest), null);
  await assert.rejects(prepareRavdess({ from: dest, dest, ...quiet }), /is the destination itself/);
});

test("a different source replaces the data; a failed import keeps the old data", async () => {
  const dest = path.join(tmp, "swap", "ravdess");
  const a = zipFile("a.zip", ravdessEntries([1, 2]));
  const b = zipFile("b.zip", ravdessEntries([1, 2, 3]));
  assert.equal((await prepareRavdess({ from: a, dest, ...quiet })).manifest.clips, 120);
  const r = await prepareRavdess({ from: b, dest, ...quiet });
  assert.equal(r.unchanged, false);
  assert.equal(r.manifest.clips, 180);
  assert.equal(r.manifest.source.location, b);
  assert.equal((await scanRavdess(dest)).length, 180);
  // A corrupt entry near the end: some files were extracted into the temporary folder, then it fails.
  const entries = ravdessEntries([4]);
  const buf = makeZip(entries.map((e) => ({ ...e, method: "store" as const })));
  const cdStart = buf.readUInt32LE(buf.length - 6);
  const lastData = buf.lastIndexOf(Buffer.from("data"), cdStart); // the last clip's WAV "data" chunk
  assert.ok(lastData > 0);
  buf[lastData + 10] ^= 0xff;
  const corrupt = path.join(tmp, "corrupt.zip");
  fs.writeFileSync(corrupt, buf);
  await assert.rejects(prepareRavdess({ from: corrupt, dest, ...quiet }), (e: unknown) => e instanceof FileError && /CRC-32 mismatch/.test(e.message));
  assert.equal(readRavdessManifest(dest)!.source.location, b, "the old data is still there");
  assert.equal(await ravdessDirProblem(dest), null);
  assert.deepEqual(siblingsOf(dest), []);
});

test("wrong content is refused before anything is written", async () => {
  const base = ravdessEntries([1]);
  const cases: [string, ZipInput[], RegExp][] = [
    ["stray.zip", [...base, { name: "README.txt", data: Buffer.from("hi") }], /README\.txt: not in an Actor_NN\/ folder/],
    ["missing.zip", base.slice(0, -1), /Actor_01: 59 clips, expected 60/],
    ["song.zip", [...base, { name: "Actor_01/03-02-03-01-01-01-01.wav", data: tinyWav() }], /audio-only song, expected audio-only speech/],
    ["video.zip", [...base, { name: "Actor_01/02-01-03-01-01-01-01.wav", data: tinyWav() }], /video-only speech/],
    ["folder.zip", [...base, { name: "Actor_02/03-01-03-01-01-01-01.wav", data: tinyWav() }], /actor 1 in the name, but the folder is Actor_02/],
    ["badname.zip", [...base, { name: "Actor_01/03-01-01-02-01-01-01.wav", data: tinyWav() }], /neutral \(01\) with strong intensity/],
    ["empty.zip", [], /no RAVDESS clips at all/],
  ];
  for (const [name, entries, re] of cases) {
    const z = zipFile(name, entries);
    const dest = path.join(tmp, `bad-${name}`, "ravdess");
    await assert.rejects(prepareRavdess({ from: z, dest, ...quiet }), (e: unknown) => e instanceof FileError && e.path === z && /wrong content for RAVDESS speech/.test(e.message) && re.test(e.message), name);
    assert.equal(fs.existsSync(dest), false, name);
  }
  // Not a WAV inside: caught after extraction by the header check.
  const notWav = zipFile("notwav.zip", base.map((e, i) => (i === 5 ? { ...e, data: Buffer.from("not a wav file at all") } : e)));
  const dest = path.join(tmp, "notwav", "ravdess");
  await assert.rejects(prepareRavdess({ from: notWav, dest, ...quiet }), /not a WAV file \(no RIFF\/WAVE header\)/);
  assert.equal(fs.existsSync(dest), false);
  assert.throws(() => checkRavdessLayout(["Actor_01/x.wav"], "src", [1, 2]), /actors 2 are missing|x\.wav/);
});

test("a folder without a manifest is not replaced unless --force; stale temporary folders are cleaned", async () => {
  const dest = path.join(tmp, "manual", "ravdess");
  fs.mkdirSync(dest, { recursive: true });
  fs.writeFileSync(path.join(dest, "mine.txt"), "keep me");
  const stale = path.join(tmp, "manual", ".ravdess.tmp-999999999-deadbeef");
  fs.mkdirSync(stale);
  const z = zipFile("one.zip", ravdessEntries([5]));
  await assert.rejects(prepareRavdess({ from: z, dest, ...quiet }), /has no \.manifest\.json .* --force/);
  assert.ok(fs.existsSync(path.join(dest, "mine.txt")));
  assert.equal(fs.existsSync(stale), false, "the stale temporary folder of a dead process was removed");
  const r = await prepareRavdess({ from: z, dest, force: true, ...quiet });
  assert.equal(r.manifest.clips, 60);
  assert.equal(fs.existsSync(path.join(dest, "mine.txt")), false);
});

test("the download path: fetched into the cache, MD5-checked, extracted; a re-run makes no request", async (t) => {
  const body = makeZip(ravdessEntries([7, 8]));
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? "");
    if (!req.url?.startsWith("/records/1/files/Audio_Speech_Actors_01-24.zip")) return res.writeHead(404).end();
    res.writeHead(200, { "content-length": body.length }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  t.after(() => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/records/1/files/Audio_Speech_Actors_01-24.zip?download=1`;
  const md5 = createHash("md5").update(body).digest("hex");
  const cacheDir = path.join(tmp, "dl", ".cache");
  const dest = path.join(tmp, "dl", "ravdess");
  let progress = 0;
  const r = await prepareRavdess({ url, md5, cacheDir, dest, onProgress: () => progress++, ...quiet });
  assert.equal(r.manifest.source.kind, "url");
  assert.equal(r.manifest.source.location, url);
  assert.equal(r.manifest.source.checksum, `md5:${md5}`);
  assert.equal(r.manifest.clips, 120);
  assert.ok(progress > 0);
  assert.ok(fs.existsSync(path.join(cacheDir, "Audio_Speech_Actors_01-24.zip")), "the archive stays in the cache");
  assert.equal(requests.length, 1);
  assert.equal((await prepareRavdess({ url, md5, cacheDir, dest, ...quiet })).unchanged, true);
  assert.equal(requests.length, 1, "no request when the data is there");
  // --force re-extracts from the cached archive (its MD5 checked again) without downloading.
  assert.equal((await prepareRavdess({ url, md5, cacheDir, dest, force: true, ...quiet })).unchanged, false);
  assert.equal(requests.length, 1);
  // A wrong published checksum: refused, the data stays as it was.
  fs.rmSync(path.join(cacheDir, "Audio_Speech_Actors_01-24.zip"));
  await assert.rejects(prepareRavdess({ url, md5: "f".repeat(32), cacheDir, dest, force: true, ...quiet }), /MD5 mismatch/);
  assert.equal(fs.existsSync(path.join(cacheDir, "Audio_Speech_Actors_01-24.zip.part")), false);
  assert.equal(await ravdessDirProblem(dest), null);
});

test("without a network the download fails at once and suggests --from", async () => {
  const closed = http.createServer();
  await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((r) => closed.close(() => r()));
  const url = `http://127.0.0.1:${port}/Audio_Speech_Actors_01-24.zip`;
  const logs: string[] = [];
  await assert.rejects(
    prepareRavdess({ url, cacheDir: path.join(tmp, "nonet", ".cache"), dest: path.join(tmp, "nonet", "ravdess"), onLog: (m) => logs.push(m) }),
    (e: unknown) => e instanceof FileError && e.path === url && /cannot connect \(ECONNREFUSED/.test(e.message) && /npm run data -- --from/.test(e.message),
  );
  assert.ok(!logs.some((l) => /retrying|resuming/.test(l)), `no retries for a refused connection:\n${logs.join("\n")}`);
  assert.equal(fs.existsSync(path.join(tmp, "nonet", "ravdess")), false);
});

test("the official archive constants", () => {
  assert.equal(RAVDESS_SPEECH_ZIP.url, "https://zenodo.org/records/1188976/files/Audio_Speech_Actors_01-24.zip?download=1");
  assert.match(RAVDESS_SPEECH_ZIP.md5, /^[0-9a-f]{32}$/);
  assert.equal(RAVDESS_SPEECH_ZIP.clips, RAVDESS_SPEECH_ZIP.actors * 60);
  assert.equal(MANIFEST_NAME, ".manifest.json");
  assert.equal(EMOTIONS.length, 8);
});

test("the CLI: summary, a no-op re-run, an error for a truncated zip", () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", "src/cli/data.ts", ...args], { cwd: projectRoot(), encoding: "utf8", env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: "2" } });
  const z = zipFile("cli.zip", ravdessEntries([9, 10]));
  const dest = path.join(tmp, "cli", "ravdess");
  const first = cli("--from", z, "--dest", dest);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /ready: .*cli\/ravdess/);
  assert.match(first.stdout, /clips {4}120/);
  assert.match(first.stdout, /actors {3}2 \(9–10; 60 female clips, 60 male clips\)/);
  assert.match(first.stdout, /neutral {4}8\n/);
  assert.match(first.stdout, /surprised {2}16\n/);
  const second = cli("--from", z, "--dest", dest);
  assert.equal(second.status, 0, second.stderr);
  assert.match(second.stdout, /nothing to do/);
  assert.match(second.stdout, /already present/);
  const cut = path.join(tmp, "cli-cut.zip");
  fs.writeFileSync(cut, fs.readFileSync(z).subarray(0, 5000));
  const bad = cli("--from", cut, "--dest", path.join(tmp, "cli-bad", "ravdess"));
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /\[data\] error: .*cli-cut\.zip: truncated: central directory not found/);
  assert.equal(fs.existsSync(path.join(tmp, "cli-bad", "ravdess")), false);
  const help = cli("--help");
  assert.equal(help.status, 0);
  assert.match(help.stdout, /usage: npm run data/);
  const unknown = cli("--frm", z);
  assert.equal(unknown.status, 1);
  assert.match(unknown.stderr, /unknown argument "--frm"/);
});

test("ravdessRoot() gives a valid data/ravdess (importing the shared zip when needed)", async () => {
  const root = await ravdessRoot();
  assert.equal(root, path.join(projectRoot(), "data", "ravdess"));
  assert.equal(await ravdessDirProblem(root), null);
  const m = readRavdessManifest(root)!;
  assert.ok(m.clips >= 1200 && m.clips % 60 === 0);
});
