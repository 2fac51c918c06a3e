/**
 * Notebook parameters, papermill's way: each notebook has one cell tagged `parameters` holding
 * `let params = {...}`; a runner injects overrides after it. `--set key=value` values are parsed
 * as JSON when they can be (numbers, booleans, arrays), and kept as strings otherwise.
 */
import { ParameterError } from "../util/errors";

/** Parses `["epochs=50", "lr=0.0005", "name=baseline"]` into `{ epochs: 50, lr: 0.0005, name: "baseline" }`. */
export function parseSetArgs(sets: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of sets) {
    const eq = s.indexOf("=");
    if (eq <= 0) throw new ParameterError(`--set ${JSON.stringify(s)} must look like key=value`);
    const key = s.slice(0, eq).trim();
    const raw = s.slice(eq + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      value = raw;
    }
    out[key] = value;
  }
  return out;
}
