/**
 * Test signals generated identically here and in test/fixtures/signals.py (float64 math, cast to
 * float32), so fixtures need not store input audio. `noise` uses xorshift32, portable bit for bit.
 */

export function sine(freq = 440, sr = 22050, duration = 1, amp = 0.5, phase = 0): Float32Array {
  const n = Math.round(sr * duration);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) y[i] = amp * Math.sin(2 * Math.PI * freq * (i / sr) + phase);
  return y;
}

export function chirp(f0 = 100, f1 = 8000, sr = 22050, duration = 1, amp = 0.5): Float32Array {
  const n = Math.round(sr * duration);
  const k = (f1 - f0) / duration;
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const t = i / sr;
    y[i] = amp * Math.sin(2 * Math.PI * (f0 * t + 0.5 * k * t * t));
  }
  return y;
}

export function amTone(fc = 1000, fm = 4, depth = 0.8, sr = 22050, duration = 1, amp = 0.5): Float32Array {
  const n = Math.round(sr * duration);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const t = i / sr;
    y[i] = ((amp * (1 + depth * Math.sin(2 * Math.PI * fm * t))) / (1 + depth)) * Math.sin(2 * Math.PI * fc * t);
  }
  return y;
}

export function noise(n = 22050, seed = 1, amp = 0.5): Float32Array {
  const y = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    y[i] = amp * (2 * (s / 4294967296) - 1);
  }
  return y;
}

/** The named signals of the fixtures (test/fixtures/signals.py SIGNALS), at sample rate `sr`. */
export const SIGNALS: Record<string, (sr?: number) => Float32Array> = {
  sine: (sr = 22050) => sine(440, sr, 1),
  chirp: (sr = 22050) => chirp(100, 8000, sr, 1),
  noise: (sr = 22050) => noise(Math.trunc(sr), 1),
  am_tone: (sr = 22050) => amTone(1000, 4, 0.8, sr, 1),
};
