/**
 * What the three import branches of {@link prepareRavdess} (`import-folder.ts`, `import-zip.ts`,
 * `import-download.ts`) share: the destination's current state, the "same source, nothing to do"
 * test, the result, and errors that name the source rather than a temporary folder.
 */
import fs from "node:fs";
import path from "node:path";
import { FileError } from "../util/errors";
import { sweepStaleTemps } from "../util/temp-dir";
import { MANIFEST_NAME, ravdessDirProblem, readRavdessManifest, type RavdessManifest, type RavdessSource } from "./ravdess-manifest";

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

/** The destination of one import, as found before it starts. */
export interface ImportContext {
  /** The data folder (absolute). */
  readonly dest: string;
  /** Redo the import even when `dest` holds the same source. */
  readonly force: boolean;
  /** `dest`'s manifest when it is there and the folder is intact, else null. */
  readonly intact: RavdessManifest | null;
  readonly onLog: (message: string) => void;
  /**
   * Whether `dest` already holds `source` (and nothing is to be done): the same checksum when
   * given, else the same kind, location, size and modification time. Always false with `force`.
   */
  holds(source: Partial<RavdessSource>): boolean;
  /** The result of the call, its seconds counted from the context's creation. */
  result(manifest: RavdessManifest, unchanged: boolean): PrepareRavdessResult;
}

/**
 * Looks at `dest` before an import: sweeps temporary folders left by killed runs, reads its
 * manifest and checks the clips it lists.
 * @throws FileError when `dest` holds files but no manifest (not made by `npm run data`) and not `force`
 */
export async function importContext(dest: string, force: boolean, onLog: (message: string) => void): Promise<ImportContext> {
  const t0 = Date.now();
  sweepStaleTemps(dest, onLog);
  const existing = readRavdessManifest(dest);
  const problem = existing ? await ravdessDirProblem(dest) : null;
  if (!existing && fs.existsSync(dest) && fs.readdirSync(dest).length > 0 && !force) {
    throw new FileError(dest, `exists but has no ${MANIFEST_NAME} (it was not made by \`npm run data\`); move it away, or pass --force to replace it`);
  }
  if (existing && problem !== null) onLog(`${dest}: ${problem}; importing again`);
  const intact = existing && problem === null ? existing : null;
  return {
    dest,
    force,
    intact,
    onLog,
    holds: (src) =>
      !force &&
      intact !== null &&
      (src.checksum
        ? intact.source.checksum === src.checksum
        : intact.source.kind === src.kind && intact.source.location === src.location && intact.source.bytes === src.bytes && intact.source.mtimeMs === src.mtimeMs),
    result: (manifest, unchanged) => ({ dest, unchanged, manifest, seconds: (Date.now() - t0) / 1000 }),
  };
}

/**
 * Runs `fill(tmp)` for writeDirAtomic, and names the source instead of the temporary folder in its
 * errors (the temporary folder is gone by the time the user reads the message).
 */
export function namingSource(source: string, fill: (tmp: string) => Promise<void>): (tmp: string) => Promise<void> {
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
