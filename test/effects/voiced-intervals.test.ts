// The voice-activity detector on signals with known voiced parts: harmonic "vowels" with a syllable
// rhythm between stretches of quiet noise, broadband hiss alone, silence, and real RAVDESS speech.
import { test } from "node:test";
import assert from "node:assert/strict";
import { voicedIntervals } from "../../src/effects/voiced-intervals";
import { load } from "../../src/audio/load-file";
import { ravdessRoot } from "../helpers/ravdess";
import { noise } from "../helpers/signals";
import path from "node:path";

const SR = 16000;

/** A voiced stretch: 150 Hz with 5 harmonics, amplitude-modulated at 4 Hz like syllables. */
function vowels(seconds: number, amp = 0.3): Float32Array {
  const n = Math.round(seconds * SR);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const t = i / SR;
    let v = 0;
    for (let h = 1; h <= 5; h++) v += Math.sin(2 * Math.PI * 150 * h * t) / h;
    y[i] = amp * (0.6 + 0.4 * Math.sin(2 * Math.PI * 4 * t)) * v * 0.5;
  }
  return y;
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const seconds = (iv: { start: number; end: number }[], sr = SR) => iv.map((s) => [s.start / sr, s.end / sr]);

test("two voiced stretches between quiet noise come out as two intervals at the right times", () => {
  const quiet = (s: number, seed: number) => noise(Math.round(s * SR), seed, 0.003);
  const y = concat([quiet(1, 1), vowels(1.5), quiet(1, 2), vowels(0.8), quiet(1, 3)]);
  const iv = voicedIntervals(y, { sr: SR });
  assert.equal(iv.length, 2, JSON.stringify(seconds(iv)));
  const [[a0, a1], [b0, b1]] = seconds(iv);
  // true stretches: 1.0–2.5 s and 3.5–4.3 s; padding is 0.1 s
  assert.ok(Math.abs(a0 - 0.9) < 0.05 && Math.abs(a1 - 2.6) < 0.05, `${a0}–${a1}`);
  assert.ok(Math.abs(b0 - 3.4) < 0.05 && Math.abs(b1 - 4.4) < 0.05, `${b0}–${b1}`);
});

test("a short pause inside an utterance is bridged; a blip shorter than minDuration is dropped", () => {
  const gap = (s: number) => noise(Math.round(s * SR), 5, 0.003);
  const y = concat([gap(1), vowels(1), gap(0.15), vowels(1), gap(1), vowels(0.1), gap(1)]);
  const iv = seconds(voicedIntervals(y, { sr: SR }));
  assert.equal(iv.length, 1, JSON.stringify(iv));
  assert.ok(Math.abs(iv[0][0] - 0.9) < 0.05 && Math.abs(iv[0][1] - 3.25) < 0.05, JSON.stringify(iv));
});

test("silence and steady hiss have no voiced interval; a steady voice is voiced throughout", () => {
  assert.deepEqual(voicedIntervals(new Float32Array(SR * 2), { sr: SR }), []);
  assert.deepEqual(voicedIntervals(noise(SR * 2, 9, 0.2), { sr: SR }), []);
  const v = vowels(2);
  assert.deepEqual(voicedIntervals(v, { sr: SR }), [{ start: 0, end: v.length }]);
});

test("padding never makes neighbours overlap, and bad options are named", () => {
  const gap = (s: number) => noise(Math.round(s * SR), 7, 0.003);
  const y = concat([vowels(0.5), gap(0.32), vowels(0.5)]);
  const iv = voicedIntervals(y, { sr: SR, pad: 0.5 });
  for (let i = 1; i < iv.length; i++) assert.ok(iv[i].start >= iv[i - 1].end);
  assert.throws(() => voicedIntervals(y, { sr: SR, open: 0.2, extend: 0.4 }), /extend .* ≤ open/);
  assert.throws(() => voicedIntervals(y, { sr: 0 }), /sr/);
  const bad = y.slice();
  bad[5] = NaN;
  assert.throws(() => voicedIntervals(bad, { sr: SR }), /y\[5\]=NaN/);
});

test("three real RAVDESS sentences with 2 s pauses: three intervals, each inside its sentence", async () => {
  const root = await ravdessRoot();
  const files = ["03-01-01-01-01-01-04.wav", "03-01-05-02-02-01-04.wav", "03-01-03-01-01-02-04.wav"].map((f) => path.join(root, "Actor_04", f));
  const clips = files.map((f) => load(f, { sr: SR }).y);
  const pause = () => noise(2 * SR, 11, 0.001);
  const spans: [number, number][] = [];
  const parts: Float32Array[] = [];
  let at = 0;
  for (const c of clips) {
    parts.push(pause());
    at += 2 * SR;
    parts.push(c);
    spans.push([at / SR, (at + c.length) / SR]);
    at += c.length;
  }
  parts.push(pause());
  const iv = seconds(voicedIntervals(concat(parts), { sr: SR }));
  assert.equal(iv.length, 3, JSON.stringify(iv));
  iv.forEach(([s, e], i) => {
    assert.ok(s >= spans[i][0] - 0.11 && e <= spans[i][1] + 0.11, `interval ${s}–${e} outside clip ${spans[i]}`);
    assert.ok(e - s > 1, `interval ${s}–${e} is too short for a sentence`);
  });
});
