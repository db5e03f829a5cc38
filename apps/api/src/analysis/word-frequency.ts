import type { Range } from './query-ranges.js';

/** One word of a word-frequency table: its lemma, how often its forms occur, in how many transcripts, which forms. */
export interface WordCount {
  word: string;
  lemma: string;
  count: number;
  documents: number;
  /** The surface forms seen, most frequent first. */
  forms: string[];
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const LETTER = /\p{L}/u;
/** A speaker's label at the start of a turn («Informant 2:», «Intervjuer:»): not part of what was said. */
const SPEAKER_LABEL = /^[^\S\n]*[^\n:.!?]{1,40}:(?=\s)/gmu;

/**
 * The words of a text (or of the given stretches of it), lower-cased, with
 * speaker labels at the start of a line left out. A word has at least two
 * characters and at least one letter (numbers and time marks are not words).
 */
export function wordsOf(text: string, ranges?: readonly Range[]): string[] {
  const labels: Range[] = [];
  for (const m of text.matchAll(SPEAKER_LABEL)) {
    const parts = m[0].trim().slice(0, -1).split(/\s+/u);
    // Names and roles: at most four words, each capitalised or a number («Informant 2», «Kari Nordmann»).
    if (parts.length <= 4 && parts.every((p) => /^[\p{Lu}\p{N}]/u.test(p)))
      labels.push({ start: m.index, end: m.index + m[0].length });
  }
  const inLabel = (i: number) => labels.some((l) => i >= l.start && i < l.end);
  const words: string[] = [];
  for (const { start, end } of ranges ?? [{ start: 0, end: text.length }]) {
    for (const m of text.slice(start, end).matchAll(WORD)) {
      const word = m[0].toLowerCase();
      if (word.length < 2 || !LETTER.test(word) || inLabel(start + m.index)) continue;
      words.push(word);
    }
  }
  return words;
}

/** How often each form occurs, and in which documents. */
export function countForms(
  documents: Iterable<{ documentId: string; words: Iterable<string> }>,
): Map<string, { count: number; documents: Set<string> }> {
  const forms = new Map<string, { count: number; documents: Set<string> }>();
  for (const { documentId, words } of documents) {
    for (const word of words) {
      const form = forms.get(word);
      if (form) {
        form.count += 1;
        form.documents.add(documentId);
      } else forms.set(word, { count: 1, documents: new Set([documentId]) });
    }
  }
  return forms;
}

/**
 * Forms grouped by lemma (`lemmaOf` answers undefined for a stop word, which
 * is left out), most frequent first (ties alphabetically), at most `limit`.
 */
export function groupByLemma(
  forms: ReadonlyMap<string, { count: number; documents: ReadonlySet<string> }>,
  lemmaOf: (form: string) => string | undefined,
  limit: number,
): WordCount[] {
  const lemmas = new Map<string, { count: number; documents: Set<string>; forms: [string, number][] }>();
  for (const [form, { count, documents }] of forms) {
    const lemma = lemmaOf(form);
    if (lemma === undefined) continue;
    let entry = lemmas.get(lemma);
    if (!entry) lemmas.set(lemma, (entry = { count: 0, documents: new Set(), forms: [] }));
    entry.count += count;
    for (const d of documents) entry.documents.add(d);
    entry.forms.push([form, count]);
  }
  return [...lemmas]
    .map(([lemma, e]) => ({
      word: lemma,
      lemma,
      count: e.count,
      documents: e.documents.size,
      forms: e.forms.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([f]) => f),
    }))
    .sort((a, b) => b.count - a.count || a.word.localeCompare(b.word))
    .slice(0, limit);
}
