/**
 * `.manifest.json` of a data folder: what is in it and where it came from, read back to tell
 * whether the folder is complete ({@link ravdessDirProblem}) and written at the end of an import.
 */
import fs from "node:fs";
import path from "node:path";
import { wavInfo } from "../audio/wav";
import { EMOTIONS, type RavdessClip } from "./ravdess";
import { countBy, scanRavdess } from "./scan";
import { checkRavdessLayout } from "./ravdess-layout";

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

/** Checks each clip's WAV header and chunk sizes (a truncated or lying clip fails here, not in a later `ser extract`). */
async function checkWavFiles(root: string, rels: readonly string[]): Promise<void> {
  for (const rel of rels) {
    const file = path.join(root, rel);
    wavInfo(await fs.promises.readFile(file), file);
  }
}

function summarise(clips: readonly RavdessClip[]): Pick<RavdessManifest, "clips" | "actorCount" | "actors" | "perEmotion" | "perGender"> {
  const actors = Object.keys(countBy(clips, "actor")).map(Number);
  const perEmotion: Record<string, number> = {};
  const byEmotion = countBy(clips, "emotion");
  for (const e of EMOTIONS) perEmotion[e] = byEmotion[e] ?? 0;
  return { clips: clips.length, actorCount: actors.length, actors, perEmotion, perGender: countBy(clips, "gender") };
}

/**
 * Checks the filled temporary folder of an import (layout, the expected actors, every WAV header)
 * and writes its `.manifest.json`.
 * @param tmp the temporary folder that will become the data folder
 * @param source where the clips came from
 * @param actors the actors the source's listing showed; exactly these must be there
 * @returns the manifest written
 */
export async function writeImportManifest(tmp: string, source: RavdessSource, actors: readonly number[]): Promise<RavdessManifest> {
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
