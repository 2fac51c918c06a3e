/**
 * `npm run data`: puts the RAVDESS speech clips into `data/ravdess/` (official layout
 * `Actor_NN/03-01-EE-II-SS-RR-NN.wav`) from the official Zenodo archive, a local zip, or a local
 * folder, atomically, with a `.manifest.json` that records where they came from.
 */
import fs from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import { FileError, ParameterError } from "../util/errors";
import { writeDirAtomic } from "../util/atomic-write";
import { sweepStaleTemps } from "../util/temp-dir";
import { wavInfo } from "../audio/wav";
import { projectPath } from "../util/paths";
import { EMOTIONS, parseRavdessName, ravdessNameProblem, type RavdessClip } from "./ravdess";
import { countBy, scanRavdess } from "./scan";
import { extractZip, listZipEntries } from "./zip";
import { downloadFile, hashFile, type DownloadOptions, type DownloadProgress } from "./download";

/** The official audio-only speech archive of RAVDESS on Zenodo (record 1188976, v1.0.0). */
export const RAVDESS_SPEECH_ZIP = Object.freeze({
  name: "Audio_Speech_Actors_01-24.zip",
  /** Zenodo's current (InvenioRDM) file URL; it redirects to the file's storage. */
  url: "https://zenodo.org/records/1188976/files/Audio_Speech_Actors_01-24.zip?download=1",
  /** MD5 that Zenodo publishes for this file. */
  md5: "bc696df654c87fed845eb13823edef8a",
  /** Size in bytes (208.5 MB). */
  size: 208_468_073,
  record: "https://zenodo.org/records/1188976",
  doi: "10.5281/zenodo.1188976",
  actors: 24,
  clips: 1440,
});

/** Clips per actor in the speech set: neutral 2×2, seven emotions × 2 intensities × 2 statements × 2 repetitions. */
export const CLIPS_PER_ACTOR = 60;

/** The name of the manifest inside the data folder. */
export const MANIFEST_NAME = ".manifest.json";

/** Where a data folder came from. */
export interface RavdessSource {
  /** "url": downloaded; "zip": a local zip; "folder": a local folder in the official layout. */
  readonly kind: "url" | "zip" | "folder";
  /** The URL, or the absolute local path. */
  readonly location: string;
  /** "md5:<hex>" of the zip; for a folder, the MD5 of its `md5sum`-style listing (one "<md5>  <path>" line per clip). */
  readonly checksum: string;
  /** Size of the zip, or the total size of the clips, in bytes. */
  readonly bytes: number;
  /** How the clips were put in place: extracted from a zip, hard-linked or copied from a folder. */
  readonly method: "extract" | "hardlink" | "copy";
  /** For a local zip: its modification time, to recognise it again without hashing. */
  readonly mtimeMs?: number;
}

/** `.manifest.json`: what is in a data folder and where it came from. */
export interface RavdessManifest {
  readonly format: 1;
  readonly dataset: string;
  readonly source: RavdessSource;
  /** ISO 8601 date and time of the import. */
  readonly createdAt: string;
  readonly clips: number;
  /** Number of actors, and which. */
  readonly actorCount: number;
  readonly actors: number[];
  readonly perEmotion: Record<string, number>;
  readonly perGender: Record<string, number>;
  readonly licence: string;
  readonly citation: string;
  /** Every clip's path relative to the folder ("Actor_01/03-01-01-01-01-01-01.wav") → size in bytes. */
  readonly files: Record<string, number>;
}

const LICENCE = "CC BY-NC-SA 4.0 (https://creativecommons.org/licenses/by-nc-sa/4.0/)";
const CITATION =
  "Livingstone SR, Russo FA (2018) The Ryerson Audio-Visual Database of Emotional Speech and Song (RAVDESS). PLoS ONE 13(5): e0196391. doi:10.5281/zenodo.1188976";

/**
 * Reads `<dir>/.manifest.json`, or null when it is missing or not a manifest.
 * @example readRavdessManifest("data/ravdess")?.clips // 1200
 */
export function readRavdessManifest(dir: string): RavdessManifest | null {
  try {
    const m = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_NAME), "utf8")) as RavdessManifest;
    return m && m.format === 1 && m.source && m.files && typeof m.clips === "number" ? m : null;
  } catch {
    return null;
  }
}

/**
 * Why `dir` is not a complete data folder made by {@link prepareRavdess} (no manifest, a clip
 * missing or of the wrong size), or null when it is. Checks names and sizes, not contents.
 * @example await ravdessDirProblem("data/ravdess") // null when ready
 */
export async function ravdessDirProblem(dir: string): Promise<string | null> {
  if (!fs.existsSync(dir)) return `${dir} does not exist`;
  const m = readRavdessManifest(dir);
  if (!m) return `${path.join(dir, MANIFEST_NAME)} is missing or unreadable`;
  const names = Object.keys(m.files);
  if (names.length !== m.clips) return `${MANIFEST_NAME} lists ${names.length} files but says ${m.clips} clips`;
  let bad = 0;
  let first = "";
  for (const rel of names) {
    const st = await fs.promises.stat(path.join(dir, rel)).catch(() => null);
    if (!st || !st.isFile() || st.size !== m.files[rel]) {
      if (!bad) first = `${rel} is ${st ? `${st.size} bytes, expected ${m.files[rel]}` : "missing"}`;
      bad++;
    }
  }
  return bad ? `${bad} of ${names.length} clips missing or changed (first: ${first})` : null;
}

const LAYOUT = /^Actor_(\d\d)\/([^/]+)$/;

/**
 * Checks that `names` (paths relative to the data root, "/"-separated, folders excluded) are
 * exactly the RAVDESS audio-only speech clips of some actors in the official layout: each
 * `Actor_NN/03-01-EE-II-SS-RR-NN.wav`, no duplicates, 60 per actor.
 * @param names relative file paths
 * @param source the zip or folder, for the error message
 * @param expectActors when given, exactly these actors must be present
 * @returns actors present, ascending
 * @throws FileError naming `source` and listing the offending entries
 */
export function checkRavdessLayout(names: readonly string[], source: string, expectActors?: readonly number[]): number[] {
  const problems: string[] = [];
  const perActor = new Map<number, Set<string>>();
  for (const n of names) {
    const m = LAYOUT.exec(n);
    if (!m) {
      problems.push(`${n}: not in an Actor_NN/ folder of the official layout`);
      continue;
    }
    const why = ravdessNameProblem(m[2]);
    if (why) {
      problems.push(`${n}: ${why}`);
      continue;
    }
    const c = parseRavdessName(m[2]);
    if (c.modality !== "audio-only" || c.vocalChannel !== "speech") problems.push(`${n}: ${c.modality} ${c.vocalChannel}, expected audio-only speech (03-01-…)`);
    else if (c.actor !== Number(m[1])) problems.push(`${n}: actor ${c.actor} in the name, but the folder is Actor_${m[1]}`);
    else {
      const set = perActor.get(c.actor) ?? new Set<string>();
      if (set.has(c.fileName)) problems.push(`${n}: duplicate`);
      set.add(c.fileName);
      perActor.set(c.actor, set);
    }
  }
  const actors = [...perActor.keys()].sort((a, b) => a - b);
  for (const a of actors) {
    const k = perActor.get(a)!.size;
    if (k !== CLIPS_PER_ACTOR) problems.push(`Actor_${String(a).padStart(2, "0")}: ${k} clips, expected ${CLIPS_PER_ACTOR}`);
  }
  if (actors.length === 0 && problems.length === 0) problems.push("no RAVDESS clips at all");
  if (expectActors) {
    const missing = expectActors.filter((a) => !perActor.has(a));
    if (missing.length) problems.push(`actors ${missing.join(", ")} are missing`);
  }
  if (problems.length) {
    const shown = problems.slice(0, 12).map((p) => `  ${p}`);
    if (problems.length > 12) shown.push(`  … and ${problems.length - 12} more`);
    throw new FileError(source, `wrong content for RAVDESS speech (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${shown.join("\n")}`);
  }
  return actors;
}

/** Checks each clip's WAV header and chunk sizes (a truncated or lying clip fails here, not in a later `ser extract`). */
async function checkWavFiles(root: string, rels: readonly string[]): Promise<void> {
  for (const rel of rels) {
    const file = path.join(root, rel);
    wavInfo(await fs.promises.readFile(file), file);
  }
}

/**
 * Runs `fill(tmp)` for writeDirAtomic, and names the source instead of the temporary folder in its
 * errors (the temporary folder is gone by the time the user reads the message).
 */
function namingSource(source: string, fill: (tmp: string) => Promise<void>): (tmp: string) => Promise<void> {
  return async (tmp) => {
    try {
      await fill(tmp);
    } catch (err) {
      if (err instanceof FileError && (err.path === tmp || err.path.startsWith(tmp + path.sep))) {
        const rel = path.relative(tmp, err.path).split(path.sep).join("/");
        const problem = err.message.slice(err.path.length + 2).split(tmp + path.sep).join("");
        throw new FileError(source, rel ? `${rel}: ${problem}` : problem);
      }
      throw err;
    }
  };
}

/** MD5 of a folder's clips: the MD5 of "<md5>  <relative path>\n" lines in sorted order (like `md5sum`). */
async function hashTree(root: string, rels: readonly string[]): Promise<string> {
  const h = createHash("md5");
  for (const rel of [...rels].sort()) h.update(`${await hashFile(path.join(root, rel))}  ${rel}\n`);
  return h.digest("hex");
}

/** Options of {@link prepareRavdess}. */
export interface PrepareRavdessOptions {
  /** A local zip or a folder in the official layout. Default: download {@link RAVDESS_SPEECH_ZIP}. */
  from?: string;
  /** The data folder. Default `<project>/data/ravdess`. */
  dest?: string;
  /** Where downloads go (`<name>.part` while in progress). Default `<project>/data/.cache`. */
  cacheDir?: string;
  /** Redo the import even when `dest` already holds this source. Also allows replacing a `dest` without a manifest. Default false. */
  force?: boolean;
  /** Download URL, MD5 and size (default: {@link RAVDESS_SPEECH_ZIP}'s); the archive must then hold all 24 actors unless `url` is changed. */
  url?: string;
  md5?: string;
  size?: number;
  /** Options passed to `downloadFile` (timeouts, retries). */
  download?: Omit<DownloadOptions, "md5" | "size" | "onProgress" | "onLog">;
  /** Download progress. Default: none. */
  onProgress?: (p: DownloadProgress) => void;
  /** Messages for the user. Default `console.log`. */
  onLog?: (message: string) => void;
}

/** What {@link prepareRavdess} did. */
export interface PrepareRavdessResult {
  /** The data folder (absolute). */
  readonly dest: string;
  /** True when the data was already there from the same source: nothing was done. */
  readonly unchanged: boolean;
  readonly manifest: RavdessManifest;
  /** Wall-clock seconds of the whole call. */
  readonly seconds: number;
}

function summarise(clips: readonly RavdessClip[]): Pick<RavdessManifest, "clips" | "actorCount" | "actors" | "perEmotion" | "perGender"> {
  const actors = Object.keys(countBy(clips, "actor")).map(Number);
  const perEmotion: Record<string, number> = {};
  const byEmotion = countBy(clips, "emotion");
  for (const e of EMOTIONS) perEmotion[e] = byEmotion[e] ?? 0;
  return { clips: clips.length, actorCount: actors.length, actors, perEmotion, perGender: countBy(clips, "gender") };
}

/**
 * Puts RAVDESS speech clips into `dest` (default `data/ravdess/`), all or nothing:
 * - default: downloads the official Zenodo archive to `data/.cache/` (resuming, MD5-checked);
 * - `from` a zip: uses that archive (e.g. `/work/shared/data/Audio_Speech_Actors_01-20.zip`);
 * - `from` a folder in the official layout: hard-links its clips (copies across file systems), so
 *   `dest` stays self-contained.
 * The archive's listing is checked first (every entry an audio-only speech WAV in its `Actor_NN/`,
 * 60 per actor), then it is extracted into a temporary sibling of `dest`, checked again (names, sizes,
 * WAV headers) and renamed to `dest` with a `.manifest.json`. Any failure leaves `dest` as it was.
 * When `dest` already holds intact data from the same source, nothing is done (`unchanged: true`)
 * unless `force`; a different source replaces it.
 * @returns the folder, whether anything was done, and the manifest
 * @throws FileError naming the source and the problem (truncated zip, wrong content, checksum, disk)
 * @example
 * const r = await prepareRavdess({ from: "/work/shared/data/Audio_Speech_Actors_01-20.zip" });
 * r.manifest.clips // 1200
 */
export async function prepareRavdess(options: PrepareRavdessOptions = {}): Promise<PrepareRavdessResult> {
  const t0 = Date.now();
  const { force = false, onLog = (m: string) => console.log(m), onProgress } = options;
  const dest = path.resolve(options.dest ?? projectPath("data", "ravdess"));
  const cacheDir = path.resolve(options.cacheDir ?? projectPath("data", ".cache"));
  const url = options.url ?? RAVDESS_SPEECH_ZIP.url;
  const officialUrl = url === RAVDESS_SPEECH_ZIP.url;
  const md5 = options.md5 ?? (officialUrl ? RAVDESS_SPEECH_ZIP.md5 : undefined);
  const size = options.size ?? (officialUrl ? RAVDESS_SPEECH_ZIP.size : undefined);
  const done = (manifest: RavdessManifest, unchanged: boolean): PrepareRavdessResult => ({ dest, unchanged, manifest, seconds: (Date.now() - t0) / 1000 });

  sweepStaleTemps(dest, onLog);
  const existing = readRavdessManifest(dest);
  const problem = existing ? await ravdessDirProblem(dest) : null;
  const intact = !!existing && problem === null;
  if (!existing && fs.existsSync(dest) && fs.readdirSync(dest).length > 0 && !force) {
    throw new FileError(dest, `exists but has no ${MANIFEST_NAME} (it was not made by \`npm run data\`); move it away, or pass --force to replace it`);
  }
  if (existing && !intact) onLog(`${dest}: ${problem}; importing again`);
  const same = (src: Partial<RavdessSource>): boolean =>
    !force && !!existing && intact && (src.checksum ? existing.source.checksum === src.checksum : existing.source.kind === src.kind && existing.source.location === src.location && existing.source.bytes === src.bytes && existing.source.mtimeMs === src.mtimeMs);

  // --- a local folder --------------------------------------------------------------------------
  if (options.from !== undefined && fs.existsSync(options.from) && fs.statSync(options.from).isDirectory()) {
    const from = path.resolve(options.from);
    if (from === dest) throw new ParameterError(`from=${JSON.stringify(options.from)} is the destination itself`);
    const clips = await scanRavdess(from, { strict: true });
    const rels = clips.map((c) => path.relative(from, c.path).split(path.sep).join("/"));
    const actors = checkRavdessLayout(rels, from);
    onLog(`checking ${from} (${clips.length} clips, ${actors.length} actors)`);
    const sizes = await Promise.all(rels.map(async (r) => (await fs.promises.stat(path.join(from, r))).size));
    const checksum = `md5:${await hashTree(from, rels)}`;
    if (same({ checksum })) {
      onLog(`${dest} already holds these ${existing!.clips} clips (${existing!.source.location}); nothing to do (--force redoes it)`);
      return done(existing!, true);
    }
    let manifest!: RavdessManifest;
    await writeDirAtomic(dest, namingSource(from, async (tmp) => {
      let linked = 0;
      for (const rel of rels) {
        const target = path.join(tmp, rel);
        await fs.promises.mkdir(path.dirname(target), { recursive: true });
        try {
          await fs.promises.link(path.join(from, rel), target);
          linked++;
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (code !== "EXDEV" && code !== "EPERM" && code !== "ENOTSUP" && code !== "EMLINK") throw new FileError(target, `cannot link or copy (${code})`);
          await fs.promises.copyFile(path.join(from, rel), target);
        }
      }
      const method = linked === rels.length ? "hardlink" : "copy";
      onLog(`${method === "hardlink" ? "hard-linked" : "copied"} ${rels.length} clips from ${from}`);
      manifest = await finish(tmp, { kind: "folder", location: from, checksum, bytes: sizes.reduce((a, b) => a + b, 0), method }, actors);
    }));
    onLog(`wrote ${dest}`);
    return done(manifest, false);
  }

  // --- a zip: local, or downloaded ---------------------------------------------------------------
  let zipPath: string;
  let source: Omit<RavdessSource, "method">;
  let expectActors: number[] | undefined;
  if (options.from !== undefined) {
    zipPath = path.resolve(options.from);
    let st: fs.Stats;
    try {
      st = fs.statSync(zipPath);
    } catch {
      throw new FileError(zipPath, "no such file or folder");
    }
    const quick = { kind: "zip" as const, location: zipPath, bytes: st.size, mtimeMs: st.mtimeMs };
    if (same(quick)) {
      onLog(`${dest} already holds ${existing!.clips} clips from ${zipPath}; nothing to do (--force redoes it)`);
      return done(existing!, true);
    }
    const checksum = `md5:${await hashFile(zipPath)}`;
    if (same({ checksum })) {
      onLog(`${dest} already holds ${existing!.clips} clips from an archive with the same MD5 (${existing!.source.location}); nothing to do (--force redoes it)`);
      return done(existing!, true);
    }
    source = { ...quick, checksum };
  } else {
    const sameUrl = !force && !!existing && intact && existing.source.kind === "url" && existing.source.location === url;
    if (md5 ? same({ checksum: `md5:${md5}` }) : sameUrl) {
      onLog(`${dest} already holds ${existing!.clips} clips from ${existing!.source.location}; nothing to do (--force redoes it)`);
      return done(existing!, true);
    }
    const name = decodeURIComponent(new URL(url).pathname.split("/").pop() || "download.zip");
    const target = path.join(cacheDir, name);
    onLog(`downloading ${url}\n  to ${target}${size ? ` (${(size / 1e6).toFixed(1)} MB)` : ""}`);
    let r: Awaited<ReturnType<typeof downloadFile>>;
    try {
      r = await downloadFile(url, target, { ...options.download, md5, size, onProgress, onLog });
    } catch (err) {
      if (err instanceof FileError && err.path === url) {
        throw new FileError(url, `${err.message.slice(url.length + 2)}\n  Without internet access, import a local copy: npm run data -- --from <Audio_Speech_Actors zip or folder>`);
      }
      throw err;
    }
    onLog(r.cached ? `using ${target} (already downloaded, MD5 ${r.md5} checked)` : `downloaded ${r.bytes} bytes, MD5 ${r.md5} ${md5 ? (officialUrl ? "matches the checksum Zenodo publishes" : "matches the expected MD5") : "(no checksum given to check)"}`);
    zipPath = r.path;
    source = { kind: "url", location: url, checksum: `md5:${r.md5}`, bytes: r.bytes };
    if (officialUrl) expectActors = Array.from({ length: RAVDESS_SPEECH_ZIP.actors }, (_, i) => i + 1);
  }

  const entries = await listZipEntries(zipPath);
  const files = entries.filter((e) => !e.isDirectory);
  const actors = checkRavdessLayout(
    files.map((e) => e.name),
    zipPath,
    expectActors,
  );
  onLog(`extracting ${files.length} clips of ${actors.length} actors from ${zipPath}`);
  let manifest!: RavdessManifest;
  await writeDirAtomic(dest, namingSource(zipPath, async (tmp) => {
    const t = Date.now();
    const r = await extractZip(zipPath, tmp);
    onLog(`extracted ${r.files.length} files (${(r.bytes / 1e6).toFixed(1)} MB) in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    manifest = await finish(tmp, { ...source, method: "extract" }, actors);
  }));
  onLog(`wrote ${dest}`);
  return done(manifest, false);
}

/** Validates the filled temporary folder and writes its manifest. */
async function finish(tmp: string, source: RavdessSource, actors: readonly number[]): Promise<RavdessManifest> {
  const clips = await scanRavdess(tmp, { strict: true });
  const rels = clips.map((c) => path.relative(tmp, c.path).split(path.sep).join("/"));
  checkRavdessLayout(rels, tmp, actors);
  await checkWavFiles(tmp, rels);
  const files: Record<string, number> = {};
  for (const rel of rels) files[rel] = (await fs.promises.stat(path.join(tmp, rel))).size;
  const manifest: RavdessManifest = {
    format: 1,
    dataset: "RAVDESS audio-only speech (Audio_Speech_Actors)",
    source,
    createdAt: new Date().toISOString(),
    ...summarise(clips),
    licence: LICENCE,
    citation: CITATION,
    files,
  };
  await fs.promises.writeFile(path.join(tmp, MANIFEST_NAME), JSON.stringify(manifest, null, 1) + "\n");
  return manifest;
}
