/**
 * Class labels as scikit-learn sees them: integer or string labels, never both, sorted like
 * `sklearn.utils.multiclass.unique_labels` (numbers ascending, strings by Unicode code point).
 */
import { ParameterError } from "../util/errors";
import { repr } from "../util/validate";

/** One class label: an integer (e.g. an emotion index) or a string (e.g. "angry"). */
export type ClassLabel = number | string;

/**
 * A vector of class labels [nSamples]: `Int32Array` or `number[]` of integers, or `string[]`.
 * scikit-learn accepts both kinds; one vector (and the pair yTrue/yPred) must not mix them.
 */
export type ClassLabels = Int32Array | readonly number[] | readonly string[];

/** What {@link checkTargets} learned about a yTrue/yPred pair. */
export interface Targets {
  /** "number" or "string": the one kind of label used. */
  readonly kind: "number" | "string";
  /** sklearn's type_of_target of the pair: "binary" when at most two distinct labels occur. */
  readonly type: "binary" | "multiclass";
  /** The labels occurring in yTrue or yPred, sorted (sklearn's `unique_labels(y_true, y_pred)`). */
  readonly present: ClassLabel[];
  readonly yTrue: ArrayLike<ClassLabel>;
  readonly yPred: ArrayLike<ClassLabel>;
}

/** Orders strings by Unicode code point (Python's and numpy's order), not by UTF-16 unit. */
function codePointKey(c: number): number {
  // Surrogates (U+D800–DFFF) encode code points above U+FFFF: move them after U+E000–FFFF.
  return c >= 0xd800 && c <= 0xdfff ? c + 0x2000 : c >= 0xe000 ? c - 0x800 : c;
}

/** Compares two labels of one kind as Python's `sorted` does. */
export function compareLabels(a: ClassLabel, b: ClassLabel): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const sa = String(a);
  const sb = String(b);
  if (sa === sb) return 0;
  const n = Math.min(sa.length, sb.length);
  for (let i = 0; i < n; i++) {
    const ca = sa.charCodeAt(i);
    const cb = sb.charCodeAt(i);
    if (ca !== cb) return codePointKey(ca) - codePointKey(cb);
  }
  return sa.length - sb.length;
}

/**
 * The kind of labels in `y`, checking every element: all finite integers, or all strings.
 * @throws ParameterError on a non-integer number, NaN, or a mix of numbers and strings
 */
export function labelKind(y: ClassLabels, name: string): "number" | "string" {
  if (!(y instanceof Int32Array) && !Array.isArray(y)) {
    throw new ParameterError(`${name} must be an Int32Array, a number[] or a string[], got ${Object.prototype.toString.call(y)}`);
  }
  if (y instanceof Int32Array) return "number";
  if (y.length === 0) return "number";
  const first = typeof y[0];
  if (first !== "number" && first !== "string") throw new ParameterError(`${name}[0]=${repr(y[0])} must be an integer or a string label`);
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (typeof v !== first) {
      throw new ParameterError(`Mix of label input types (string and number): ${name}[0]=${repr(y[0])} but ${name}[${i}]=${repr(v)}`);
    }
    if (first === "number" && !Number.isInteger(v)) {
      throw new ParameterError(
        `${name}[${i}]=${repr(v)} is not a class label: numeric labels must be integers (scikit-learn treats other floats as continuous targets)`,
      );
    }
  }
  return first as "number" | "string";
}

/**
 * The sorted union of the labels in the given vectors, as `sklearn.utils.multiclass.unique_labels`.
 * @param ys one or more label vectors [nSamples], all of one kind (numbers or strings)
 * @returns the distinct labels, numbers ascending or strings by code point
 * @example uniqueLabels([3, 1, 3], [2]) // [1, 2, 3]
 */
export function uniqueLabels(...ys: ClassLabels[]): ClassLabel[] {
  if (ys.length === 0) throw new ParameterError("uniqueLabels() needs at least one label vector");
  let kind: string | null = null;
  const seen = new Set<ClassLabel>();
  ys.forEach((y, i) => {
    const k = labelKind(y, `ys[${i}]`);
    if (y.length > 0) {
      if (kind !== null && k !== kind) throw new ParameterError(`Mix of label input types (string and number): ys[${i}] holds ${k}s, earlier vectors ${kind}s`);
      kind = k;
    }
    for (let j = 0; j < y.length; j++) seen.add(y[j]);
  });
  return [...seen].sort(compareLabels);
}

/**
 * Checks a yTrue/yPred pair as sklearn's `_check_targets`: equal, non-zero lengths and one label kind.
 * @throws ParameterError naming both lengths, an empty input, or mixed label types
 */
export function checkTargets(yTrue: ClassLabels, yPred: ClassLabels, names: readonly [string, string] = ["yTrue", "yPred"]): Targets {
  const [nt, np] = names;
  const kt = labelKind(yTrue, nt);
  const kp = labelKind(yPred, np);
  if (yTrue.length !== yPred.length) {
    throw new ParameterError(`${nt} and ${np} must have the same length, but ${nt} has ${yTrue.length} labels and ${np} has ${yPred.length}`);
  }
  if (yTrue.length === 0) throw new ParameterError(`${nt} and ${np} are empty: at least one sample is required`);
  if (kt !== kp) throw new ParameterError(`Mix of label input types (string and number): ${nt} holds ${kt}s but ${np} holds ${kp}s`);
  const present = uniqueLabels(yTrue, yPred);
  return { kind: kt, type: present.length <= 2 ? "binary" : "multiclass", present, yTrue, yPred };
}

/**
 * Validates a user-given `labels` list against the data's label kind: non-empty, no duplicates,
 * every entry a label of the same kind (labels absent from the data are allowed, as in sklearn).
 */
export function checkLabelList(labels: ClassLabels, targets: Targets, name = "labels"): ClassLabel[] {
  const kind = labelKind(labels, name);
  if (labels.length === 0) throw new ParameterError(`${name} is empty: it should contain at least one label`);
  const out = Array.from(labels as ArrayLike<ClassLabel>);
  if (kind !== targets.kind) {
    throw new ParameterError(`${name}[0]=${repr(out[0])} is not a possible label: the data's labels are ${targets.kind}s (e.g. ${repr(targets.present[0])})`);
  }
  const seen = new Set<ClassLabel>();
  for (const l of out) {
    if (seen.has(l)) throw new ParameterError(`${name} lists the label ${repr(l)} twice`);
    seen.add(l);
  }
  return out;
}

/** A label → position lookup for `labels`; labels not listed map to -1. */
export function labelIndexer(labels: readonly ClassLabel[]): (label: ClassLabel) => number {
  const map = new Map<ClassLabel, number>();
  labels.forEach((l, i) => map.set(l, i));
  return (l) => map.get(l) ?? -1;
}
