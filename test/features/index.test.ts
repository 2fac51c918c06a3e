/**
 * Completeness (after meyda's featureExtractors test): every feature module is exported by the
 * features barrel, and every feature of the clip representation has a function there.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import * as features from "../../src/features";
import * as dsp from "../../src/dsp";
import { FEATURE_NAMES } from "../../src/features/clip-features";

test("every src/features module is re-exported by src/features/index.ts", () => {
  const dir = path.join(__dirname, "..", "..", "src", "features");
  const barrel = fs.readFileSync(path.join(dir, "index.ts"), "utf8");
  for (const f of fs.readdirSync(dir)) {
    if (!f.endsWith(".ts") || f === "index.ts" || f === "extract-worker.ts") continue;
    assert.ok(barrel.includes(`"./${f.replace(/\.ts$/, "")}"`), `${f} is not exported by src/features/index.ts`);
  }
});

test("the seven features and the bases behind them are public functions", () => {
  const fns: Record<(typeof FEATURE_NAMES)[number], unknown> = {
    mfcc: features.mfcc,
    chroma: features.chromaStft,
    mel: features.melspectrogram,
    contrast: features.spectralContrast,
    tonnetz: features.tonnetz,
    zcr: features.zeroCrossingRate,
    rms: features.rms,
  };
  for (const name of FEATURE_NAMES) assert.equal(typeof fns[name], "function", name);
  for (const f of [dsp.mel, dsp.chromaFilters, dsp.dct, dsp.powerToDb, dsp.amplitudeToDb, dsp.dbToPower, dsp.dbToAmplitude, dsp.estimateTuning, dsp.piptrack, dsp.pitchTuning, dsp.spectra, dsp.normalize]) {
    assert.equal(typeof f, "function");
  }
  for (const f of [features.clipFeatures, features.frameFeatures, features.extractDataset, features.featureConfigHash]) assert.equal(typeof f, "function");
});
