/**
 * Reusable work arrays for the internal temporaries of the DSP hot paths (STFT blocks, overlap-add
 * sums, resampler copies, CQT resonator outputs, the median filters' sort, HPSS masks). Feature
 * extraction allocates ~10 MB of typed arrays per clip; V8 counts ArrayBuffer memory as external
 * memory and runs mark-compact collections (on helper threads too) in proportion to it, so reusing
 * the temporaries that never leave a function cuts both the allocation and the collector's work.
 *
 * A buffer is borrowed under a key and must be given back by the same function before it returns;
 * a key already on loan (re-entrant use) gets a fresh array instead, so borrowing is always safe.
 * Contents are undefined unless `zero` is asked for.
 */

/** Typed array constructors the pool hands out. */
type ScratchArray = Float32Array | Float64Array | Int32Array | Uint32Array;
type ScratchCtor<T extends ScratchArray> = { new (buffer: ArrayBuffer, byteOffset: number, length: number): T; readonly BYTES_PER_ELEMENT: number };

interface Slot {
  buffer: ArrayBuffer;
  busy: boolean;
}

const slots = new Map<string, Slot>();

/** Slots keep at most this many bytes (a 3 s clip needs ~0.6 MB per spectrogram plane); larger requests get fresh arrays. */
const MAX_POOLED_BYTES = 16 << 20;

/**
 * A typed array of length n for temporary use, from the pool slot `key` (grown as needed).
 * @param zero fill with zeros (default false: contents undefined)
 * @returns a view of the slot's memory, or a fresh array when the slot is on loan
 * @example const buf = borrow("stft.block.re", Float32Array, 16 * 1056); try { … } finally { giveBack("stft.block.re", buf); }
 */
export function borrow<T extends ScratchArray>(key: string, ctor: ScratchCtor<T>, n: number, zero = false): T {
  const bytes = n * ctor.BYTES_PER_ELEMENT;
  let slot = slots.get(key);
  if (slot?.busy || bytes > MAX_POOLED_BYTES) return new ctor(new ArrayBuffer(bytes), 0, n);
  if (!slot || slot.buffer.byteLength < bytes) {
    slot = { buffer: new ArrayBuffer(Math.max(bytes, 8)), busy: false };
    slots.set(key, slot);
  }
  slot.busy = true;
  const a = new ctor(slot.buffer, 0, n);
  if (zero) a.fill(0);
  return a;
}

/** Returns a buffer obtained from {@link borrow} under `key` (a fresh array is simply dropped). */
export function giveBack(key: string, a: ScratchArray): void {
  const slot = slots.get(key);
  if (slot && slot.buffer === a.buffer) slot.busy = false;
}
