/**
 * RAVDESS file names: `MM-VV-EE-II-SS-RR-AA.wav`, seven two-digit fields (Livingstone & Russo, 2018).
 *
 * | field | codes |
 * | --- | --- |
 * | modality | 01 full-AV, 02 video-only, 03 audio-only |
 * | vocal channel | 01 speech, 02 song |
 * | emotion | 01 neutral, 02 calm, 03 happy, 04 sad, 05 angry, 06 fearful, 07 disgust, 08 surprised |
 * | intensity | 01 normal, 02 strong (neutral has no strong) |
 * | statement | 01 "Kids are talking by the door", 02 "Dogs are sitting by the door" |
 * | repetition | 01, 02 |
 * | actor | 01–24; odd = male, even = female |
 */
import path from "node:path";
import { FileError, ParameterError } from "../util/errors";
import { repr } from "../util/validate";

/** The eight emotions in RAVDESS code order (code = index + 1). The label map used everywhere: label `i` is `EMOTIONS[i]`. */
export const EMOTIONS = ["neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised"] as const;
/** One of the eight RAVDESS emotion names. */
export type Emotion = (typeof EMOTIONS)[number];

/** Modalities in code order (01, 02, 03). */
export const MODALITIES = ["full-AV", "video-only", "audio-only"] as const;
/** "full-AV" | "video-only" | "audio-only". */
export type Modality = (typeof MODALITIES)[number];

/** Vocal channels in code order (01, 02). */
export const VOCAL_CHANNELS = ["speech", "song"] as const;
/** "speech" | "song". */
export type VocalChannel = (typeof VOCAL_CHANNELS)[number];

/** Emotional intensities in code order (01, 02). */
export const INTENSITIES = ["normal", "strong"] as const;
/** "normal" | "strong". */
export type Intensity = (typeof INTENSITIES)[number];

/** The two statements in code order (01, 02). */
export const STATEMENTS = ["Kids are talking by the door", "Dogs are sitting by the door"] as const;
/** The text of statement 1 or 2. */
export type Statement = (typeof STATEMENTS)[number];

/** Odd actors are male, even actors female. */
export type Gender = "male" | "female";

/** Actor numbers in RAVDESS: 1..24. */
export const RAVDESS_ACTORS: readonly number[] = Object.freeze(Array.from({ length: 24 }, (_, i) => i + 1));

/** One RAVDESS clip, parsed from its file name. */
export interface RavdessClip {
  /** The path as given (absolute when it comes from `scanRavdess`). */
  readonly path: string;
  /** The base name, e.g. "03-01-06-01-02-01-12.wav". */
  readonly fileName: string;
  readonly modality: Modality;
  readonly vocalChannel: VocalChannel;
  /** Emotion name; the class label is `emotionIndex(emotion)` = `emotionId - 1`. */
  readonly emotion: Emotion;
  /** The RAVDESS emotion code, 1..8 (neutral = 1). */
  readonly emotionId: number;
  readonly intensity: Intensity;
  /** Statement code: 1 ("Kids are talking by the door") or 2 ("Dogs are sitting by the door"). */
  readonly statement: 1 | 2;
  /** The statement's text. */
  readonly statementText: Statement;
  /** Repetition: 1 or 2. */
  readonly repetition: 1 | 2;
  /** Actor number, 1..24. */
  readonly actor: number;
  /** Odd actors are male, even actors female. */
  readonly gender: Gender;
}

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly meaning: string;
}

const FIELDS: readonly FieldSpec[] = [
  { name: "modality", min: 1, max: 3, meaning: "01 full-AV, 02 video-only, 03 audio-only" },
  { name: "vocal channel", min: 1, max: 2, meaning: "01 speech, 02 song" },
  { name: "emotion", min: 1, max: 8, meaning: "01 neutral … 08 surprised" },
  { name: "intensity", min: 1, max: 2, meaning: "01 normal, 02 strong" },
  { name: "statement", min: 1, max: 2, meaning: "01 kids, 02 dogs" },
  { name: "repetition", min: 1, max: 2, meaning: "01, 02" },
  { name: "actor", min: 1, max: 24, meaning: "01–24" },
];

const pad2 = (n: number): string => String(n).padStart(2, "0");

/**
 * Why `fileName` is not a RAVDESS WAV name, or null when it is one. Checks the extension (.wav,
 * any case), the count of fields (7), that each is two digits in its range, and that neutral has
 * no strong intensity.
 * @param fileName a base name or a path (only the base name is checked)
 * @returns a sentence naming the wrong field, or null
 * @example ravdessNameProblem("03-01-09-01-01-01-01.wav") // 'field 3 (emotion) is "09", expected 01–08 (01 neutral … 08 surprised)'
 */
export function ravdessNameProblem(fileName: string): string | null {
  const base = path.basename(fileName);
  const ext = path.extname(base);
  if (ext.toLowerCase() !== ".wav") return `extension is ${repr(ext || "(none)")}, expected ".wav"`;
  const parts = base.slice(0, -ext.length).split("-");
  if (parts.length !== FIELDS.length) return `has ${parts.length} dash-separated field${parts.length === 1 ? "" : "s"}, expected 7 (MM-VV-EE-II-SS-RR-AA)`;
  for (let i = 0; i < FIELDS.length; i++) {
    const f = FIELDS[i];
    const p = parts[i];
    const v = Number(p);
    if (!/^\d\d$/.test(p) || v < f.min || v > f.max) {
      return `field ${i + 1} (${f.name}) is ${repr(p)}, expected ${pad2(f.min)}–${pad2(f.max)} (${f.meaning})`;
    }
  }
  if (parts[2] === "01" && parts[3] === "02") return `fields 3–4 (emotion, intensity) are neutral (01) with strong intensity (02): neutral has no strong intensity`;
  return null;
}

/** True when `fileName` (a base name or path) is a valid RAVDESS WAV name. */
export function isRavdessName(fileName: string): boolean {
  return ravdessNameProblem(fileName) === null;
}

/**
 * Parses a RAVDESS WAV file name into a typed record.
 * @param filePath a base name or a path; `path` of the record keeps it as given
 * @returns the clip's fields
 * @throws FileError naming the file and the wrong field when the name is not RAVDESS
 * @example
 * const c = parseRavdessName("data/ravdess/Actor_12/03-01-06-01-02-01-12.wav");
 * // c.emotion === "fearful", c.actor === 12, c.gender === "female", c.statement === 2
 */
export function parseRavdessName(filePath: string): RavdessClip {
  const problem = ravdessNameProblem(filePath);
  if (problem) throw new FileError(filePath, `not a RAVDESS file name: ${problem}`);
  const fileName = path.basename(filePath);
  const c = fileName.slice(0, -4).split("-").map(Number);
  const actor = c[6];
  const statement = c[4] as 1 | 2;
  return {
    path: filePath,
    fileName,
    modality: MODALITIES[c[0] - 1],
    vocalChannel: VOCAL_CHANNELS[c[1] - 1],
    emotion: EMOTIONS[c[2] - 1],
    emotionId: c[2],
    intensity: INTENSITIES[c[3] - 1],
    statement,
    statementText: STATEMENTS[statement - 1],
    repetition: c[5] as 1 | 2,
    actor,
    gender: genderOfActor(actor),
  };
}

/** The fields needed to build a RAVDESS name; codes default to audio-only speech, normal, statement 1, repetition 1. */
export interface RavdessNameFields {
  emotion: Emotion;
  actor: number;
  /** Default "audio-only". */
  modality?: Modality;
  /** Default "speech". */
  vocalChannel?: VocalChannel;
  /** Default "normal". */
  intensity?: Intensity;
  /** Default 1. */
  statement?: 1 | 2;
  /** Default 1. */
  repetition?: 1 | 2;
}

/**
 * Builds a RAVDESS file name from its fields (the inverse of {@link parseRavdessName}).
 * @returns the base name, e.g. "03-01-05-02-01-02-07.wav"
 * @throws ParameterError for a field out of range or neutral + strong
 * @example formatRavdessName({ emotion: "angry", actor: 7, intensity: "strong", repetition: 2 }) // "03-01-05-02-01-02-07.wav"
 */
export function formatRavdessName(fields: RavdessNameFields): string {
  const { emotion, actor, modality = "audio-only", vocalChannel = "speech", intensity = "normal", statement = 1, repetition = 1 } = fields;
  const codes = [
    MODALITIES.indexOf(modality) + 1,
    VOCAL_CHANNELS.indexOf(vocalChannel) + 1,
    emotionIndex(emotion) + 1,
    INTENSITIES.indexOf(intensity) + 1,
    statement,
    repetition,
    actor,
  ];
  const name = codes.map(pad2).join("-") + ".wav";
  const problem = ravdessNameProblem(name);
  if (problem) throw new ParameterError(`formatRavdessName(${JSON.stringify(fields)}): ${problem}`);
  return name;
}

/**
 * The class label of an emotion: its index in {@link EMOTIONS} (neutral 0 … surprised 7).
 * @throws ParameterError for a name that is not one of the eight
 * @example emotionIndex("angry") // 4
 */
export function emotionIndex(emotion: Emotion | string): number {
  const i = (EMOTIONS as readonly string[]).indexOf(emotion);
  if (i < 0) throw new ParameterError(`emotion=${repr(emotion)} must be one of ${EMOTIONS.map(repr).join(", ")}`);
  return i;
}

/**
 * The emotion name of a class label (the inverse of {@link emotionIndex}).
 * @throws ParameterError unless 0 ≤ index ≤ 7
 * @example emotionName(4) // "angry"
 */
export function emotionName(index: number): Emotion {
  if (!Number.isInteger(index) || index < 0 || index >= EMOTIONS.length) {
    throw new ParameterError(`index=${repr(index)} must be an integer in [0, ${EMOTIONS.length - 1}]`);
  }
  return EMOTIONS[index];
}

/**
 * The gender of a RAVDESS actor: odd numbers are male, even numbers female.
 * @throws ParameterError unless actor is an integer in 1..24
 * @example genderOfActor(12) // "female"
 */
export function genderOfActor(actor: number): Gender {
  if (!Number.isInteger(actor) || actor < 1 || actor > 24) throw new ParameterError(`actor=${repr(actor)} must be an integer in [1, 24]`);
  return actor % 2 === 1 ? "male" : "female";
}

/**
 * The official folder of an actor: `Actor_07` for 7.
 * @example actorFolder(7) // "Actor_07"
 */
export function actorFolder(actor: number): string {
  genderOfActor(actor);
  return `Actor_${pad2(actor)}`;
}

/** Class labels (emotion indices) of `clips` as an Int32Array, in order. */
export function emotionLabels(clips: readonly Pick<RavdessClip, "emotion">[]): Int32Array {
  const out = new Int32Array(clips.length);
  clips.forEach((c, i) => (out[i] = emotionIndex(c.emotion)));
  return out;
}
