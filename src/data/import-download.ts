/**
 * Import branch of {@link prepareRavdess} that downloads the archive (by default the official
 * Zenodo one, {@link RAVDESS_SPEECH_ZIP}) into a cache folder, resuming and MD5-checked, then
 * extracts it (`import-zip.ts`).
 */
import path from "node:path";
import { FileError } from "../util/errors";
import { downloadFile, type DownloadOptions, type DownloadProgress } from "./download";
import { extractRavdessZip } from "./import-zip";
import type { ImportContext, PrepareRavdessResult } from "./import-context";

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

/** What {@link importDownload} needs: the archive's URL and checks, and the download's options. */
export interface DownloadImport {
  url: string;
  /** Expected MD5 (hex); without it the download is not checked and only the URL recognises it again. */
  md5?: string;
  /** Expected size in bytes. */
  size?: number;
  /** Where the archive goes (`<name>.part` while in progress). */
  cacheDir: string;
  /** Options passed to `downloadFile` (timeouts, retries). */
  download?: Omit<DownloadOptions, "md5" | "size" | "onProgress" | "onLog">;
  onProgress?: (p: DownloadProgress) => void;
}

/**
 * Downloads the archive into `cacheDir` (or uses it there once its MD5 is checked) and extracts it
 * into `ctx.dest`; does nothing when `dest` already holds that archive (same MD5, or same URL
 * without an MD5). The official archive must hold all 24 actors.
 * @throws FileError naming the URL (with the `--from` hint when offline) or the archive
 */
export async function importDownload(ctx: ImportContext, d: DownloadImport): Promise<PrepareRavdessResult> {
  const { dest, onLog, intact } = ctx;
  const { url, md5, size } = d;
  const officialUrl = url === RAVDESS_SPEECH_ZIP.url;
  const sameUrl = !ctx.force && intact !== null && intact.source.kind === "url" && intact.source.location === url;
  if (md5 ? ctx.holds({ checksum: `md5:${md5}` }) : sameUrl) {
    onLog(`${dest} already holds ${intact!.clips} clips from ${intact!.source.location}; nothing to do (--force redoes it)`);
    return ctx.result(intact!, true);
  }
  const name = decodeURIComponent(new URL(url).pathname.split("/").pop() || "download.zip");
  const target = path.join(d.cacheDir, name);
  onLog(`downloading ${url}\n  to ${target}${size ? ` (${(size / 1e6).toFixed(1)} MB)` : ""}`);
  let r: Awaited<ReturnType<typeof downloadFile>>;
  try {
    r = await downloadFile(url, target, { ...d.download, md5, size, onProgress: d.onProgress, onLog });
  } catch (err) {
    if (err instanceof FileError && err.path === url) {
      throw new FileError(url, `${err.message.slice(url.length + 2)}\n  Without internet access, import a local copy: npm run data -- --from <Audio_Speech_Actors zip or folder>`);
    }
    throw err;
  }
  onLog(r.cached ? `using ${target} (already downloaded, MD5 ${r.md5} checked)` : `downloaded ${r.bytes} bytes, MD5 ${r.md5} ${md5 ? (officialUrl ? "matches the checksum Zenodo publishes" : "matches the expected MD5") : "(no checksum given to check)"}`);
  const expectActors = officialUrl ? Array.from({ length: RAVDESS_SPEECH_ZIP.actors }, (_, i) => i + 1) : undefined;
  return extractRavdessZip(ctx, r.path, { kind: "url", location: url, checksum: `md5:${r.md5}`, bytes: r.bytes }, expectActors);
}
