/**
 * One real RAVDESS clip for parity tests (HPSS, CQT, chroma_cqt, tonnetz): read from
 * `data/ravdess/<entry>` when present, else straight from the shared zip, and decoded by
 * decodeWav (int16 / 32768 as float32, the decoding test/fixtures/make_cqt.py uses). Nothing is copied.
 */
import fs from "node:fs";
import path from "node:path";
import { readZipEntry } from "../../src/data/zip";
import { decodeWav } from "../../src/audio/wav";
import { projectRoot } from "../../src/util/paths";

/** The zip: `$SER_RAVDESS_ZIP` or `<project>/../shared/data/Audio_Speech_Actors_01-20.zip`. */
export function ravdessZip(): string {
  return process.env.SER_RAVDESS_ZIP ?? path.join(projectRoot(), "..", "shared", "data", "Audio_Speech_Actors_01-20.zip");
}

/** True when real clips can be read (extracted folder or zip). */
export function ravdessAvailable(): boolean {
  return fs.existsSync(path.join(projectRoot(), "data", "ravdess")) || fs.existsSync(ravdessZip());
}

/** Reads and decodes `entry` (e.g. "Actor_01/03-01-01-01-01-01-01.wav"). */
export async function loadRavdessClip(entry: string): Promise<{ y: Float32Array; sr: number }> {
  const local = path.join(projectRoot(), "data", "ravdess", entry);
  const bytes = fs.existsSync(local) ? fs.readFileSync(local) : await readZipEntry(ravdessZip(), entry);
  const { samples, sr } = decodeWav(bytes, entry);
  return { y: samples[0], sr };
}
