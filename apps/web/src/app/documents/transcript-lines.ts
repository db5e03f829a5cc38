import { SPEAKER } from '@tolk/contracts';

/** The speaker labels' rules live in `@tolk/contracts` (the quote report reads them too). */
export { lineSpeaker, SPEAKER, TIME_PREFIX } from '@tolk/contracts';

/** One line of a transcript, with the speaker label split off when there is one. */
export interface TranscriptLine {
  speaker: string | null;
  text: string;
}

/**
 * Splits a transcript into lines so the reading view can set speaker labels
 * apart. Joining `speaker + ':' + text` and the lines with '\n' gives back
 * the original text exactly, which the coding view will rely on for offsets.
 */
export function transcriptLines(text: string): TranscriptLine[] {
  return text.split('\n').map((line) => {
    const match = SPEAKER.exec(line);
    if (!match) return { speaker: null, text: line };
    const speaker = match[1];
    return { speaker, text: line.slice(speaker.length + 1) };
  });
}

/**
 * How many words a text has: runs of characters between white space (what
 * `text.split(/\s+/u).filter(Boolean).length` counts), without building the
 * list of words, since the page recounts a long live transcript while it is
 * typed in.
 */
export function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

/** JavaScript's `\s`: ASCII white space, no-break spaces, the Unicode space separators, line and paragraph separators, BOM. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
