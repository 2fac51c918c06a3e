/**
 * Listening to clips in a notebook: an HTML `<audio controls>` player with the clip inlined as a
 * 16-bit PCM WAV data URI (written by `src/audio/wav.ts`'s `encodeWav`: x ↦ round(x·32768), clipped
 * to [−32768, 32767]), and {@link showAudio} to display it in a tslab cell.
 */
import { ParameterError } from "../util/errors";
import { assertPositive, validAudio } from "../util/validate";
import { displayHtml } from "./display";
import { encodeWav } from "../audio/wav";

/** Options of {@link audioPlayerHtml}. */
export interface AudioPlayerOptions {
  /** Text shown above the player (HTML-escaped). Default: none. */
  label?: string;
  /**
   * Scale so that max|y| = 1 before encoding (IPython.display.Audio's `normalize`). Default false,
   * so gain differences stay audible; samples outside [−1, 32767/32768] are clipped.
   */
  normalize?: boolean;
}

/** Largest clip accepted by the player: 10 minutes at 48 kHz (the page holds the whole WAV). */
export const MAX_PLAYER_SAMPLES = 48_000 * 600;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

/** 16-bit PCM WAV bytes of y (scaled to peak 1 first when `normalize`), by `encodeWav`. */
function pcm16Wav(y: Float32Array, sr: number, normalize: boolean): Buffer {
  let x = y;
  if (normalize) {
    let peak = 0;
    for (let i = 0; i < y.length; i++) peak = Math.max(peak, Math.abs(y[i]));
    if (peak > 0) {
      x = new Float32Array(y.length);
      for (let i = 0; i < y.length; i++) x[i] = y[i] / peak;
    }
  }
  const bytes = encodeWav(x, sr, { bitDepth: "16" });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * An HTML audio player for a clip, self-contained (the WAV is inlined as base64).
 * @param y mono audio [n], non-empty and finite, nominally in [−1, 1]
 * @param sr sample rate in Hz, a positive integer (WAV stores an integer rate)
 * @param options `{ label, normalize }`
 * @returns an HTML fragment: `<div class="ser-audio">[label]<audio controls src="data:audio/wav;base64,…"></audio></div>`
 * @example displayHtml(audioPlayerHtml(y, 22050, { label: "pitch +2" }));
 */
export function audioPlayerHtml(y: Float32Array, sr: number, options: AudioPlayerOptions = {}): string {
  validAudio(y);
  assertPositive("sr", sr);
  if (!Number.isInteger(sr) || sr > 0xffffffff / 2) throw new ParameterError(`sr=${sr} must be an integer sample rate for a WAV file`);
  if (y.length > MAX_PLAYER_SAMPLES) throw new ParameterError(`y has ${y.length} samples: an inline player takes at most ${MAX_PLAYER_SAMPLES}`);
  const uri = `data:audio/wav;base64,${pcm16Wav(y, sr, options.normalize ?? false).toString("base64")}`;
  const seconds = (y.length / sr).toFixed(2);
  const label = options.label === undefined ? "" : `<div class="ser-audio-label">${escapeHtml(options.label)}</div>`;
  return `<div class="ser-audio" title="${seconds} s at ${sr} Hz">${label}<audio controls preload="metadata" src="${uri}"></audio></div>`;
}

/**
 * Displays an audio player in the current tslab cell.
 * @param y mono audio [n]
 * @param sr sample rate in Hz (integer)
 * @param label text above the player
 * Outside a notebook nothing is shown.
 * @example showAudio(pitchShift(y, { sr, nSteps: 2 }), sr, "pitch +2 semitones");
 */
export function showAudio(y: Float32Array, sr: number, label?: string, options: Omit<AudioPlayerOptions, "label"> = {}): void {
  const html = audioPlayerHtml(y, sr, { ...options, label });
  displayHtml(html, `[audio${label ? `: ${label}` : ""}, ${(y.length / sr).toFixed(2)} s at ${sr} Hz]`);
}
