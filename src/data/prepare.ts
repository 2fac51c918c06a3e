/**
 * `npm run data`: puts the RAVDESS speech clips into `data/ravdess/` (official layout
 * `Actor_NN/03-01-EE-II-SS-RR-NN.wav`) from the official Zenodo archive, a local zip, or a local
 * folder, atomically, with a `.manifest.json` that records where they came from.
 *
 * This file is the dispatcher; each source has its own file (`import-folder.ts`, `import-zip.ts`,
 * `import-download.ts`), the layout check is in `ravdess-layout.ts` and the manifest in
 * `ravdess-manifest.ts` (their public names are re-exported here).
 */
import fs from "node:fs";
import path from "node:path";
import { projectPath } from "../util/paths";
import type { DownloadOptions, DownloadProgress } from "./download";
import { importContext, type PrepareRavdessResult } from "./import-context";
import { importFolder } from "./import-folder";
import { importZip } from "./import-zip";
import { importDownload, RAVDESS_SPEECH_ZIP } from "./import-download";

export { CLIPS_PER_ACTOR, checkRavdessLayout } from "./ravdess-layout";
export { MANIFEST_NAME, ravdessDirProblem, readRavdessManifest, type RavdessManifest, type RavdessSource } from "./ravdess-manifest";
export { RAVDESS_SPEECH_ZIP } from "./import-download";
export type { PrepareRavdessResult } from "./import-context";

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

/**
 * Puts RAVDESS speech clips into `dest` (default `data/ravdess/`), all or nothing:
 * - default: downloads the official Zenodo archive to `data/.cache/` (resuming, MD5-checked);
 * - `from` a zip: uses that archive (the official `Audio_Speech_Actors_01-24.zip`, or a copy with
 *   fewer actors such as `Audio_Speech_Actors_01-20.zip`);
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
 * const r = await prepareRavdess({ from: path.join(os.homedir(), "Downloads", "Audio_Speech_Actors_01-24.zip") });
 * r.manifest.clips // 1440
 */
export async function prepareRavdess(options: PrepareRavdessOptions = {}): Promise<PrepareRavdessResult> {
  const { force = false, onLog = (m: string) => console.log(m), from } = options;
  const dest = path.resolve(options.dest ?? projectPath("data", "ravdess"));
  const ctx = await importContext(dest, force, onLog);
  if (from !== undefined && fs.existsSync(from) && fs.statSync(from).isDirectory()) return importFolder(ctx, from);
  if (from !== undefined) return importZip(ctx, from);
  const url = options.url ?? RAVDESS_SPEECH_ZIP.url;
  const official = url === RAVDESS_SPEECH_ZIP.url;
  return importDownload(ctx, {
    url,
    md5: options.md5 ?? (official ? RAVDESS_SPEECH_ZIP.md5 : undefined),
    size: options.size ?? (official ? RAVDESS_SPEECH_ZIP.size : undefined),
    cacheDir: path.resolve(options.cacheDir ?? projectPath("data", ".cache")),
    download: options.download,
    onProgress: options.onProgress,
  });
}
