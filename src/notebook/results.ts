/**
 * Headline results that notebooks record for `npm start` to print at the end: one JSON file
 * (`<reportsDir>/results.json`), each notebook merging its own section in, written atomically.
 */
import fs from "node:fs";
import path from "node:path";
import { writeFileAtomic } from "../util/atomic-write";
import { projectPath } from "../util/paths";

/** Merges `value` under `section` into `<reportsDir>/results.json` (reportsDir relative to the project root). */
export function recordResults(reportsDir: string, section: string, value: unknown): void {
  const file = path.resolve(projectPath(), reportsDir, "results.json");
  let all: Record<string, unknown> = {};
  if (fs.existsSync(file)) {
    try {
      all = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch {
      all = {}; // a corrupt file is replaced
    }
  }
  all[section] = { ...(value as object), recordedAt: new Date().toISOString() };
  writeFileAtomic(file, JSON.stringify(all, null, 2) + "\n");
}

/** The recorded results of `reportsDir`, or null when none were recorded. */
export function readResults(reportsDir: string): Record<string, Record<string, unknown>> | null {
  const file = path.resolve(projectPath(), reportsDir, "results.json");
  if (!fs.existsSync(file)) return null;
  return JSON.parse(fs.readFileSync(file, "utf8"));
}
