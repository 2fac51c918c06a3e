/**
 * The official layout of the RAVDESS audio-only speech clips: `Actor_NN/03-01-EE-II-SS-RR-NN.wav`,
 * 60 clips per actor, checked on a list of relative paths (a zip's listing or a folder's files).
 */
import { FileError } from "../util/errors";
import { parseRavdessName, ravdessNameProblem } from "./ravdess";

/** Clips per actor in the speech set: neutral 2×2, seven emotions × 2 intensities × 2 statements × 2 repetitions. */
export const CLIPS_PER_ACTOR = 60;

const LAYOUT = /^Actor_(\d\d)\/([^/]+)$/;

/**
 * Checks that `names` (paths relative to the data root, "/"-separated, folders excluded) are
 * exactly the RAVDESS audio-only speech clips of some actors in the official layout: each
 * `Actor_NN/03-01-EE-II-SS-RR-NN.wav`, no duplicates, 60 per actor.
 * @param names relative file paths
 * @param source the zip or folder, for the error message
 * @param expectActors when given, exactly these actors must be present
 * @returns actors present, ascending
 * @throws FileError naming `source` and listing the offending entries
 */
export function checkRavdessLayout(names: readonly string[], source: string, expectActors?: readonly number[]): number[] {
  const problems: string[] = [];
  const perActor = new Map<number, Set<string>>();
  for (const n of names) {
    const m = LAYOUT.exec(n);
    if (!m) {
      problems.push(`${n}: not in an Actor_NN/ folder of the official layout`);
      continue;
    }
    const why = ravdessNameProblem(m[2]);
    if (why) {
      problems.push(`${n}: ${why}`);
      continue;
    }
    const c = parseRavdessName(m[2]);
    if (c.modality !== "audio-only" || c.vocalChannel !== "speech") problems.push(`${n}: ${c.modality} ${c.vocalChannel}, expected audio-only speech (03-01-…)`);
    else if (c.actor !== Number(m[1])) problems.push(`${n}: actor ${c.actor} in the name, but the folder is Actor_${m[1]}`);
    else {
      const set = perActor.get(c.actor) ?? new Set<string>();
      if (set.has(c.fileName)) problems.push(`${n}: duplicate`);
      set.add(c.fileName);
      perActor.set(c.actor, set);
    }
  }
  const actors = [...perActor.keys()].sort((a, b) => a - b);
  for (const a of actors) {
    const k = perActor.get(a)!.size;
    if (k !== CLIPS_PER_ACTOR) problems.push(`Actor_${String(a).padStart(2, "0")}: ${k} clips, expected ${CLIPS_PER_ACTOR}`);
  }
  if (actors.length === 0 && problems.length === 0) problems.push("no RAVDESS clips at all");
  if (expectActors) {
    const missing = expectActors.filter((a) => !perActor.has(a));
    if (missing.length) problems.push(`actors ${missing.join(", ")} are missing`);
  }
  if (problems.length) {
    const shown = problems.slice(0, 12).map((p) => `  ${p}`);
    if (problems.length > 12) shown.push(`  … and ${problems.length - 12} more`);
    throw new FileError(source, `wrong content for RAVDESS speech (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${shown.join("\n")}`);
  }
  return actors;
}
