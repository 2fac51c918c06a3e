/**
 * A minimal PNG encoder (8-bit RGB, no interlace) on node:zlib, for raster layers embedded in
 * charts as data URLs (a spectrogram drawn as one image instead of thousands of SVG rects).
 */
import zlib from "node:zlib";
import { ParameterError } from "../util/errors";

let crcTable: Uint32Array | null = null;

function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "ascii");
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/**
 * Encodes an RGB image as PNG.
 * @param width pixels per row (≥ 1)
 * @param height rows (≥ 1)
 * @param rgb row-major RGB bytes [height × width × 3], top row first
 * @returns the PNG file bytes
 * @example const url = "data:image/png;base64," + encodePng(2, 1, Uint8Array.of(255, 0, 0, 0, 0, 255)).toString("base64");
 */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new ParameterError(`encodePng: width=${width}, height=${height} must be positive integers`);
  }
  if (rgb.length !== width * height * 3)
    throw new ParameterError(`encodePng: rgb has ${rgb.length} bytes, expected ${width} × ${height} × 3 = ${width * height * 3}`);
  const stride = width * 3;
  const raw = Buffer.alloc((stride + 1) * height); // filter byte 0 (None) per row
  for (let y = 0; y < height; y++) raw.set(rgb.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  return pngFile(width, height, 2, [chunk("IDAT", zlib.deflateSync(raw, { level: 9 }))]);
}

/**
 * A whole 8-bit PNG file: signature, IHDR (colour type 2 truecolour or 3 palette), the given chunks
 * (PLTE, IDAT), IEND.
 */
function pngFile(width: number, height: number, colourType: 2 | 3, chunks: Buffer[]): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = colourType;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), ...chunks, chunk("IEND", new Uint8Array(0))]);
}

/**
 * Decodes a PNG written by {@link encodePng} (8-bit RGB, filter 0 rows only) — for tests and checks.
 * @returns width, height and RGB bytes [height × width × 3]
 */
export function decodePng(png: Uint8Array): { width: number; height: number; rgb: Uint8Array } {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new ParameterError("decodePng: not a PNG file");
  let off = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString("ascii", off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[9] !== 2) throw new ParameterError("decodePng: only 8-bit RGB images are supported");
    } else if (type === "IDAT") idat.push(data);
    off += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * 3;
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    if (raw[y * (stride + 1)] !== 0) throw new ParameterError(`decodePng: row ${y} uses PNG filter ${raw[y * (stride + 1)]}; only 0 is supported`);
    rgb.set(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)), y * stride);
  }
  return { width, height, rgb };
}

/**
 * Encodes an RGBA image (composited over white) as an 8-bit palette PNG: exact when it has at most
 * 256 colours (a chart's flat fills and text), else the 128 most frequent colours of a 4-bit-per-channel
 * histogram with every pixel mapped to its nearest palette entry (a spectrogram's colour ramp keeps
 * its steps). Several times smaller than truecolour for charts.
 * @param rgba row-major RGBA bytes [height × width × 4]
 * @returns the PNG file bytes
 */
export function encodePngPalette(width: number, height: number, rgba: Uint8Array): Buffer {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new ParameterError(`encodePngPalette: width=${width}, height=${height} must be positive integers`);
  }
  if (rgba.length !== width * height * 4) throw new ParameterError(`encodePngPalette: rgba has ${rgba.length} bytes, expected ${width} × ${height} × 4`);
  const n = width * height;
  const rgb = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const a = rgba[4 * i + 3];
    const over = (c: number) => Math.round((c * a + 255 * (255 - a)) / 255);
    rgb[i] = (over(rgba[4 * i]) << 16) | (over(rgba[4 * i + 1]) << 8) | over(rgba[4 * i + 2]);
  }
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) counts.set(rgb[i], (counts.get(rgb[i]) ?? 0) + 1);
  let palette: number[];
  const index = new Map<number, number>();
  if (counts.size <= 256) {
    palette = [...counts.keys()];
    palette.forEach((c, k) => index.set(c, k));
  } else {
    const coarse = new Map<number, { n: number; r: number; g: number; b: number }>();
    for (const [c, k] of counts) {
      const key = (((c >> 20) & 0xf) << 8) | (((c >> 12) & 0xf) << 4) | ((c >> 4) & 0xf);
      const e = coarse.get(key) ?? { n: 0, r: 0, g: 0, b: 0 };
      e.n += k;
      e.r += k * ((c >> 16) & 255);
      e.g += k * ((c >> 8) & 255);
      e.b += k * (c & 255);
      coarse.set(key, e);
    }
    palette = [...coarse.values()]
      .sort((x, y) => y.n - x.n)
      .slice(0, 128)
      .map((e) => (Math.round(e.r / e.n) << 16) | (Math.round(e.g / e.n) << 8) | Math.round(e.b / e.n));
    for (const c of counts.keys()) {
      let best = 0;
      let bestD = Infinity;
      for (let k = 0; k < palette.length; k++) {
        const p = palette[k];
        const dr = ((c >> 16) & 255) - ((p >> 16) & 255);
        const dg = ((c >> 8) & 255) - ((p >> 8) & 255);
        const db = (c & 255) - (p & 255);
        const d = 2 * dr * dr + 4 * dg * dg + 3 * db * db;
        if (d < bestD) {
          bestD = d;
          best = k;
        }
      }
      index.set(c, best);
    }
  }
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = index.get(rgb[y * width + x])!;
  // Rows as they are (filter 0), or each as its difference from the row above (filter 2, "Up"):
  // whichever deflates smaller (charts repeat rows; a spectrogram's columns change slowly).
  const up = Buffer.from(raw);
  for (let y = height - 1; y >= 0; y--) {
    up[y * (width + 1)] = 2;
    if (y > 0) for (let x = 1; x <= width; x++) up[y * (width + 1) + x] = (raw[y * (width + 1) + x] - raw[(y - 1) * (width + 1) + x]) & 255;
  }
  const plain = zlib.deflateSync(raw, { level: 9 });
  const diffed = zlib.deflateSync(up, { level: 9 });
  const plte = Buffer.alloc(3 * palette.length);
  palette.forEach((c, k) => {
    plte[3 * k] = (c >> 16) & 255;
    plte[3 * k + 1] = (c >> 8) & 255;
    plte[3 * k + 2] = c & 255;
  });
  return pngFile(width, height, 3, [chunk("PLTE", plte), chunk("IDAT", diffed.length < plain.length ? diffed : plain)]);
}
