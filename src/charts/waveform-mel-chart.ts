/** Clips side by side: each one's waveform above its mel spectrogram (before/after an effect, a mistake, ...). */
import { ParameterError } from "../util/errors";
import { assertPositive, validAudio } from "../util/validate";
import { melspectrogram } from "../features/melspectrogram";
import type { VegaLiteSpec } from "./render";
import { waveformChart } from "./waveform-chart";
import { spectrogramChart } from "./spectrogram-chart";
import { concatCharts } from "./concat";

/** Options of {@link waveformMelChart}. */
export interface WaveformMelChartOptions {
  /** Sample rate of every clip, Hz. Required. */
  sr: number;
  /** Width of each clip's column, px. Default 290 (two columns and their legends fit a 900 px notebook column). */
  width?: number;
  /** Height of the waveform panel, px. Default 100; the mel spectrogram is 1.3 × as tall. */
  height?: number;
}

/**
 * One column per clip: its waveform (row 1) and its 128-band mel spectrogram in dB (row 2, librosa's
 * defaults), titled by the clip's title (the spectrogram "mel spectrogram"), on the same scales as `waveformChart` and `spectrogramChart`.
 * @param clips `{ y, title }` per column, mono audio at `options.sr`
 * @returns a Vega-Lite grid spec (columns = clips)
 * @throws ParameterError for no clips or an invalid sample rate
 * @example await show(waveformMelChart([{ y, title: "original" }, { y: noisy, title: "noise, 15 dB SNR" }], { sr }));
 */
export function waveformMelChart(clips: readonly { y: Float32Array; title: string }[], options: WaveformMelChartOptions): VegaLiteSpec {
  if (!Array.isArray(clips) || clips.length === 0) throw new ParameterError("clips is empty: waveformMelChart needs at least one { y, title }");
  const { sr, width = 290, height = 100 } = options ?? ({} as WaveformMelChartOptions);
  assertPositive("sr", sr);
  clips.forEach((c, i) => validAudio(c?.y, `clips[${i}].y`));
  const melHeight = Math.round(1.3 * height);
  const waves = clips.map((c) => waveformChart(c.y, sr, { title: c.title, width, height }));
  const mels = clips.map((c) =>
    spectrogramChart(melspectrogram(c.y, { sr }), { sr, yAxis: "mel", title: "mel spectrogram", width, height: melHeight, maxCols: width, maxRows: melHeight }),
  );
  return concatCharts([...waves, ...mels], { columns: clips.length });
}
