/**
 * Import branch of {@link prepareRavdess} for a local folder in the official layout: its clips are
 * hard-linked (copied across file systems) into a temporary sibling of the destination, checked,
 * and renamed into place.
 */
import fs from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import { FileError, ParameterError } from "../util/errors";
import { writeDirAtomic } from "../util/atomic-write";
import { scanRavdess } from "./scan";
import { hashFile } from "./download";
import { checkRavdessLayout } from "./ravdess-layout";
import { writeImportManifest, type RavdessManifest } from "./ravdess-manifest";
import { namingSource, type ImportContext, type PrepareRavdessResult } from "./import-context";

/** MD5 of a folder's clips: the MD5 of "<md5>  <relative path>\n" lines in sorted order (like `md5sum`). */
async function hashTree(root: string, rels: readonly string[]): Promise<string> {
  const h = createHash("md5");
  for (const rel of [...rels].sort()) h.update(`${await hashFile(path.join(root, rel))}  ${rel}\n`);
  return h.digest("hex");
}

/** Link errors after which a copy is tried instead (another file system, no hard links there). */
const COPY_INSTEAD = new Set(["EXDEV", "EPERM", "ENOTSUP", "EMLINK"]);

/**
 * Imports the clips of folder `fromArg` into `ctx.dest`, or does nothing when `dest` already holds
 * clips with the same MD5 listing.
 * @throws ParameterError when the folder is the destination; FileError naming the folder or clip
 */
export async function importFolder(ctx: ImportContext, fromArg: string): Promise<PrepareRavdessResult> {
  const { dest, onLog } = ctx;
  const from = path.resolve(fromArg);
  if (from === dest) throw new ParameterError(`from=${JSON.stringify(fromArg)} is the destination itself`);
  const clips = await scanRavdess(from, { strict: true });
  const rels = clips.map((c) => path.relative(from, c.path).split(path.sep).join("/"));
  const actors = checkRavdessLayout(rels, from);
  onLog(`checking ${from} (${clips.length} clips, ${actors.length} actors)`);
  const sizes = await Promise.all(rels.map(async (r) => (await fs.promises.stat(path.join(from, r))).size));
  const checksum = `md5:${await hashTree(from, rels)}`;
  if (ctx.holds({ checksum })) {
    onLog(`${dest} already holds these ${ctx.intact!.clips} clips (${ctx.intact!.source.location}); nothing to do (--force redoes it)`);
    return ctx.result(ctx.intact!, true);
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
        if (!COPY_INSTEAD.has(code ?? "")) throw new FileError(target, `cannot link or copy (${code})`);
        await fs.promises.copyFile(path.join(from, rel), target);
      }
    }
    const method = linked === rels.length ? "hardlink" : "copy";
    onLog(`${method === "hardlink" ? "hard-linked" : "copied"} ${rels.length} clips from ${from}`);
    manifest = await writeImportManifest(tmp, { kind: "folder", location: from, checksum, bytes: sizes.reduce((a, b) => a + b, 0), method }, actors);
  }));
  onLog(`wrote ${dest}`);
  return ctx.result(manifest, false);
}
