import { test } from "node:test";
import assert from "node:assert/strict";
import zlib from "node:zlib";
import { decodePng, encodePng } from "../../src/charts/png";

test("encodePng writes a valid PNG (signature, IHDR, CRCs) that decodes to the same pixels", () => {
  const rgb = Uint8Array.from({ length: 5 * 3 * 3 }, (_, i) => (i * 37) % 256);
  const png = encodePng(5, 3, rgb);
  assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
  assert.equal(png.toString("ascii", 12, 16), "IHDR");
  assert.equal(png.readUInt32BE(16), 5);
  assert.equal(png.readUInt32BE(20), 3);
  // the IEND chunk's CRC is the well-known AE 42 60 82
  assert.deepEqual([...png.subarray(png.length - 4)], [0xae, 0x42, 0x60, 0x82]);
  const zcrc = (zlib as unknown as { crc32?: (b: Uint8Array) => number }).crc32;
  if (zcrc) assert.equal(png.readUInt32BE(29), zcrc(png.subarray(12, 29)), "IHDR CRC");
  const back = decodePng(png);
  assert.equal(back.width, 5);
  assert.equal(back.height, 3);
  assert.deepEqual(back.rgb, rgb);
  assert.throws(() => encodePng(2, 2, new Uint8Array(3)), /rgb has 3 bytes, expected 2 × 2 × 3 = 12/);
});

test("encodePngPalette: an image of ≤ 256 colours is exact; more are mapped to the nearest of 128", async () => {
  const { encodePngPalette } = await import("../../src/charts/png");
  const zlib = await import("node:zlib");
  const decode = (png: Buffer) => {
    let off = 8;
    let plte = Buffer.alloc(0);
    const idat: Buffer[] = [];
    let width = 0;
    while (off < png.length) {
      const len = png.readUInt32BE(off);
      const type = png.toString("ascii", off + 4, off + 8);
      const data = png.subarray(off + 8, off + 8 + len);
      if (type === "IHDR") width = data.readUInt32BE(0);
      if (type === "PLTE") plte = data;
      if (type === "IDAT") idat.push(data);
      off += 12 + len;
    }
    const raw = zlib.inflateSync(Buffer.concat(idat));
    const rows = raw.length / (width + 1);
    const px: number[][] = [];
    for (let y = 0; y < rows; y++) {
      const f = raw[y * (width + 1)];
      for (let x = 0; x < width; x++) {
        let v = raw[y * (width + 1) + 1 + x];
        if (f === 2 && y > 0) v = (v + (px[(y - 1) * width + x][3] as number)) & 255;
        px.push([plte[3 * v], plte[3 * v + 1], plte[3 * v + 2], v]);
      }
    }
    return { colours: plte.length / 3, px };
  };
  const rgba = new Uint8Array(4 * 4 * 2);
  [
    [255, 0, 0, 255],
    [0, 0, 255, 255],
    [0, 0, 0, 0],
    [10, 20, 30, 255],
  ].forEach((c, i) => {
    rgba.set(c, 4 * i);
    rgba.set(c, 4 * (i + 4));
  });
  const exact = decode(encodePngPalette(4, 2, rgba));
  assert.deepEqual(
    exact.px.slice(0, 4).map((p) => p.slice(0, 3)),
    [
      [255, 0, 0],
      [0, 0, 255],
      [255, 255, 255],
      [10, 20, 30],
    ],
  );
  const ramp = new Uint8Array(4 * 1000);
  for (let i = 0; i < 1000; i++) ramp.set([i % 256, Math.floor(i / 4) % 256, 128, 255], 4 * i);
  const q = decode(encodePngPalette(1000, 1, ramp));
  assert.ok(q.colours <= 128, `${q.colours} colours`);
  for (let i = 0; i < 1000; i += 97) for (let c = 0; c < 3; c++) assert.ok(Math.abs(q.px[i][c] - ramp[4 * i + c]) <= 40, `pixel ${i}`);
});
