/**
 * Test helpers: a minimal zip writer (stored or deflated entries, no zip64) and tiny RAVDESS-like
 * archives, so zip, download and import tests can build their own inputs in a temp folder.
 */
import zlib from "node:zlib";
import { formatRavdessName, EMOTIONS, INTENSITIES, type Emotion } from "../../src/data/ravdess";

export interface ZipInput {
  name: string;
  data?: Buffer;
  /** Default "deflate" for files; folders (name ending in "/") are stored empty. */
  method?: "store" | "deflate";
}

/** Builds a zip archive in memory. */
export function makeZip(entries: readonly ZipInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  const dosTime = 0;
  const dosDate = ((2024 - 1980) << 9) | (1 << 5) | 1;
  for (const e of entries) {
    const isDir = e.name.endsWith("/");
    const data = isDir ? Buffer.alloc(0) : (e.data ?? Buffer.alloc(0));
    const method = isDir || e.method === "store" ? 0 : 8;
    const stored = method === 8 ? zlib.deflateRawSync(data) : data;
    const crc = zlib.crc32(data) >>> 0;
    const name = Buffer.from(e.name, "utf8");
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(0x0800, 6); // UTF-8 names
    lh.writeUInt16LE(method, 8);
    lh.writeUInt16LE(dosTime, 10);
    lh.writeUInt16LE(dosDate, 12);
    lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(stored.length, 18);
    lh.writeUInt32LE(data.length, 22);
    lh.writeUInt16LE(name.length, 26);
    lh.writeUInt16LE(0, 28);
    locals.push(lh, name, stored);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE((3 << 8) | 20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(0x0800, 8);
    ch.writeUInt16LE(method, 10);
    ch.writeUInt16LE(dosTime, 12);
    ch.writeUInt16LE(dosDate, 14);
    ch.writeUInt32LE(crc, 16);
    ch.writeUInt32LE(stored.length, 20);
    ch.writeUInt32LE(data.length, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(isDir ? 0x10 : 0, 38);
    ch.writeUInt32LE(offset, 42);
    centrals.push(ch, name);
    offset += lh.length + name.length + stored.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

/** A valid 16-bit mono WAV of `n` samples (a short ramp), 48 kHz. */
export function tinyWav(n = 32, seed = 0): Buffer {
  const b = Buffer.alloc(44 + 2 * n);
  b.write("RIFF", 0, "latin1");
  b.writeUInt32LE(36 + 2 * n, 4);
  b.write("WAVE", 8, "latin1");
  b.write("fmt ", 12, "latin1");
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(48000, 24);
  b.writeUInt32LE(96000, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write("data", 36, "latin1");
  b.writeUInt32LE(2 * n, 40);
  for (let i = 0; i < n; i++) b.writeInt16LE(((i * 97 + seed * 31) % 2000) - 1000, 44 + 2 * i);
  return b;
}

/** The 60 speech file names of one actor, in RAVDESS order. */
export function actorClipNames(actor: number): string[] {
  const out: string[] = [];
  for (const emotion of EMOTIONS as readonly Emotion[]) {
    for (const intensity of INTENSITIES) {
      if (emotion === "neutral" && intensity === "strong") continue;
      for (const statement of [1, 2] as const) {
        for (const repetition of [1, 2] as const) out.push(formatRavdessName({ emotion, actor, intensity, statement, repetition }));
      }
    }
  }
  return out;
}

/** Zip entries of a tiny RAVDESS speech archive in the official layout for `actors`. */
export function ravdessEntries(actors: readonly number[]): ZipInput[] {
  const out: ZipInput[] = [];
  for (const a of actors) {
    const dir = `Actor_${String(a).padStart(2, "0")}/`;
    out.push({ name: dir });
    actorClipNames(a).forEach((n, i) => out.push({ name: dir + n, data: tinyWav(16 + (i % 5), a * 100 + i) }));
  }
  return out;
}
