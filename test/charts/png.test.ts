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
