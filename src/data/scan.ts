/**
 * Finding RAVDESS clips on disk, and tabulating them.
 */
import fs from "node:fs";
import path from "node:path";
import type { DataFrame } from "danfojs-node";
import { FileError, ParameterError } from "../util/errors";
import { EMOTIONS, parseRavdessName, ravdessNameProblem, type RavdessClip } from "./ravdess";

/** Options of {@link scanRavdess}. */
export interface ScanRavdessOptions {
  /**
   * Default false: files that are not RAVDESS WAV names are skipped with one warning listing them.
   * True: such a file is an error (FileError naming every such file).
   */
  strict?: boolean;
  /** Receives the one warning about skipped files. Default `console.warn`. */
  onWarning?: (message: string, skipped: readonly string[]) => void;
}

const ACTOR_DIR = /^Actor_(\d+)$/;

/** Lists files under `dir` recursively, skipping hidden entries ("." prefix) and `__MACOSX`. */
async function walk(dir: string, out: string[]): Promise<string[]> {
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw new FileError(dir, `cannot read folder (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  for (const e of entries) {
    if (e.name.startsWith(".") || e.name === "__MACOSX") continue;
    const p = path.join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      const st = await fs.promises.stat(p).catch(() => null);
      isDir = !!st?.isDirectory();
      isFile = !!st?.isFile();
    }
    if (isDir) await walk(p, out);
    else if (isFile) out.push(p);
  }
  return out;
}

/** Lists the problems of a list of `[file, problem]`, at most `max` of them. */
function listProblems(items: readonly [string, string][], max = 10): string {
  const shown = items.slice(0, max).map(([f, p]) => `  ${f}: ${p}`);
  if (items.length > max) shown.push(`  … and ${items.length - max} more`);
  return shown.join("\n");
}

/**
 * Compares clips by actor, then file name (so by emotion, intensity, statement, repetition).
 * The order every function of this group returns.
 */
export function compareClips(a: RavdessClip, b: RavdessClip): number {
  return a.actor - b.actor || (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

/**
 * Walks `root` (the official layout `Actor_NN/*.wav`, but any depth works) and parses every RAVDESS
 * WAV name into a record. Hidden files and folders (".manifest.json") and `__MACOSX` are ignored.
 * A file inside a folder named `Actor_NN` must carry actor NN in its name.
 * @param root folder to scan
 * @returns clips sorted by actor, then file name; `path` is absolute
 * @throws FileError if root is missing, a clip sits in the wrong actor folder, or (strict) a file is not RAVDESS
 * @example
 * const clips = await scanRavdess("data/ravdess");
 * clips.length // 1200 for actors 1–20
 */
export async function scanRavdess(root: string, options: ScanRavdessOptions = {}): Promise<RavdessClip[]> {
  const { strict = false, onWarning = (m: string) => console.warn(m) } = options;
  const abs = path.resolve(root);
  const st = await fs.promises.stat(abs).catch(() => null);
  if (!st) throw new FileError(abs, "no such folder");
  if (!st.isDirectory()) throw new FileError(abs, "not a folder");
  const files = (await walk(abs, [])).sort();
  const clips: RavdessClip[] = [];
  const skipped: [string, string][] = [];
  const misplaced: [string, string][] = [];
  for (const f of files) {
    const problem = ravdessNameProblem(f);
    if (problem) {
      skipped.push([path.relative(abs, f), problem]);
      continue;
    }
    const clip = parseRavdessName(f);
    const m = ACTOR_DIR.exec(path.basename(path.dirname(f)));
    if (m && Number(m[1]) !== clip.actor) {
      misplaced.push([path.relative(abs, f), `actor ${clip.actor} in the name, but the folder is ${path.basename(path.dirname(f))}`]);
      continue;
    }
    clips.push(clip);
  }
  if (misplaced.length) {
    throw new FileError(abs, `${misplaced.length} clip${misplaced.length === 1 ? " is" : "s are"} in the wrong actor folder:\n${listProblems(misplaced)}`);
  }
  if (skipped.length) {
    const msg = `${skipped.length} file${skipped.length === 1 ? " is" : "s are"} not RAVDESS clips`;
    if (strict) throw new FileError(abs, `${msg}:\n${listProblems(skipped)}`);
    onWarning(`scanRavdess: skipped ${msg} under ${abs}:\n${listProblems(skipped)}`, skipped.map(([f]) => f));
  }
  return clips.sort(compareClips);
}

/** The columns of {@link toDataFrame}, in order. */
export const CLIP_COLUMNS = [
  "path",
  "fileName",
  "modality",
  "vocalChannel",
  "emotion",
  "emotionId",
  "intensity",
  "statement",
  "repetition",
  "actor",
  "gender",
] as const satisfies readonly (keyof RavdessClip)[];

/**
 * A danfojs-node DataFrame with one row per clip and the columns {@link CLIP_COLUMNS}.
 * danfojs-node (and with it tfjs-node) is loaded on first call.
 * @param records clips, e.g. from {@link scanRavdess}
 * @returns DataFrame [records.length rows × 11 columns] (an empty one with the same columns for no records)
 * @example
 * const df = toDataFrame(await scanRavdess("data/ravdess"));
 * df.groupby(["emotion"]).count().print();
 */
export function toDataFrame(records: readonly RavdessClip[]): DataFrame {
  const dfd = require("danfojs-node") as typeof import("danfojs-node");
  if (records.length === 0) return new dfd.DataFrame([], { columns: [...CLIP_COLUMNS] });
  const columns: Record<string, (string | number)[]> = {};
  for (const c of CLIP_COLUMNS) columns[c] = records.map((r) => r[c]);
  return new dfd.DataFrame(columns, { columns: [...CLIP_COLUMNS] });
}

function compareKeys(a: string | number, b: string | number): number {
  const ea = (EMOTIONS as readonly unknown[]).indexOf(a);
  const eb = (EMOTIONS as readonly unknown[]).indexOf(b);
  if (ea >= 0 && eb >= 0) return ea - eb;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/**
 * Counts records by one field (or a function of the record), keys in a fixed order: emotions in
 * {@link EMOTIONS} order, numbers ascending, other strings alphabetically.
 * @param records clips
 * @param key a field name ("emotion", "actor", "gender", ...) or a function giving the key
 * @returns a plain object key → count
 * @example countBy(clips, "emotion") // { neutral: 80, calm: 160, ..., surprised: 160 } for actors 1–20
 */
export function countBy<T extends object>(records: readonly T[], key: keyof T | ((r: T) => string | number)): Record<string, number> {
  if (typeof key !== "function" && typeof key !== "string") throw new ParameterError(`countBy: key=${String(key)} must be a field name or a function`);
  const get = typeof key === "function" ? key : (r: T) => r[key] as unknown as string | number;
  const counts = new Map<string | number, number>();
  for (const r of records) {
    const k = get(r);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const out: Record<string, number> = {};
  for (const k of [...counts.keys()].sort(compareKeys)) out[String(k)] = counts.get(k)!;
  return out;
}
