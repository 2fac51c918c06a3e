// Fuzz test of the WAV reader (issue 11): 400 seeded truncations and byte flips of real RAVDESS
// clips (16-bit) and of a float and a µ-law file made from one. Every case ends in a result or a
// SerError — never another exception, a hang (the test's timeout) or memory beyond the input's size.
import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeWav, encodeWav, wavInfo } from "../../src/audio/wav";
import { loadBytes } from "../../src/audio/load";
import { SerError } from "../../src/util/errors";
import { Rng } from "../../src/util/rng";
import { readRavdessClip } from "../helpers/ravdess";
import { mutate } from "../helpers/mutate";
import { WaveFile } from "wavefile";

/** Offsets of the RIFF chunk headers of a WAV (where sizes are). */
function chunkOffsets(b: Uint8Array): number[] {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out = [0, 4, 8];
  for (let at = 12; at + 8 <= b.length; at += 8 + dv.getUint32(at + 4, true) + (dv.getUint32(at + 4, true) & 1)) out.push(at, at + 4);
  return out;
}

test("400 mutated WAV files: a result or a SerError, never anything else", { timeout: 300_000 }, async (t) => {
  const real = await readRavdessClip("Actor_02/03-01-04-02-01-01-02.wav");
  const { samples, sr } = decodeWav(real, "real");
  const y = samples[0].subarray(0, 24000);
  const float = encodeWav(y, sr, { bitDepth: "32f" });
  const wf = new WaveFile(encodeWav(y, sr));
  wf.toMuLaw();
  const mulaw = wf.toBuffer();
  const seeds: [string, Uint8Array][] = [
    ["ravdess int16", real],
    ["float32", float],
    ["µ-law", mulaw],
  ];
  const rng = new Rng(11);
  const outcomes = { ok: 0, serError: 0 };
  for (let i = 0; i < 400; i++) {
    const [label, original] = seeds[i % seeds.length];
    const { data, what } = mutate(original, rng, chunkOffsets(original));
    try {
      const info = wavInfo(data, "fuzz.wav");
      const wav = decodeWav(data, "fuzz.wav");
      assert.equal(wav.samples[0].length, info.frames);
      // Memory stays proportional to the input: no more samples than bytes.
      assert.ok(
        wav.samples.length * wav.samples[0].length <= data.length,
        `${label} case ${i} (${what}): ${wav.samples.length} × ${wav.samples[0].length} samples from ${data.length} bytes`,
      );
      if (i % 10 === 0) loadBytes(data, { name: "fuzz.wav", sr: 22050, duration: 0.25 });
      outcomes.ok++;
    } catch (err) {
      if (!(err instanceof SerError)) assert.fail(`${label} case ${i} (${what}): ${(err as Error)?.stack ?? err}`);
      assert.match(err.message, /fuzz\.wav|<bytes>|must|sr|duration|offset/, `${label} case ${i}: the message names the file`);
      outcomes.serError++;
    }
  }
  t.diagnostic(JSON.stringify(outcomes));
  // Both kinds of outcome occur: the mutations reach past the first check.
  assert.ok(outcomes.ok > 20 && outcomes.serError > 100, JSON.stringify(outcomes));
});
