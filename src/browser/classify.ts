/**
 * Scoring audio with an exported web bundle, on plain TensorFlow.js (browser, or Node without
 * native code): audio → the bundle's features (the same code as Node's, see load.ts and
 * clip-features.ts) → the normalisation the model expects (normalization.ts: a speaker- or
 * utterance-normalised bundle standardises a single clip with its own statistics, as `ser predict`
 * does) → its standardisation → the standard layers model → probabilities.
 *
 * The TensorFlow.js backend is the caller's: the page registers `@tensorflow/tfjs-backend-cpu`.
 */
import { addN, div, tensor3d, tidy, type Tensor } from "@tensorflow/tfjs-core";
import type { LayersModel } from "@tensorflow/tfjs-layers";
import { ParameterError } from "../util/errors";
import { fromDecoded, loadBytes } from "../audio/load";
import { clipFeatures, prepareClip } from "../features/clip-features";
import { applyStandardizer } from "../model/standardize";
import { clipNormalization, normalizeInputs, windowsNormalization, MIN_SPEAKER_WINDOWS, type InputNormalization } from "./normalization";
import type { WebBundle } from "./web-bundle";
import "./portable-layers"; // registers the portable layers exported models use, before any model is loaded

/** A clip's features [T × F], checked against the model's input shape (`y` as loaded: fixed to the clip duration here, as Node's predictFiles does). */
function featuresOf(y: Float32Array, bundle: WebBundle): Float32Array {
  const f = clipFeatures(prepareClip(y, bundle.featureConfig), bundle.featureConfig);
  const [T, F] = bundle.inputShape;
  if (f.data.length !== T * F) {
    throw new ParameterError(`the clip gives ${f.rows} × ${f.cols} features, but the model takes [${T}, ${F}] (check the bundle's featureConfig)`);
  }
  return f.data;
}

/**
 * The model input of clip features: normalised as `how` says, then standardised with the bundle's
 * statistics — what Node's `ser predict` feeds the network (`scoreFeatures`, then `predictProba`).
 * @param x features of n clips, flat row-major [n × T × F] (not modified)
 * @param bundle the exported bundle
 * @param how default {@link clipNormalization}: "single-clip" for a speaker- or utterance-normalised
 *   bundle, each clip with its own statistics
 * @returns Float32Array [n × T × F]
 * @example const x = clipInput(clipFeatures(y, bundle.featureConfig).data, bundle);
 */
export function clipInput(x: Float32Array, bundle: WebBundle, how: InputNormalization = clipNormalization(bundle)): Float32Array {
  const xn = normalizeInputs(x, bundle, how);
  return bundle.standardizer ? applyStandardizer(xn, bundle.standardizer) : xn;
}

/**
 * The model input of one WAV file, as the bundle's training clips were made (load at the config's
 * rate, offset and duration; features; normalisation, see {@link clipInput}; standardisation).
 * @param bytes the WAV file's contents
 * @param bundle the exported bundle
 * @param name the file's name, for messages
 * @returns Float32Array [timesteps × features], normalised as {@link clipNormalization} says and standardised
 * @throws FileError naming the file when it is not a usable WAV
 * @example const x = wavInput(new Uint8Array(await file.arrayBuffer()), bundle, file.name);
 */
export function wavInput(bytes: Uint8Array, bundle: WebBundle, name = "<bytes>"): Float32Array {
  const c = bundle.featureConfig;
  const { y } = loadBytes(bytes, { name, sr: c.sr, offset: c.offset, duration: c.duration });
  return clipInput(featuresOf(y, bundle), bundle);
}

/**
 * The model input of decoded audio (e.g. a microphone recording), with the same steps as
 * {@link wavInput} after decoding.
 * @param channels one Float32Array per channel, at rate `sr`
 * @param sr their sampling rate, Hz
 * @returns Float32Array [timesteps × features], normalised and standardised
 * @example const x = samplesInput([recorded], audioContext.sampleRate, bundle);
 */
export function samplesInput(channels: Float32Array[], sr: number, bundle: WebBundle, name = "<recording>"): Float32Array {
  if (!Array.isArray(channels) || channels.length === 0 || !channels.every((c) => c instanceof Float32Array && c.length === channels[0].length)) {
    throw new ParameterError("channels must be one or more Float32Arrays of equal length");
  }
  const c = bundle.featureConfig;
  const wav = { samples: channels, sr, bitDepth: "32f", format: "float" as const, channels: channels.length };
  const { y } = fromDecoded(wav, name, { sr: c.sr, offset: c.offset, duration: c.duration, mono: true }) as { y: Float32Array };
  return clipInput(featuresOf(y, bundle), bundle);
}

/** One window of a longer recording, and its model input. */
export interface Segment {
  /** Start and end in seconds from the beginning of the audio. */
  start: number;
  end: number;
  x: Float32Array;
  /** How `x` was normalised (the same for every window of a recording). */
  normalization: InputNormalization;
}

/** Options of {@link segmentInputs}. */
export interface SegmentOptions {
  /** Seconds between window starts, > 0. Default half the clip duration. */
  hop?: number;
  /** Fewest windows a speaker-normalised bundle takes as one speaker's clips. Default {@link MIN_SPEAKER_WINDOWS}, as Node's timeline. */
  minSpeakerWindows?: number;
}

/**
 * Model inputs of consecutive windows of a longer recording, for a timeline: the audio is mixed to
 * mono and resampled to the bundle's rate once, then cut into windows of the bundle's clip
 * duration every `hop` seconds (the bundle's `offset` is not skipped: it trims RAVDESS's leading
 * silence, not a window's). A speaker-normalised bundle standardises the windows together with
 * their joint statistics, the recording taken as one speaker as Node's `predictTimeline` does, when
 * there are at least `minSpeakerWindows` of them, else each window with its own statistics (as
 * `ser predict` scores too few clips of a speaker); an utterance-normalised bundle each window with
 * its own statistics.
 * @param channels one Float32Array per channel, at rate `sr`
 * @param sr their sampling rate, Hz
 * @param options the hop (a number is taken as the hop, s), the fewest windows for one speaker
 * @returns the windows in time order; none when the audio is shorter than one clip, or the bundle
 *   has no fixed clip duration
 * @example const segs = segmentInputs([y], 48000, bundle); segs.map((s) => predictInput(model, bundle, s.x));
 */
export function segmentInputs(channels: Float32Array[], sr: number, bundle: WebBundle, options: SegmentOptions | number = {}): Segment[] {
  const { hop, minSpeakerWindows = MIN_SPEAKER_WINDOWS } = typeof options === "number" ? { hop: options } : options;
  const c = bundle.featureConfig;
  if (c.duration === null) return [];
  const step = hop ?? c.duration / 2;
  if (!(step > 0 && Number.isFinite(step))) throw new ParameterError(`hop=${hop} must be a finite number of seconds > 0`);
  const wav = { samples: channels, sr, bitDepth: "32f", format: "float" as const, channels: channels.length };
  const { y } = fromDecoded(wav, "<audio>", { sr: c.sr, offset: 0, duration: null, mono: true }) as { y: Float32Array };
  const L = Math.round(c.duration * c.sr);
  const starts: number[] = [];
  for (let k = 0; ; k++) {
    const s = Math.round(k * step * c.sr);
    if (s + L > y.length) break;
    starts.push(s);
  }
  if (starts.length === 0) return [];
  const per = bundle.inputShape[0] * bundle.inputShape[1];
  const feats = new Float32Array(starts.length * per);
  starts.forEach((s, i) => feats.set(featuresOf(y.slice(s, s + L), bundle), i * per));
  const how = windowsNormalization(bundle, starts.length, minSpeakerWindows);
  const x = clipInput(feats, bundle, how);
  return starts.map((s, i) => ({ start: s / c.sr, end: (s + L) / c.sr, x: x.slice(i * per, (i + 1) * per), normalization: how }));
}

/**
 * Class probabilities of one clip's model input.
 * @param model the bundle's model (`tf.loadLayersModel(<dir>/model.json)`), or all of an ensemble's
 *   models (one per file of `modelFiles(bundle)`), whose probabilities are averaged as `predictProba` does
 * @param bundle the exported bundle
 * @param x model input from {@link wavInput} or {@link samplesInput}
 * @returns Float32Array [labels.length]; entry k is the probability of `bundle.labels[k]`
 * @throws ParameterError when the output is not finite (a wrong answer never looks like a right one),
 *   or when an ensemble bundle is given fewer or more models than it has
 */
export function predictInput(model: LayersModel | readonly LayersModel[], bundle: WebBundle, x: Float32Array): Float32Array {
  const [T, F] = bundle.inputShape;
  if (x.length !== T * F) throw new ParameterError(`x has ${x.length} values, the model takes [${T}, ${F}]`);
  const models = Array.isArray(model) ? (model as readonly LayersModel[]) : [model as LayersModel];
  const files = [bundle.modelFile, ...(bundle.memberFiles ?? [])];
  if (models.length !== files.length) {
    throw new ParameterError(
      `the bundle is ${files.length === 1 ? "one model" : `an ensemble of ${files.length} models (${files.join(", ")})`}, but ${models.length} were given`,
    );
  }
  const p = tidy(() => {
    const xb = tensor3d(x, [1, T, F]);
    // an ensemble's probabilities are the mean of its members'
    const ps = models.map((m) => m.predict(xb) as Tensor);
    return (ps.length === 1 ? ps[0] : div(addN(ps), ps.length)).dataSync() as Float32Array;
  });
  if (p.length !== bundle.labels.length) throw new ParameterError(`the model gives ${p.length} outputs for ${bundle.labels.length} labels`);
  for (const v of p) if (!Number.isFinite(v)) throw new ParameterError(`the model output ${v}: the input or the model is broken`);
  return Float32Array.from(p);
}

/** One clip's emotion. */
export interface Prediction {
  emotion: string;
  confidence: number;
  /** By label, in the bundle's label order. */
  probabilities: { label: string; p: number }[];
}

/** The most probable label with all probabilities. */
export function toPrediction(p: Float32Array, labels: readonly string[]): Prediction {
  let best = 0;
  for (let k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
  return { emotion: labels[best], confidence: p[best], probabilities: labels.map((label, k) => ({ label, p: p[k] })) };
}
