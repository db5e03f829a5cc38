import type { SearchHit } from '@tolk/contracts';

/** Characters of context kept on each side of a hit (cut back to whole words). */
const CONTEXT_CHARS = 60;

/** What a word is made of here and in PostgreSQL's parser: letters (with their marks) and digits. */
const WORD_CHAR = '[\\p{L}\\p{M}\\p{N}]';

/**
 * A pattern for the words that may have one of these stems: Snowball stemmers
 * (norwegian, english) cut or change only a word's ending, so a word whose
 * stem is `samarbeid` starts with all of the stem but its last letter
 * (`happy` → `happi` starts with `happ`). Candidates are then stemmed by
 * PostgreSQL to be sure; this only spares stemming every word of every
 * transcript. Undefined when there is nothing to look for.
 */
export function candidatePattern(lexemes: Iterable<string>): RegExp | undefined {
  const onlyWordChars = new RegExp(`^${WORD_CHAR}+$`, 'u');
  const prefixes = new Set<string>();
  for (const lexeme of lexemes) {
    const chars = [...lexeme];
    const prefix = chars.slice(0, Math.max(1, chars.length - 1)).join('');
    // Lexemes of hyphenated words (`e-post`) also come as their parts; those are enough.
    if (onlyWordChars.test(prefix)) prefixes.add(prefix);
  }
  if (prefixes.size === 0) return undefined;
  const alternatives = [...prefixes].sort((a, b) => b.length - a.length).join('|');
  return new RegExp(`(?<!${WORD_CHAR})(?:${alternatives})${WORD_CHAR}*`, 'giu');
}

/** The distinct candidate words of some texts, lower-cased (what is sent to be stemmed). */
export function candidateWords(texts: Iterable<string>, pattern: RegExp): Set<string> {
  const words = new Set<string>();
  for (const text of texts) for (const match of text.matchAll(pattern)) words.add(match[0].toLowerCase());
  return words;
}

/**
 * The lexemes a tsquery (as text, e.g. `'samarbeid' & !'team'` or
 * `!( 'a' <-> 'b' )`) looks for, leaving out negated ones: words that make a
 * document match, and so the ones worth marking.
 */
export function positiveLexemes(tsquery: string): Set<string> {
  const lexemes = new Set<string>();
  const negatedDepth: number[] = [];
  let depth = 0;
  let negateNext = false;
  for (let i = 0; i < tsquery.length; i++) {
    const ch = tsquery[i];
    if (ch === '!') negateNext = true;
    else if (ch === '(') {
      depth += 1;
      if (negateNext) negatedDepth.push(depth);
      negateNext = false;
    } else if (ch === ')') {
      if (negatedDepth[negatedDepth.length - 1] === depth) negatedDepth.pop();
      depth -= 1;
    } else if (ch === "'") {
      let lexeme = '';
      for (i += 1; i < tsquery.length; i++) {
        if (tsquery[i] === "'" && tsquery[i + 1] === "'") {
          lexeme += "'";
          i += 1;
        } else if (tsquery[i] === "'") break;
        else lexeme += tsquery[i];
      }
      if (!negateNext && negatedDepth.length === 0) lexemes.add(lexeme);
      negateNext = false;
    }
  }
  return lexemes;
}

/**
 * Hits in a text: each candidate word (by `pattern`) that `matches` (given
 * lower-cased), with UTF-16 offsets into the text. Parts of one hyphenated
 * word that both match (`e-post`) become one hit.
 */
export function findHits(text: string, pattern: RegExp, matches: (word: string) => boolean): SearchHit[] {
  const ranges: { start: number; end: number }[] = [];
  for (const match of text.matchAll(pattern)) {
    if (!matches(match[0].toLowerCase())) continue;
    const start = match.index;
    const end = start + match[0].length;
    const previous = ranges[ranges.length - 1];
    if (previous && /^-+$/u.test(text.slice(previous.end, start))) previous.end = end;
    else ranges.push({ start, end });
  }
  return ranges.map((r) => hitAt(text, r.start, r.end));
}

/** A hit with a little context on each side, cut at word boundaries. */
export function hitAt(text: string, start: number, end: number): SearchHit {
  let before = text.slice(Math.max(0, start - CONTEXT_CHARS), start);
  if (start > CONTEXT_CHARS) before = before.replace(/^\S*\s/u, '');
  let after = text.slice(end, end + CONTEXT_CHARS);
  if (end + CONTEXT_CHARS < text.length) after = after.replace(/\s\S*$/u, '');
  return {
    start,
    end,
    text: text.slice(start, end),
    before: before.replace(/\s+/gu, ' '),
    after: after.replace(/\s+/gu, ' '),
  };
}
