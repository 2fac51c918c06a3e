/**
 * The signals behind test/fixtures/features/*.json: synthetic ones regenerated from
 * test/helpers/signals.ts, RAVDESS clips decoded from the shared zip (float32 = int16 / 32768, as
 * soundfile does), plus a comparison of our feature matrix with librosa's sub-sampled frames.
 */
import fs from "node:fs";
import assert from "node:assert/strict";
import type { Matrix } from "../../src/util/matrix";
import { readZipEntry } from "../../src/data/zip";
import { decodeWav } from "../../src/audio/wav";
import { SIGNALS } from "../helpers/signals";
import { loadFixture, maxAbsDiff } from "../helpers/fixtures";
import { ravdessZipPath } from "../helpers/ravdess";

/** The shared RAVDESS zip (`$SER_RAVDESS_ZIP` or the actors 1–20 archive next to the project). */
export const RAVDESS_ZIP = ravdessZipPath();
export const SYNTHETIC = ["sine", "chirp", "noise", "am_tone", "chirp48k"] as const;
export const CLIPS = ["angry_a01", "sad_a08", "happy_a15"] as const;
export const ALL_SIGNALS = [...SYNTHETIC, ...CLIPS] as const;

export interface FeatureRef {
  call: string;
  shape: [number, number];
  frames: number[];
  values: number[];
}

export interface SignalFixture {
  signal: string;
  kind: "synthetic" | "ravdess";
  sr: number;
  n: number;
  source: string;
  features: Record<string, FeatureRef>;
  tuning: Record<string, { call: string; value: number }>;
}

export function signalFixture(name: string): SignalFixture {
  return loadFixture<SignalFixture>(`features/${name}`);
}

export function hasZip(): boolean {
  return fs.existsSync(RAVDESS_ZIP);
}

const audioCache = new Map<string, Float32Array>();

/** The samples of fixture signal `name` (synthetic: regenerated; RAVDESS: decoded from the zip). */
export async function signalAudio(fx: SignalFixture): Promise<Float32Array> {
  const hit = audioCache.get(fx.signal);
  if (hit) return hit;
  let y: Float32Array;
  if (fx.kind === "synthetic") y = SIGNALS[fx.signal === "chirp48k" ? "chirp" : fx.signal](fx.sr);
  else {
    const wav = decodeWav(await readZipEntry(RAVDESS_ZIP, fx.source), fx.source);
    assert.equal(wav.sr, fx.sr);
    y = wav.samples[0];
  }
  assert.equal(y.length, fx.n, `${fx.signal}: ${y.length} samples, librosa saw ${fx.n}`);
  audioCache.set(fx.signal, y);
  return y;
}

/**
 * Compares `actual` with librosa's values at the fixture's frames; asserts the shape and
 * max |actual − expected| ≤ atol; returns the max error (for the parity report).
 */
export function compareFeature(actual: Matrix, ref: FeatureRef, atol: number, label: string): number {
  assert.deepEqual([actual.rows, actual.cols], ref.shape, `${label}: shape`);
  const picked: number[] = [];
  for (let r = 0; r < actual.rows; r++) for (const c of ref.frames) picked.push(actual.data[r * actual.cols + c]);
  const { max, index } = maxAbsDiff(picked, ref.values);
  if (!(max <= atol)) {
    const r = Math.floor(index / ref.frames.length);
    const c = ref.frames[index % ref.frames.length];
    assert.fail(`${label}: max |error| ${max} > ${atol} at row ${r}, frame ${c}: ours ${picked[index]}, librosa ${ref.values[index]} (${ref.call})`);
  }
  return max;
}
