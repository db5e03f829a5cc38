/** One line of a transcript, with the speaker label split off when there is one. */
export interface TranscriptLine {
  speaker: string | null;
  text: string;
}

/**
 * "Intervjuer: Hva …" / "Informant 2: Ja …" — a short label of at most four
 * words before a colon at the start of a line. Longer openings are ordinary
 * speech that happens to contain a colon.
 */
export const SPEAKER = /^((?:[\p{L}\p{N}.'’-]+ ?){1,4}):(?=\s)/u;

/** A time mark opening a line (`[00:12:34] Informant: …`), as typed while transcribing or imported. */
export const TIME_PREFIX = /^\[\d{1,2}:[0-5]\d:[0-5]\d(?:[.,]\d{1,3})?\]\s*/u;

/** The speaker label of a line, after an opening time mark if there is one: where it starts and its name. */
export function lineSpeaker(line: string): { start: number; name: string } | null {
  const start = TIME_PREFIX.exec(line)?.[0].length ?? 0;
  const match = SPEAKER.exec(line.slice(start));
  return match ? { start, name: match[1] } : null;
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
