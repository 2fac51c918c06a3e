// Fuzz test of the zip reader (issue 11): 300 seeded truncations and byte flips of a zip of real
// RAVDESS clips (deflated and stored entries). Listing, reading every entry and extracting all end
// in a result or a SerError — never another exception, a hang (the test's timeout), a file written
// outside the destination, or more bytes than the archive declares.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { extractZip, listZipEntries, readZipEntry } from "../../src/data/zip";
import { SerError } from "../../src/util/errors";
import { Rng } from "../../src/util/rng";
import { readRavdessClip } from "../helpers/ravdess";
import { mutate } from "../helpers/mutate";
import { makeZip } from "../data/make-zip";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ser-zipfuzz-"));
process.on("exit", () => fs.rmSync(tmp, { recursive: true, force: true }));

/** Offsets of local headers, central directory records and the end record (signatures "PK"). */
function recordOffsets(b: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i + 4 <= b.length; i++) if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] < 8 && b[i + 3] < 9) out.push(i);
  return out;
}

test("300 mutated zips of real clips: a result or a SerError, never anything else", { timeout: 300_000 }, async (t) => {
  const names = ["Actor_03/03-01-01-01-01-01-03.wav", "Actor_03/03-01-06-02-02-01-03.wav"];
  const clips = await Promise.all(names.map((n) => readRavdessClip(n)));
  const original = makeZip([
    { name: "Actor_03/" },
    { name: names[0], data: clips[0].subarray(0, 20000) },
    { name: names[1], data: clips[1].subarray(0, 20000), method: "store" },
  ]);
  const hot = recordOffsets(original);
  const rng = new Rng(23);
  const outcomes = { ok: 0, serError: 0 };
  for (let i = 0; i < 300; i++) {
    const { data, what } = mutate(original, rng, hot);
    const zip = path.join(tmp, `case${i}.zip`);
    const dest = path.join(tmp, `out${i}`);
    fs.writeFileSync(zip, data);
    try {
      const entries = await listZipEntries(zip);
      for (const e of entries.filter((e) => !e.isDirectory)) {
        const bytes = await readZipEntry(zip, e.name);
        assert.equal(bytes.length, e.size, `case ${i} (${what}): ${e.name} holds what the archive declares`);
      }
      const r = await extractZip(zip, dest);
      assert.ok(r.bytes <= 20000 * 2, `case ${i} (${what}): ${r.bytes} bytes extracted`);
      outcomes.ok++;
    } catch (err) {
      if (!(err instanceof SerError)) assert.fail(`case ${i} (${what}): ${(err as Error)?.stack ?? err}`);
      outcomes.serError++;
      if (process.env.FUZZ_VERBOSE) console.log(i, what, (err as Error).message.slice(0, 160));
    }
    // Nothing outside dest, whatever the entry names became.
    assert.deepEqual(
      fs.readdirSync(tmp).filter((f) => !/^(case|out)\d+(\.zip)?$/.test(f)),
      [],
      `case ${i} (${what})`,
    );
    fs.rmSync(zip);
    fs.rmSync(dest, { recursive: true, force: true });
  }
  t.diagnostic(JSON.stringify(outcomes));
  assert.ok(outcomes.ok >= 5 && outcomes.serError >= 100, JSON.stringify(outcomes));
});
