/** Shared helpers of the audio tests (not a test file). */
import { readRavdessClip } from "../helpers/ravdess";

/** A canonical 44-byte-header WAV of interleaved samples (16-bit PCM by default), as libsndfile writes it. */
export function buildWav(frames: { channels: number; sr: number; data: Int16Array | Uint8Array; bits?: number; formatTag?: number }): Uint8Array {
  const { channels, sr, data, bits = 16, formatTag = 1 } = frames;
  const payload = data instanceof Int16Array ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : data;
  const out = new Uint8Array(44 + payload.length + (payload.length & 1));
  const dv = new DataView(out.buffer);
  const ascii = (at: number, s: string) => [...s].forEach((ch, i) => (out[at + i] = ch.charCodeAt(0)));
  const blockAlign = Math.ceil((channels * bits) / 8);
  ascii(0, "RIFF");
  dv.setUint32(4, out.length - 8, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  dv.setUint32(16, 16, true);
  dv.setUint16(20, formatTag, true);
  dv.setUint16(22, channels, true);
  dv.setUint32(24, sr, true);
  dv.setUint32(28, sr * blockAlign, true);
  dv.setUint16(32, blockAlign, true);
  dv.setUint16(34, bits, true);
  ascii(36, "data");
  dv.setUint32(40, payload.length, true);
  out.set(payload, 44);
  return out;
}

/** int16 samples from the LCG of make_load.py: state = 1664525·state + 1013904223 (mod 2^32), top 16 bits. */
export function lcgInt16(n: number, seed: number): Int16Array {
  const out = new Int16Array(n);
  let state = seed >>> 0;
  for (let i = 0; i < n; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = ((state >>> 16) << 16) >> 16;
  }
  return out;
}

/** The ±1 signs of make_load.py's random projections, for projection k over n samples. */
export function projectionSigns(k: number, n: number): Int8Array {
  const s = new Int8Array(n);
  const add = Math.imul(k + 1, 0x85ebca77) >>> 0;
  for (let i = 0; i < n; i++) {
    let h = (Math.imul(i, 0x9e3779b1) + add) >>> 0;
    h = (h ^ (h >>> 15)) >>> 0;
    h = Math.imul(h, 0x2c1b3c6d) >>> 0;
    h = (h ^ (h >>> 12)) >>> 0;
    s[i] = h >>> 31 === 0 ? 1 : -1;
  }
  return s;
}

export function f32(b64: string): Float32Array {
  const buf = Buffer.from(b64, "base64");
  return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
}

/** SNR in dB of `ours` against `ref`. */
export function snrDb(ours: ArrayLike<number>, ref: ArrayLike<number>): number {
  let se = 0;
  let sr = 0;
  for (let i = 0; i < ref.length; i++) {
    const d = ours[i] - ref[i];
    se += d * d;
    sr += ref[i] * ref[i];
  }
  return se === 0 ? Infinity : 10 * Math.log10(sr / se);
}

/** A RAVDESS clip's bytes by archive path, from wherever the project's one rule finds RAVDESS. @throws FileError saying how to provide it */
export async function ravdessClip(archivePath: string): Promise<{ bytes: Buffer; source: string }> {
  return { bytes: await readRavdessClip(archivePath), source: archivePath };
}
