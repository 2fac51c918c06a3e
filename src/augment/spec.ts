/**
 * Concrete, serialisable descriptions of one augmentation ({@link AugmentationSpec}), their
 * canonical cache key ({@link augmentationKey}) and the one function that applies them
 * ({@link applyAugmentation}). A spec holds no randomness left to draw: noise carries its own seed,
 * so applying a spec is a pure function of (y, sr, spec) and can run in any worker, in any order.
 */
import { ParameterError } from "../util/errors";
import { assertOneOf, assertPositive, validAudio } from "../util/validate";
import { Rng } from "../util/rng";
import { stableJson } from "../util/stable-json";
import { addNoise, assertNoiseOptions } from "./add-noise";
import { assertShiftMs, shift } from "./shift";
import { assertStretchRate, timeStretch } from "./time-stretch";
import { assertSemitones, pitchShift } from "./pitch-shift";
import { assertGainDb, gain } from "./gain";
import { assertSpeedFactor, speed } from "./speed";

/**
 * One augmentation with every parameter fixed (JSON-serialisable):
 * - `noise`: white Gaussian noise at `snrDb` dB below the clip's power, or with standard deviation
 *   `amp · max|y|` (the seed project's style); `seed` (uint32) drives the noise samples.
 * - `shift`: time shift by `ms` milliseconds, circular ("roll") or zero-filled ("zero").
 * - `stretch`: librosa.effects.time_stretch by `rate` (> 1 faster/shorter).
 * - `pitch`: librosa.effects.pitch_shift by `semitones` (duration unchanged).
 * - `gain`: amplitude scaled by 10^(db/20).
 * - `speed`: resampling by `factor` (> 1 faster: shorter and higher-pitched).
 * - `chain`: the steps applied in order (the seed project's stretch-then-pitch copy).
 */
export type AugmentationSpec =
  | { kind: "noise"; snrDb: number; seed: number }
  | { kind: "noise"; amp: number; seed: number }
  | { kind: "shift"; ms: number; mode: "roll" | "zero" }
  | { kind: "stretch"; rate: number }
  | { kind: "pitch"; semitones: number }
  | { kind: "gain"; db: number }
  | { kind: "speed"; factor: number }
  | { kind: "chain"; steps: AugmentationSpec[] };

/** The kinds of {@link AugmentationSpec}. */
export type AugmentationKind = AugmentationSpec["kind"];

/** Every augmentation kind, in documentation order. */
export const AUGMENTATION_KINDS: readonly AugmentationKind[] = ["noise", "shift", "stretch", "pitch", "gain", "speed", "chain"];

/**
 * Version of the augmentation algorithms. It changes whenever an augmentation's output for the same
 * spec changes (e.g. a different resampler), so caches keyed by {@link augmentationKey} can include it.
 */
export const AUGMENTATION_VERSION = 1;

const FIELDS: Record<AugmentationKind, readonly string[][]> = {
  noise: [
    ["kind", "seed", "snrDb"],
    ["amp", "kind", "seed"],
  ],
  shift: [["kind", "mode", "ms"]],
  stretch: [["kind", "rate"]],
  pitch: [["kind", "semitones"]],
  gain: [["db", "kind"]],
  speed: [["factor", "kind"]],
  chain: [["kind", "steps"]],
};

/**
 * Checks that `spec` is a well-formed {@link AugmentationSpec}: a known kind, exactly its fields,
 * each in range (the same ranges the functions themselves enforce).
 * @throws ParameterError naming the field and value
 * @example validateAugmentationSpec({ kind: "stretch", rate: 0 });  // throws "rate=0 must be ..."
 */
export function validateAugmentationSpec(spec: AugmentationSpec): void {
  if (spec === null || typeof spec !== "object" || Array.isArray(spec)) {
    throw new ParameterError(`spec=${JSON.stringify(spec)} must be an augmentation object`);
  }
  const kind = (spec as { kind?: unknown }).kind as AugmentationKind;
  assertOneOf("kind", kind, AUGMENTATION_KINDS);
  const keys = Object.keys(spec).sort().join(",");
  if (!FIELDS[kind].some((f) => f.join(",") === keys)) {
    throw new ParameterError(`spec ${JSON.stringify(spec)} must have exactly the fields ${FIELDS[kind].map((f) => `{${f.join(", ")}}`).join(" or ")}`);
  }
  switch (spec.kind) {
    case "noise":
      assertNoiseOptions(spec);
      if (!(Number.isInteger(spec.seed) && spec.seed >= 0 && spec.seed <= 0xffffffff)) {
        throw new ParameterError(`seed=${spec.seed} must be an integer in [0, 4294967295]`);
      }
      break;
    case "shift":
      assertShiftMs(spec.ms);
      assertOneOf("mode", spec.mode, ["roll", "zero"] as const);
      break;
    case "stretch":
      assertStretchRate(spec.rate);
      break;
    case "pitch":
      assertSemitones(spec.semitones);
      break;
    case "gain":
      assertGainDb(spec.db);
      break;
    case "speed":
      assertSpeedFactor(spec.factor);
      break;
    case "chain":
      if (!Array.isArray(spec.steps) || spec.steps.length === 0)
        throw new ParameterError(`steps=${JSON.stringify(spec.steps)} must be a non-empty array of augmentations`);
      for (const s of spec.steps) validateAugmentationSpec(s);
      break;
  }
}

/**
 * The canonical key of a spec: its JSON with keys sorted at every level (chain steps keep their
 * order), e.g. `{"kind":"noise","seed":12,"snrDb":20}`. Equal specs give equal keys whatever the
 * field order; any change of any parameter changes the key. The spec is validated first, so NaN or
 * out-of-range values never reach a cache key.
 * @param spec a concrete augmentation
 * @returns a JSON string (parse it back with JSON.parse)
 * @example augmentationKey({ rate: 0.8, kind: "stretch" });  // '{"kind":"stretch","rate":0.8}'
 */
export function augmentationKey(spec: AugmentationSpec): string {
  validateAugmentationSpec(spec);
  return stableJson(spec);
}

/**
 * Applies one concrete augmentation. Pure: the same (y, sr, spec) always gives the same samples,
 * `y` is never modified, and nothing outside the call is read or written (noise draws from
 * `new Rng(spec.seed)`). STFT-based kinds use librosa's defaults (nFft 2048, hop 512).
 * @param y mono audio [n], non-empty and finite
 * @param sr sample rate in Hz, > 0
 * @param spec the augmentation
 * @returns a new Float32Array: [n] for noise, shift, pitch and gain; [round(n / rate)] for stretch;
 *   [≈ n / factor] for speed
 * @example const y2 = applyAugmentation(y, 22050, { kind: "pitch", semitones: 2 });
 */
export function applyAugmentation(y: Float32Array, sr: number, spec: AugmentationSpec): Float32Array {
  validAudio(y);
  assertPositive("sr", sr);
  validateAugmentationSpec(spec);
  return apply(y, sr, spec);
}

function apply(y: Float32Array, sr: number, spec: AugmentationSpec): Float32Array {
  switch (spec.kind) {
    case "noise":
      return addNoise(y, "snrDb" in spec ? { snrDb: spec.snrDb } : { amp: spec.amp }, new Rng(spec.seed));
    case "shift":
      return shift(y, { sr, ms: spec.ms, mode: spec.mode });
    case "stretch":
      return timeStretch(y, { rate: spec.rate });
    case "pitch":
      return pitchShift(y, { sr, nSteps: spec.semitones });
    case "gain":
      return gain(y, { db: spec.db });
    case "speed":
      return speed(y, { sr, factor: spec.factor });
    case "chain": {
      let out = y;
      for (const s of spec.steps) out = apply(out, sr, s);
      return out === y ? Float32Array.from(y) : out;
    }
  }
}
