/**
 * Speaker labels in a transcript: «Intervjuer: Hva …», «[00:12:34] Informant 2: Ja …».
 * The editor sets them apart and the quote report names the speaker of a
 * quote from them, so both read a label the same way.
 */

/**
 * A short label of at most four words before a colon at the start of a line.
 * Longer openings are ordinary speech that happens to contain a colon.
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
