/** A member who can be mentioned. */
export interface Mentionable {
  userId: string;
  name: string;
}

/**
 * The members named with `@` in a comment: `@Kari Nordmann` (full name) or
 * `@Kari` (first name, when only one member has it), case-insensitive, and
 * only at a word boundary after the name. Longer names win, so `@Kari
 * Nordmann` is not read as `@Kari`.
 */
export function findMentions(body: string, members: readonly Mentionable[]): string[] {
  const candidates = new Map<string, string[]>();
  const add = (key: string, userId: string) => {
    const ids = candidates.get(key) ?? [];
    if (!ids.includes(userId)) ids.push(userId);
    candidates.set(key, ids);
  };
  for (const { userId, name } of members) {
    add(name.toLowerCase(), userId);
    const first = name.split(/\s+/)[0];
    if (first && first.length > 1) add(first.toLowerCase(), userId);
  }
  const names = [...candidates.keys()].sort((a, b) => b.length - a.length);
  const found = new Set<string>();
  const lower = body.toLowerCase();
  for (let at = lower.indexOf('@'); at !== -1; at = lower.indexOf('@', at + 1)) {
    if (at > 0 && /[\p{L}\p{N}._-]/u.test(lower[at - 1])) continue; // an email address, not a mention
    const rest = lower.slice(at + 1);
    const name = names.find((n) => rest.startsWith(n) && !/^[\p{L}\p{N}]/u.test(rest.slice(n.length)));
    const ids = name ? candidates.get(name)! : [];
    // An ambiguous first name names nobody.
    if (ids.length === 1) found.add(ids[0]);
  }
  return [...found];
}
