/** One entry of a project's key list: a real name or place and what replaces it. */
export interface PseudonymEntry {
  real: string;
  pseudonym: string;
}

/** A place in a text where a real name stands, and what goes there instead. */
export interface Replacement {
  start: number;
  end: number;
  pseudonym: string;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Where the real names stand in a text, as whole words (not "Per" inside
 * "Persen"), longest first so "Ola Nordmann" wins over "Ola", in text order
 * and never overlapping. Case-sensitive: a list names people as they are
 * written.
 */
export function findReplacements(text: string, entries: readonly PseudonymEntry[]): Replacement[] {
  const usable = entries.filter((e) => e.real.trim() !== '' && e.real !== e.pseudonym);
  if (usable.length === 0) return [];
  const byReal = new Map(usable.map((e) => [e.real, e.pseudonym]));
  const alternatives = [...byReal.keys()].sort((a, b) => b.length - a.length).map(escape);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_])`, 'gu');
  const found: Replacement[] = [];
  for (const match of text.matchAll(pattern)) {
    found.push({ start: match.index, end: match.index + match[0].length, pseudonym: byReal.get(match[0])! });
  }
  return found;
}

/** The text with every replacement made (what the Yjs edits produce). */
export function applyReplacements(text: string, replacements: readonly Replacement[]): string {
  let out = '';
  let at = 0;
  for (const r of replacements) {
    out += text.slice(at, r.start) + r.pseudonym;
    at = r.end;
  }
  return out + text.slice(at);
}
