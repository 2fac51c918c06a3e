/** Soft problems (librosa's `warnings.warn`): Node's process warnings, or the console where there is no `process` (a browser). */

/**
 * Emits a warning with a code.
 * @example warnSoft("Trying to estimate tuning from empty frequency set.", "SER_EMPTY_TUNING");
 */
export function warnSoft(message: string, code: string): void {
  const p = (globalThis as { process?: { emitWarning?: (m: string, o: { code: string }) => void } }).process;
  if (p && typeof p.emitWarning === "function") p.emitWarning(message, { code });
  else console.warn(`${code}: ${message}`);
}
