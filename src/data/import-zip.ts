/**
 * Import branch of {@link prepareRavdess} for a zip (a local one, or the downloaded archive): its
 * listing is checked, then it is extracted into a temporary sibling of the destination, checked
 * again and renamed into place.
 */
import fs from "node:fs";
import path from "node:path";
import { FileError } from "../util/errors";
import { writeDirAtomic } from "../util/atomic-write";
import { extractZip, listZipEntries } from "./zip";
import { hashFile } from "./download";
import { checkRavdessLayout } from "./ravdess-layout";
import { writeImportManifest, type RavdessManifest, type RavdessSource } from "./ravdess-manifest";
import { namingSource, type ImportContext, type PrepareRavdessResult } from "./import-context";

/**
 * Extracts the RAVDESS archive `zipPath` into `ctx.dest`, all or nothing.
 * @param source where the archive came from (recorded in the manifest)
 * @param expectActors when given, exactly these actors must be in the archive
 * @throws FileError naming the archive (truncated, wrong content, disk)
 */
export async function extractRavdessZip(ctx: ImportContext, zipPath: string, source: Omit<RavdessSource, "method">, expectActors?: readonly number[]): Promise<PrepareRavdessResult> {
  const { dest, onLog } = ctx;
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
    manifest = await writeImportManifest(tmp, { ...source, method: "extract" }, actors);
  }));
  onLog(`wrote ${dest}`);
  return ctx.result(manifest, false);
}

/**
 * Imports the local zip `fromArg` into `ctx.dest`, or does nothing when `dest` already holds it
 * (same path, size and modification time, or the same MD5).
 * @throws FileError when `fromArg` does not exist, or naming the archive
 */
export async function importZip(ctx: ImportContext, fromArg: string): Promise<PrepareRavdessResult> {
  const { dest, onLog } = ctx;
  const zipPath = path.resolve(fromArg);
  let st: fs.Stats;
  try {
    st = fs.statSync(zipPath);
  } catch {
    throw new FileError(zipPath, "no such file or folder");
  }
  const quick = { kind: "zip" as const, location: zipPath, bytes: st.size, mtimeMs: st.mtimeMs };
  if (ctx.holds(quick)) {
    onLog(`${dest} already holds ${ctx.intact!.clips} clips from ${zipPath}; nothing to do (--force redoes it)`);
    return ctx.result(ctx.intact!, true);
  }
  const checksum = `md5:${await hashFile(zipPath)}`;
  if (ctx.holds({ checksum })) {
    onLog(`${dest} already holds ${ctx.intact!.clips} clips from an archive with the same MD5 (${ctx.intact!.source.location}); nothing to do (--force redoes it)`);
    return ctx.result(ctx.intact!, true);
  }
  return extractRavdessZip(ctx, zipPath, { ...quick, checksum });
}
