/** A clip before and after an effect: play the result, and show both waveforms and mel spectrograms side by side. */
import { waveformMelChart } from "../charts/waveform-mel-chart";
import { showAudio } from "./audio-player";
import { show } from "./show";

/** Options of {@link showBeforeAfter}. */
export interface ShowBeforeAfterOptions {
  /** Sample rate of both clips, Hz. Required. */
  sr: number;
  /** What was done ("noise, 15 dB SNR"): the player's label and the right column's title. Required. */
  title: string;
  /** The left column's title. Default "original". */
  beforeTitle?: string;
}

/**
 * Plays `after` and shows `before` and `after` as two columns of `waveformMelChart`. Outside a
 * notebook it displays nothing (the chart is still rendered). Returns nothing, so a cell ending
 * with it prints no value.
 * @example await showBeforeAfter(y, ser.effects.gain(y, { db: -6 }), { sr, title: "gain -6 dB" });
 */
export async function showBeforeAfter(before: Float32Array, after: Float32Array, options: ShowBeforeAfterOptions): Promise<void> {
  const { sr, title, beforeTitle = "original" } = options;
  const spec = waveformMelChart(
    [
      { y: before, title: beforeTitle },
      { y: after, title },
    ],
    { sr },
  );
  showAudio(after, sr, title);
  await show(spec);
}
