import { test } from "node:test";
import assert from "node:assert/strict";
import { audioPlayerHtml, showAudio } from "../../src/notebook/audio-player";
import { inNotebook } from "../../src/notebook/display";
import { amTone, noise } from "../helpers/signals";
import { decodeWav } from "../../src/audio/wav";

/** Parses the data URI of a player and decodes its WAV: header fields and samples scaled to [−1, 1]. */
function decodePlayer(html: string): { sr: number; channels: number; bits: number; format: number; samples: Float32Array } {
  const m = /src="data:audio\/wav;base64,([A-Za-z0-9+/=]+)"/.exec(html);
  assert.ok(m, "the player has a base64 WAV data URI");
  const b = Buffer.from(m[1], "base64");
  assert.equal(b.toString("ascii", 0, 4), "RIFF");
  assert.equal(b.readUInt32LE(4), b.length - 8, "RIFF size");
  assert.equal(b.toString("ascii", 8, 12), "WAVE");
  assert.equal(b.toString("ascii", 12, 16), "fmt ");
  assert.equal(b.toString("ascii", 36, 40), "data");
  const dataBytes = b.readUInt32LE(40);
  assert.equal(dataBytes, b.length - 44);
  const samples = new Float32Array(dataBytes / 2);
  for (let i = 0; i < samples.length; i++) samples[i] = b.readInt16LE(44 + 2 * i) / 32768;
  const viaDecoder = decodeWav(b, "player").samples[0];
  assert.deepEqual(viaDecoder, samples, "the project's WAV decoder reads the same samples");
  return { format: b.readUInt16LE(20), channels: b.readUInt16LE(22), sr: b.readUInt32LE(24), bits: b.readUInt16LE(34), samples };
}

test("the data URI decodes back to the samples within ±1 LSB (16-bit PCM, mono, the given rate)", () => {
  const y = amTone(1000, 4, 0.8, 22050, 0.5, 0.9);
  const html = audioPlayerHtml(y, 22050, { label: "am tone" });
  assert.match(html, /<audio controls/);
  const w = decodePlayer(html);
  assert.deepEqual([w.format, w.channels, w.sr, w.bits], [1, 1, 22050, 16]);
  assert.equal(w.samples.length, y.length);
  let worst = 0;
  for (let i = 0; i < y.length; i++) worst = Math.max(worst, Math.abs(w.samples[i] - y[i]));
  assert.ok(worst <= 1 / 32768, `max error ${worst * 32768} LSB`);
});

test("samples outside [−1, 1] are clipped; normalize scales the peak to full scale", () => {
  const y = Float32Array.of(0, 2, -3, 0.5);
  const d = decodePlayer(audioPlayerHtml(y, 8000)).samples;
  [0, 32767 / 32768, -1, 0.5].forEach((v, i) => assert.ok(Math.abs(d[i] - v) <= 1 / 32768, `sample ${i}: ${d[i]} vs ${v}`));
  const n = decodePlayer(audioPlayerHtml(Float32Array.of(0.1, -0.25, 0.05), 8000, { normalize: true })).samples;
  assert.ok(Math.abs(n[1] + 1) <= 1 / 32768 && Math.abs(n[0] - 0.4) <= 1 / 32768);
});

test("the label is shown HTML-escaped", () => {
  const html = audioPlayerHtml(noise(100, 1), 8000, { label: `<b>pitch "+2"</b> & more` });
  assert.ok(html.includes("&lt;b&gt;pitch &quot;+2&quot;&lt;/b&gt; &amp; more"));
  assert.ok(!html.includes("<b>"));
});

test("showAudio displays nothing outside a notebook, and returns no value for tslab to print", () => {
  assert.equal(inNotebook(), false);
  assert.equal(showAudio(noise(100, 1), 8000, "x"), undefined);
});

test("rejects empty audio, a non-integer or non-positive rate, non-finite samples", () => {
  assert.throws(() => audioPlayerHtml(new Float32Array(0), 8000), /empty/);
  assert.throws(() => audioPlayerHtml(noise(10, 1), 22050.5), /sr=22050.5/);
  assert.throws(() => audioPlayerHtml(noise(10, 1), 0), /sr=0/);
  assert.throws(() => audioPlayerHtml(Float32Array.of(0, Infinity), 8000), /y\[1\]=Infinity/);
});
