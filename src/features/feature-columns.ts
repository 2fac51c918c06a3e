/**
 * The shape of a clip's representation: the name of every column ({@link featureColumns}:
 * mfcc_01.., chroma_C.., mel_001.., contrast_1.., tonnetz_1.., zcr, rms, then `_std` names) and
 * the number of frames ({@link clipFrames}).
 */
import { featureConfig, type FeatureConfig, type FeatureName } from "./feature-config";

const CHROMA_NAMES = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];

function numbered(prefix: string, n: number, width: number): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}_${String(i + 1).padStart(width, "0")}`);
}

/**
 * Names of one feature's rows: mfcc_01.., chroma_C..chroma_B, mel_001.., contrast_1..7, tonnetz_1..6, zcr, rms.
 * @example featureRowNames("chroma", cfg)  // ["chroma_C", "chroma_C#", …, "chroma_B"]
 */
export function featureRowNames(feature: FeatureName, config: Pick<FeatureConfig, "nMfcc" | "nMels">): string[] {
  switch (feature) {
    case "mfcc":
      return numbered("mfcc", config.nMfcc, Math.max(2, String(config.nMfcc).length));
    case "chroma":
      return CHROMA_NAMES.map((c) => `chroma_${c}`);
    case "mel":
      return numbered("mel", config.nMels, Math.max(3, String(config.nMels).length));
    case "contrast":
      return numbered("contrast", 7, 1);
    case "tonnetz":
      return numbered("tonnetz", 6, 1);
    case "zcr":
      return ["zcr"];
    case "rms":
      return ["rms"];
  }
}

/**
 * The column names of a clip's representation: per-frame names for a sequence; for a summary the
 * same names for the means, then `<name>_std` for the standard deviations when requested.
 * @example featureColumns(featureConfig()).length  // 195
 */
export function featureColumns(config: FeatureConfig): string[] {
  const c = featureConfig(config);
  const frame = c.features.flatMap((f) => {
    const names = featureRowNames(f, c);
    if (f !== "mfcc" || c.deltas === 0) return names;
    return [...names, ...names.map((n) => n.replace("mfcc_", "mfcc_d1_")), ...(c.deltas === 2 ? names.map((n) => n.replace("mfcc_", "mfcc_d2_")) : [])];
  });
  if (c.representation === "sequence") return frame;
  return c.stats.flatMap((s) => (s === "mean" ? frame : frame.map((n) => `${n}_std`)));
}

/**
 * Number of frames of a clip of n samples: 1 + ⌊n / hopLength⌋ (centred frames).
 * @example clipFrames(66150, { hopLength: 512 })  // 130
 */
export function clipFrames(n: number, config: Pick<FeatureConfig, "hopLength">): number {
  return 1 + Math.floor(n / config.hopLength);
}
