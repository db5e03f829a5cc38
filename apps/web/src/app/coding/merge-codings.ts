import type { Coding } from '@tolk/contracts';

/**
 * The list with `incoming` codings added or replaced, as one new array, so a
 * "code all hits" batch of thousands is one signal update (one render), not
 * thousands. An event can overtake the REST answer, so a coding never goes back
 * a version. Returns `list` itself when nothing changed.
 */
export function upsertCodings(list: readonly Coding[], incoming: readonly Coding[]): readonly Coding[] {
  if (incoming.length === 0) return list;
  const at = new Map(list.map((coding, i) => [coding.id, i]));
  let next: Coding[] | undefined;
  for (const coding of incoming) {
    const i = at.get(coding.id);
    next ??= [...list];
    if (i === undefined) {
      at.set(coding.id, next.length);
      next.push(coding);
    } else if (next[i].version <= coding.version) {
      next[i] = coding;
    }
  }
  return next ?? list;
}

/** The list without the codings of `ids`, as one new array (or `list` itself when none was there). */
export function dropCodings(list: readonly Coding[], ids: readonly string[]): readonly Coding[] {
  const gone = new Set(ids);
  const kept = list.filter((coding) => !gone.has(coding.id));
  return kept.length === list.length ? list : kept;
}
