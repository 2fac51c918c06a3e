/**
 * The page: pick an exported model, drop or choose a WAV file or record from the microphone, and
 * see the emotion with every class's probability. Everything runs here: the library's browser
 * entry (src/browser/) for decoding, features and standardisation, TensorFlow.js for the network
 * on its WebAssembly backend (SIMD; `?backend=cpu` picks the plain JavaScript one), falling back to
 * the CPU backend where WebAssembly cannot start.
 *
 * `window.serPage` exposes the pipeline for the end-to-end test and `npm run bench:web`.
 */
import { getBackend, setBackend, ready } from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { loadLayersModel, type LayersModel } from "@tensorflow/tfjs-layers";
import {
  clipNormalization,
  decodeWav,
  describeNormalization,
  modelFiles,
  parseWebBundle,
  predictInput,
  samplesInput,
  segmentInputs,
  toPrediction,
  wavInput,
  type InputNormalization,
  type Prediction,
  type WebBundle,
} from "../src/browser";
import { findDecoder, formatNames, isWav } from "./decoders";

interface ModelEntry {
  name: string;
  title: string;
  normalization: string;
}

interface Loaded {
  name: string;
  bundle: WebBundle;
  /** The bundle's model, then an ensemble's further members (their probabilities are averaged). */
  models: LayersModel[];
}

/** One window of a longer recording and its most probable emotion. */
interface TimelineRow {
  start: number;
  end: number;
  emotion: string;
  confidence: number;
}

/** A longer recording's windows, and how they were normalised. */
interface Timeline {
  rows: TimelineRow[];
  normalization: InputNormalization;
  /** {@link normalization} in words. */
  normalizationText: string;
}

/** One analysis: the prediction, how its input was normalised, where the time went, and for longer audio the timeline. */
export interface Analysis {
  prediction: Prediction;
  normalization: InputNormalization;
  /** {@link normalization} in words, shown beside the result. */
  normalizationText: string;
  featuresMs: number;
  modelMs: number;
  timeline: Timeline | null;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const ui = {
  model: $<HTMLSelectElement>("model"),
  modelInfo: $("model-info"),
  file: $<HTMLInputElement>("file"),
  drop: $("drop"),
  record: $<HTMLButtonElement>("record"),
  recordHint: $("record-hint"),
  status: $("status"),
  result: $("result"),
  emotion: $("emotion"),
  confidence: $("confidence"),
  normalization: $("normalization"),
  source: $("source"),
  bars: $("bars"),
  timing: $("timing"),
  timelineBox: $("timeline-box"),
  timelineBody: document.querySelector("#timeline tbody") as HTMLTableSectionElement,
  timelineNormalization: $("timeline-normalization"),
};

let current: Loaded | null = null;
let busy = false;

function setStatus(text: string, error = false): void {
  ui.status.textContent = text;
  ui.status.classList.toggle("error", error);
}

function setInputsEnabled(on: boolean): void {
  ui.file.disabled = !on;
  ui.record.disabled = !on;
}

async function fetchJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

async function loadModel(name: string): Promise<Loaded> {
  const base = `models/${encodeURIComponent(name)}/`;
  const bundle = parseWebBundle(await fetchJson(`${base}bundle.json`), `${base}bundle.json`);
  const models = await Promise.all(modelFiles(bundle).map((f) => loadLayersModel(base + f)));
  return { name, bundle, models };
}

async function chooseModel(name: string): Promise<void> {
  current = null;
  setInputsEnabled(false);
  setStatus(`Loading model ${name}…`);
  try {
    const loaded = await loadModel(name);
    const { bundle } = loaded;
    const c = bundle.featureConfig;
    ui.modelInfo.textContent =
      `${bundle.title}. Input: ${c.representation} of ${c.features.join(", ")} (${bundle.inputShape[0]} × ${bundle.inputShape[1]}), ` +
      `${c.duration ?? "whole"} s from ${c.offset} s at ${c.sr} Hz; ${bundle.labels.length} classes; ${normalizationName(bundle)}` +
      `${loaded.models.length > 1 ? `; an ensemble of ${loaded.models.length} models (probabilities averaged)` : ""}.`;
    current = loaded;
    setInputsEnabled(true);
    setStatus(`Model ${name} ready. Choose a file (${formatNames().join(", ")}) or record.`);
  } catch (err) {
    setStatus(`Cannot load model ${name}: ${(err as Error).message}`, true);
  }
}

/** The normalisation a model was trained with, in words. */
function normalizationName(bundle: WebBundle): string {
  return {
    global: "global normalisation",
    speaker: "speaker normalisation (one clip is scored with its own statistics)",
    utterance: "utterance normalisation (each clip with its own statistics)",
  }[bundle.normalization];
}

/** Scores a clip's model input (normalised as {@link clipNormalization} says), timing the network. */
function score(loaded: Loaded, x: Float32Array, featuresMs: number): Analysis {
  const t0 = performance.now();
  const p = predictInput(loaded.models, loaded.bundle, x);
  const normalization = clipNormalization(loaded.bundle);
  return {
    prediction: toPrediction(p, loaded.bundle.labels),
    normalization,
    normalizationText: describeNormalization(loaded.bundle, normalization),
    featuresMs,
    modelMs: performance.now() - t0,
    timeline: null,
  };
}

/**
 * The timeline of audio longer than one clip (by more than one hop of half a clip): the emotion of
 * each window, the windows normalised together as Node's timeline does (see `segmentInputs`).
 * Null for a single clip.
 */
function timelineOf(loaded: Loaded, channels: Float32Array[], sr: number): Timeline | null {
  const c = loaded.bundle.featureConfig;
  if (c.duration === null || channels[0].length / sr <= c.offset + 1.5 * c.duration) return null;
  const segments = segmentInputs(channels, sr, loaded.bundle);
  if (segments.length === 0) return null;
  const rows = segments.map((s) => {
    const p = toPrediction(predictInput(loaded.models, loaded.bundle, s.x), loaded.bundle.labels);
    return { start: s.start, end: s.end, emotion: p.emotion, confidence: p.confidence };
  });
  const normalization = segments[0].normalization;
  return { rows, normalization, normalizationText: describeNormalization(loaded.bundle, normalization, segments.length) };
}

/** Features and prediction of a file's bytes with the current model. */
async function analyseBytes(bytes: Uint8Array, name: string): Promise<Analysis> {
  const loaded = current;
  if (!loaded) throw new Error("no usable model is selected");
  const t0 = performance.now();
  let x: Float32Array;
  let decoded: { channels: Float32Array[]; sr: number } | null = null;
  if (isWav(bytes)) x = wavInput(bytes, loaded.bundle, name);
  else {
    const decoder = findDecoder(bytes, name);
    if (!decoder) throw new Error(`${name}: not a WAV file, and no decoder here reads it (formats: ${formatNames().join(", ")})`);
    decoded = await decoder.decode(bytes, name);
    x = samplesInput(decoded.channels, decoded.sr, loaded.bundle, name);
  }
  const a = score(loaded, x, performance.now() - t0);
  if (!decoded) {
    const wav = decodeWav(bytes, name);
    decoded = { channels: wav.samples, sr: wav.sr };
  }
  a.timeline = timelineOf(loaded, decoded.channels, decoded.sr);
  return a;
}

function analyseSamples(channels: Float32Array[], sr: number): Analysis {
  const loaded = current;
  if (!loaded) throw new Error("no usable model is selected");
  const t0 = performance.now();
  const x = samplesInput(channels, sr, loaded.bundle);
  const a = score(loaded, x, performance.now() - t0);
  a.timeline = timelineOf(loaded, channels, sr);
  return a;
}

function percent(p: number): string {
  return `${(100 * p).toFixed(2)} %`;
}

function show(a: Analysis, source: string): void {
  const { prediction } = a;
  ui.emotion.textContent = prediction.emotion;
  ui.confidence.textContent = `(${percent(prediction.confidence)})`;
  ui.normalization.textContent = a.normalizationText;
  ui.normalization.dataset.normalization = a.normalization;
  ui.source.textContent = source;
  ui.bars.replaceChildren(
    ...prediction.probabilities.map(({ label, p }) => {
      const li = document.createElement("li");
      li.dataset.label = label;
      if (label === prediction.emotion) li.classList.add("top");
      const name = document.createElement("span");
      name.className = "label";
      name.textContent = label;
      const track = document.createElement("span");
      track.className = "track";
      track.setAttribute("aria-hidden", "true");
      const fill = document.createElement("span");
      fill.className = "fill";
      fill.style.display = "block";
      fill.style.width = `${(100 * p).toFixed(2)}%`;
      track.append(fill);
      const value = document.createElement("span");
      value.className = "value";
      value.textContent = percent(p);
      li.append(name, track, value);
      return li;
    }),
  );
  ui.timing.textContent = `Decoding and features ${a.featuresMs.toFixed(1)} ms, network ${a.modelMs.toFixed(1)} ms (TensorFlow.js ${getBackend()} backend).`;
  ui.timelineBody.replaceChildren(
    ...(a.timeline?.rows ?? []).map((r) => {
      const tr = document.createElement("tr");
      for (const text of [`${r.start.toFixed(1)}–${r.end.toFixed(1)} s`, r.emotion, percent(r.confidence)]) {
        const td = document.createElement("td");
        td.textContent = text;
        tr.append(td);
      }
      return tr;
    }),
  );
  ui.timelineNormalization.textContent = a.timeline?.normalizationText ?? "";
  if (a.timeline) ui.timelineNormalization.dataset.normalization = a.timeline.normalization;
  ui.timelineBox.hidden = a.timeline === null;
  ui.result.hidden = false;
  setStatus(`${source}: ${prediction.emotion} (${percent(prediction.confidence)}).`);
}

async function run(what: string, job: () => Promise<Analysis>): Promise<void> {
  if (busy) return;
  busy = true;
  setInputsEnabled(false);
  try {
    show(await job(), what);
  } catch (err) {
    setStatus((err as Error).message, true);
  } finally {
    busy = false;
    setInputsEnabled(current !== null);
  }
}

async function onFile(file: File): Promise<void> {
  setStatus(`Analysing ${file.name}…`);
  await run(file.name, async () => analyseBytes(new Uint8Array(await file.arrayBuffer()), file.name));
}

/** Records `seconds` of mono audio from the microphone at the audio context's rate. */
async function recordMicrophone(seconds: number, onTick: (left: number) => void): Promise<{ y: Float32Array; sr: number }> {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false, channelCount: 1 },
  });
  const ctx = new AudioContext();
  try {
    const source = ctx.createMediaStreamSource(stream);
    const proc = ctx.createScriptProcessor(4096, 1, 1);
    const need = Math.ceil(seconds * ctx.sampleRate);
    const y = new Float32Array(need);
    let have = 0;
    await new Promise<void>((resolve) => {
      proc.onaudioprocess = (e) => {
        const chunk = e.inputBuffer.getChannelData(0);
        const n = Math.min(chunk.length, need - have);
        y.set(chunk.subarray(0, n), have);
        have += n;
        onTick(Math.max(0, (need - have) / ctx.sampleRate));
        if (have >= need) resolve();
      };
      source.connect(proc);
      proc.connect(ctx.destination);
    });
    proc.disconnect();
    source.disconnect();
    return { y, sr: ctx.sampleRate };
  } finally {
    for (const t of stream.getTracks()) t.stop();
    await ctx.close();
  }
}

async function onRecord(): Promise<void> {
  const loaded = current;
  if (!loaded) return;
  const c = loaded.bundle.featureConfig;
  const seconds = c.offset + (c.duration ?? 3);
  setStatus(`Recording ${seconds.toFixed(1)} s… speak now.`);
  await run("Microphone recording", async () => {
    const { y, sr } = await recordMicrophone(seconds, (left) => (ui.recordHint.textContent = left > 0 ? `${left.toFixed(1)} s left` : ""));
    ui.recordHint.textContent = "";
    return analyseSamples([y], sr);
  });
}

async function listModels(): Promise<ModelEntry[]> {
  const list = (await fetchJson("models/index.json")) as { models?: ModelEntry[] };
  return list.models ?? [];
}

/** The WebAssembly backend (its .wasm files are in dist/), or the CPU one when asked or when it cannot start. */
async function startBackend(): Promise<void> {
  const wanted = new URLSearchParams(location.search).get("backend") ?? "wasm";
  if (wanted === "wasm") {
    setWasmPaths(new URL("dist/", location.href).href);
    try {
      if (await setBackend("wasm")) return;
    } catch {
      // falls back to the CPU backend below
    }
  }
  await setBackend("cpu");
}

async function init(): Promise<void> {
  await startBackend();
  await ready();
  ui.file.addEventListener("change", () => {
    const f = ui.file.files?.[0];
    // cleared, so choosing the same file again (e.g. with another model) is a change too
    ui.file.value = "";
    if (f) void onFile(f);
  });
  ui.drop.addEventListener("dragover", (e) => {
    e.preventDefault();
    ui.drop.classList.add("over");
  });
  ui.drop.addEventListener("dragleave", () => ui.drop.classList.remove("over"));
  ui.drop.addEventListener("drop", (e) => {
    e.preventDefault();
    ui.drop.classList.remove("over");
    const f = e.dataTransfer?.files?.[0];
    if (f && current) void onFile(f);
  });
  ui.record.addEventListener("click", () => void onRecord());
  ui.model.addEventListener("change", () => void chooseModel(ui.model.value));
  let models: ModelEntry[];
  try {
    models = await listModels();
  } catch (err) {
    setStatus(`Cannot list models: ${(err as Error).message}`, true);
    return;
  }
  if (models.length === 0) {
    ui.model.replaceChildren(new Option("No exported models", ""));
    setStatus("No exported models in the models folder. Export one: ser export --model runs/<name> --out web/models/<name>", true);
    return;
  }
  const kind: Record<string, string> = { speaker: " (speaker-normalised)", utterance: " (utterance-normalised)" };
  ui.model.replaceChildren(...models.map((m) => new Option(`${m.name} — ${m.title}${kind[m.normalization] ?? ""}`, m.name)));
  ui.model.disabled = false;
  const first = models[0];
  ui.model.value = first.name;
  await chooseModel(first.name);
}

declare global {
  interface Window {
    serPage: { ready: Promise<void>; analyseBytes: typeof analyseBytes; chooseModel: typeof chooseModel; backend: () => string };
  }
}
window.serPage = { ready: init(), analyseBytes, chooseModel, backend: () => getBackend() };
