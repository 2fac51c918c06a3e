/**
 * Real RAVDESS clips for tests, located by the project's one rule (src/data/locate.ts:
 * `$SER_RAVDESS`, the archive beside the repository, `data/ravdess/`). When none is there, every
 * helper throws a FileError saying how to provide the audio: tests that need it fail, never skip.
 */
import fs from "node:fs";
import path from "node:path";
import { prepareRavdess, ravdessDirProblem } from "../../src/data/prepare";
import { readRavdessEntry, requireRavdess, type RavdessLocation } from "../../src/data/locate";
import { decodeWav } from "../../src/audio/wav";
import { FileError } from "../../src/util/errors";
import { projectPath } from "../../src/util/paths";

/** Where the RAVDESS audio is (a zip or a folder). @throws FileError with how to provide it */
export function ravdessSource(): RavdessLocation {
  return requireRavdess();
}

/** The RAVDESS zip, for tests of the zip reader and the import. @throws FileError when the located copy is a folder */
export function ravdessZipPath(): string {
  const loc = requireRavdess();
  if (loc.kind !== "zip") throw new FileError(loc.path, "this test reads the RAVDESS zip itself; point SER_RAVDESS at the official zip");
  return loc.path;
}

let pending: Promise<string> | null = null;

/**
 * The folder of real RAVDESS clips (`<project>/data/ravdess`, official layout `Actor_NN/*.wav`),
 * importing the located zip or folder first when it is not there yet (a few seconds, once), through
 * the same code path as `npm run data -- --from <zip or folder>`.
 * @example const root = await ravdessRoot(); const clips = await scanRavdess(root);
 */
export function ravdessRoot(): Promise<string> {
  pending ??= (async () => {
    const dest = projectPath("data", "ravdess");
    if ((await ravdessDirProblem(dest)) === null) return dest;
    await prepareRavdess({ from: requireRavdess().path, dest, onLog: () => {} });
    return dest;
  })();
  pending.catch(() => (pending = null));
  return pending;
}

/** The bytes of one clip by archive path ("Actor_01/03-01-01-01-01-01-01.wav"): data/ravdess/ when extracted, else the located copy. */
export async function readRavdessClip(entry: string): Promise<Buffer> {
  const local = projectPath("data", "ravdess", ...entry.split("/"));
  if (fs.existsSync(local)) return fs.readFileSync(local);
  return Buffer.from(await readRavdessEntry(requireRavdess(), entry));
}

/** Reads and decodes one clip (int16 / 32768 as float32, as soundfile and the fixture scripts do). */
export async function loadRavdessClip(entry: string): Promise<{ y: Float32Array; sr: number }> {
  const { samples, sr } = decodeWav(await readRavdessClip(entry), path.basename(entry));
  return { y: samples[0], sr };
}
