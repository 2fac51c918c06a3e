/**
 * Where the RAVDESS speech audio is: the one rule every test, benchmark, fixture script and
 * command uses.
 *
 * 1. `$SER_RAVDESS`: a zip in the official archive layout or a folder of `Actor_NN/*.wav`;
 * 2. the archive beside the repository: `<project>/../shared/data/Audio_Speech_Actors_01-24.zip`
 *    (the full official archive) or `…/Audio_Speech_Actors_01-20.zip`;
 * 3. `<project>/data/ravdess/`, what `npm run data` fills on a machine with internet.
 *
 * No absolute path of any machine is written here; everything is relative to the project root.
 */
import fs from "node:fs";
import path from "node:path";
import { FileError } from "../util/errors";
import { projectRoot } from "../util/paths";
import { listZipEntries, readZipEntry } from "./zip";
import { isRavdessName } from "./ravdess";

/** The environment variable that names a RAVDESS zip or folder. */
export const RAVDESS_ENV = "SER_RAVDESS";

/** Archive names looked for beside the repository, the full official archive first. */
export const BESIDE_ARCHIVES: readonly string[] = ["Audio_Speech_Actors_01-24.zip", "Audio_Speech_Actors_01-20.zip"];

/** A located copy of RAVDESS speech. */
export interface RavdessLocation {
  /** A zip in the official layout, or a folder holding `Actor_NN/` folders. */
  kind: "zip" | "folder";
  /** Absolute path of the zip or folder. */
  path: string;
  /** Which rule found it. */
  source: "env" | "beside" | "data";
}

/** Options of {@link locateRavdess}; the defaults are the process's environment and this project. */
export interface LocateRavdessOptions {
  env?: Readonly<Record<string, string | undefined>>;
  root?: string;
}

function hasActorFolders(dir: string): boolean {
  try {
    return fs.readdirSync(dir).some((n) => /^Actor_\d\d$/.test(n));
  } catch {
    return false;
  }
}

function classify(p: string, source: RavdessLocation["source"]): RavdessLocation | null {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch {
    return null;
  }
  if (st.isFile()) return { kind: "zip", path: p, source };
  if (st.isDirectory() && hasActorFolders(p)) return { kind: "folder", path: p, source };
  return null;
}

/**
 * Finds RAVDESS speech by the rule above.
 * @returns the location, or null when none of the three places holds it
 * @throws FileError when `$SER_RAVDESS` is set but names nothing usable (a typo must not fall
 *   through silently to another copy)
 */
export function locateRavdess(options: LocateRavdessOptions = {}): RavdessLocation | null {
  const env = options.env ?? process.env;
  const root = options.root ?? projectRoot();
  const fromEnv = env[RAVDESS_ENV];
  if (fromEnv !== undefined && fromEnv !== "") {
    const p = path.resolve(root, fromEnv);
    const loc = classify(p, "env");
    if (!loc) throw new FileError(p, `${RAVDESS_ENV}=${fromEnv} names no RAVDESS zip and no folder of Actor_NN/`);
    return loc;
  }
  for (const name of BESIDE_ARCHIVES) {
    const loc = classify(path.resolve(root, "..", "shared", "data", name), "beside");
    if (loc) return loc;
  }
  return classify(path.join(root, "data", "ravdess"), "data");
}

/** What to do when RAVDESS is nowhere: the message tests and commands print. */
export function ravdessHowTo(): string {
  return (
    `RAVDESS speech audio is needed. Provide it in one of three ways: set ${RAVDESS_ENV} to the ` +
    `official zip or a folder of Actor_NN/*.wav; put the archive beside the repository as ` +
    `../shared/data/${BESIDE_ARCHIVES[0]} (or ${BESIDE_ARCHIVES[1]}); or run \`npm run data\` ` +
    `(downloads it into data/ravdess/; \`npm run data -- --from <zip or folder>\` imports a local copy).`
  );
}

/**
 * {@link locateRavdess}, or a FileError saying how to provide the audio.
 * @example const { path: zip } = requireRavdess();
 */
export function requireRavdess(options: LocateRavdessOptions = {}): RavdessLocation {
  const loc = locateRavdess(options);
  if (!loc) throw new FileError(options.root ?? projectRoot(), `no RAVDESS audio found. ${ravdessHowTo()}`);
  return loc;
}

/**
 * The bytes of one clip of a located copy.
 * @param entry official-layout path, e.g. "Actor_01/03-01-01-01-01-01-01.wav"
 */
export async function readRavdessEntry(loc: RavdessLocation, entry: string): Promise<Uint8Array> {
  if (loc.kind === "zip") return readZipEntry(loc.path, entry);
  const file = path.join(loc.path, entry);
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new FileError(file, `cannot read RAVDESS clip ${entry} (${(e as Error).message})`);
  }
}

/**
 * The official-layout paths of the RAVDESS clips in a located copy ("Actor_01/03-01-….wav"),
 * sorted; other files are left out.
 */
export async function listRavdessEntries(loc: RavdessLocation): Promise<string[]> {
  const names =
    loc.kind === "zip"
      ? (await listZipEntries(loc.path)).map((e) => e.name)
      : fs
          .readdirSync(loc.path)
          .filter((d) => /^Actor_\d\d$/.test(d))
          .flatMap((d) => fs.readdirSync(path.join(loc.path, d)).map((n) => `${d}/${n}`));
  return names.filter((n) => isRavdessName(n.split("/").pop() ?? "")).sort();
}
