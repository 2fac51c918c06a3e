/**
 * Unit conversions as librosa.core.convert: FFT bin frequencies, Hz ↔ mel (Slaney and HTK),
 * Hz ↔ MIDI, Hz → octaves, constant-Q centre frequencies.
 */
import { assertPositive, assertPositiveInt } from "../util/validate";

/** librosa.fft_frequencies: bin centre frequencies in Hz. Float64 [1 + ⌊nFft/2⌋]. */
export function fftFrequencies(sr = 22050, nFft = 2048): Float64Array {
  assertPositive("sr", sr);
  assertPositiveInt("nFft", nFft);
  const n = Math.floor(nFft / 2) + 1;
  const out = new Float64Array(n);
  // np.fft.rfftfreq(n=n_fft, d=1.0/sr) = arange(n) * (sr / n_fft)
  const step = 1 / (nFft * (1 / sr));
  for (let k = 0; k < n; k++) out[k] = k * step;
  return out;
}

/** librosa.hz_to_mel: Slaney's scale (linear below 1 kHz, log above) or HTK's 2595·log10(1 + f/700). */
export function hzToMel(f: number, htk = false): number {
  if (htk) return 2595 * Math.log10(1 + f / 700);
  const fSp = 200 / 3;
  const minLogHz = 1000;
  const minLogMel = minLogHz / fSp;
  const logstep = Math.log(6.4) / 27;
  return f >= minLogHz ? minLogMel + Math.log(f / minLogHz) / logstep : f / fSp;
}

/** librosa.mel_to_hz, the inverse of {@link hzToMel}. */
export function melToHz(m: number, htk = false): number {
  if (htk) return 700 * (10 ** (m / 2595) - 1);
  const fSp = 200 / 3;
  const minLogHz = 1000;
  const minLogMel = minLogHz / fSp;
  const logstep = Math.log(6.4) / 27;
  return m >= minLogMel ? minLogHz * Math.exp(logstep * (m - minLogMel)) : fSp * m;
}

/** librosa.mel_frequencies: nMels frequencies evenly spaced on the mel scale, in Hz. Float64 [nMels]. */
export function melFrequencies(nMels = 128, fmin = 0, fmax = 11025, htk = false): Float64Array {
  const lo = hzToMel(fmin, htk);
  const hi = hzToMel(fmax, htk);
  const out = new Float64Array(nMels);
  // np.linspace(min_mel, max_mel, n_mels)
  const step = nMels > 1 ? (hi - lo) / (nMels - 1) : 0;
  for (let i = 0; i < nMels; i++) out[i] = melToHz(nMels > 1 && i === nMels - 1 ? hi : lo + i * step, htk);
  return out;
}

/** librosa.hz_to_midi: 12·(log2(f) − log2(440)) + 69. */
export function hzToMidi(f: number): number {
  return 12 * (Math.log2(f) - Math.log2(440)) + 69;
}

/** librosa.midi_to_hz: 440 · 2^((m − 69)/12). */
export function midiToHz(m: number): number {
  return 440 * 2 ** ((m - 69) / 12);
}

/** librosa.hz_to_octs: log2(f / (A440/16)) with A440 = 440·2^(tuning/binsPerOctave). */
export function hzToOcts(f: number, tuning = 0, binsPerOctave = 12): number {
  const a440 = 440 * 2 ** (tuning / binsPerOctave);
  return Math.log2(f / (a440 / 16));
}

/** librosa.note_to_hz("C1") and friends are not needed; C1 in Hz (librosa's default CQT fmin). */
export const C1_HZ = midiToHz(24);

/** librosa.cqt_frequencies: fmin · 2^(k / binsPerOctave) (+ tuning). Float64 [nBins]. */
export function cqtFrequencies(nBins: number, fmin: number, binsPerOctave = 12, tuning = 0): Float64Array {
  assertPositiveInt("nBins", nBins);
  assertPositive("fmin", fmin);
  const correction = 2 ** (tuning / binsPerOctave);
  const out = new Float64Array(nBins);
  for (let k = 0; k < nBins; k++) out[k] = correction * fmin * 2 ** (k / binsPerOctave);
  return out;
}
