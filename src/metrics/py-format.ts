/**
 * Python's string formatting where scikit-learn's text output depends on it: `format(x, ".2f")`
 * (round half to even on the exact binary value), `repr(float)`, `repr(label)`, and right
 * alignment by code points.
 */
import type { ClassLabel } from "./labels";

/** Python's `format(x, f".{digits}f")`: exact decimal rounding, ties to even; "nan", "inf". */
export function formatFixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  const neg = x < 0 || Object.is(x, -0);
  const ax = Math.abs(x);
  let s: string;
  if (ax >= 1e21 || digits > 99) {
    s = ax.toFixed(Math.min(digits, 100)); // beyond what metrics produce; no tie handling
  } else {
    s = ax.toFixed(digits); // rounds ties up (away from zero)
    const exact = ax.toFixed(100); // exact for every double that can sit on a tie
    const dot = exact.indexOf(".");
    const tail = exact.slice(dot + 1 + digits);
    if (tail[0] === "5" && /^50*$/.test(tail)) {
      const truncated = exact.slice(0, digits === 0 ? dot : dot + 1 + digits);
      const lastDigit = Number(truncated[truncated.length - 1]);
      if (lastDigit % 2 === 0) s = truncated; // tie: keep the even neighbour
    }
  }
  return neg ? `-${s}` : s;
}

/** Python's `repr(float(x))`: "0.5", "1.0", "1e-05", "nan". */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (Object.is(x, -0)) return "-0.0";
  const [mant, expStr] = x.toExponential().split("e");
  const exp = Number(expStr);
  if (exp < -4 || exp >= 16) return `${mant}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  const s = String(x);
  return s.includes(".") ? s : `${s}.0`;
}

/** Python's `repr` of a label: 3, 'angry'. */
export function pyRepr(v: ClassLabel | null | undefined): string {
  if (v === null || v === undefined) return "None";
  if (typeof v === "number") return String(v);
  return v.includes("'") && !v.includes('"') ? `"${v}"` : `'${v.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

/** Python's `"%s" % label`. */
export function pyStr(v: ClassLabel): string {
  return String(v);
}

/** Length in code points (Python's `len`). */
export function pyLen(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Python's `format(s, f">{width}")`: right-aligned, padded with spaces, counted in code points. */
export function padLeft(s: string, width: number): string {
  const n = pyLen(s);
  return n >= width ? s : " ".repeat(width - n) + s;
}
