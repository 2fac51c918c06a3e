/** Keeping the clips of some actors: the notebooks' `actors` parameter ("" = everyone, "1-6", [1, 2]). */
import { parseActorRange } from "./split";

/**
 * The clips whose actor is in `actors`.
 * @param actors an actor range ("1-6", "1,3,17-20"), a list of actor numbers, or ""/null/undefined for all
 * @returns a new array in the input order (all clips when `actors` is empty)
 * @example const clips = clipsOfActors(await scanRavdess(root), params.actors);
 */
export function clipsOfActors<T extends { actor: number }>(clips: readonly T[], actors: string | readonly number[] | null | undefined): T[] {
  const list = typeof actors === "string" ? (actors.trim() ? parseActorRange(actors) : []) : (actors ?? []);
  if (list.length === 0) return [...clips];
  const keep = new Set(list);
  return clips.filter((c) => keep.has(c.actor));
}
