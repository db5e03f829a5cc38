import type { SearchHit } from '@tolk/contracts';

/** What PostgreSQL's ts_headline is asked to put around each matching word. */
export const HIT_START = '\u0001';
export const HIT_END = '\u0002';

/** Words of context kept on each side of a hit. */
const CONTEXT_CHARS = 60;

/**
 * Turns a document's text as ts_headline returned it (every matching word
 * between HIT_START and HIT_END, `HighlightAll`) into hits with UTF-16
 * offsets into the text itself. The markers are control characters that the
 * query replaced in the text beforehand, so the text without them is the
 * document's text, character for character. Parts of one hyphenated word
 * (`e-post` is parsed as `e`, `post`) become one hit.
 */
export function hitsFromHeadline(marked: string): { text: string; hits: SearchHit[] } {
  const ranges: { start: number; end: number }[] = [];
  let text = '';
  let open = -1;
  let from = 0;
  for (let i = 0; i < marked.length; i++) {
    const ch = marked[i];
    if (ch !== HIT_START && ch !== HIT_END) continue;
    text += marked.slice(from, i);
    from = i + 1;
    if (ch === HIT_START) open = text.length;
    else if (open >= 0) {
      const previous = ranges[ranges.length - 1];
      if (previous && /^-+$/u.test(text.slice(previous.end, open))) previous.end = text.length;
      else ranges.push({ start: open, end: text.length });
      open = -1;
    }
  }
  text += marked.slice(from);
  return { text, hits: ranges.map((r) => hitAt(text, r.start, r.end)) };
}

/** A hit with a little context on each side, cut at word boundaries. */
export function hitAt(text: string, start: number, end: number): SearchHit {
  let before = text.slice(Math.max(0, start - CONTEXT_CHARS), start);
  if (start > CONTEXT_CHARS) before = before.replace(/^\S*\s/u, '');
  let after = text.slice(end, end + CONTEXT_CHARS);
  if (end + CONTEXT_CHARS < text.length) after = after.replace(/\s\S*$/u, '');
  return { start, end, text: text.slice(start, end), before: before.replace(/\s+/gu, ' '), after: after.replace(/\s+/gu, ' ') };
}
