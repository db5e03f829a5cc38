/**
 * Time marks in a transcript (docs/api.md, "Recordings"): `[hh:mm:ss]` typed
 * while transcribing against the recording (or written by a .vtt/.srt import)
 * tie the text to the audio. The server and the web client read them with
 * these functions, so a segment plays from the same moment everywhere.
 */

/** A time mark: where the audio stands (`ms`) at this offset of the text (`start`, UTF-16, the `[`). */
export interface TextTimestamp {
  ms: number;
  start: number;
}

/** `[h:mm:ss]` or `[hh:mm:ss]`, with an optional fraction of a second (`[00:12:34.5]`). */
const MARK = /\[(\d{1,2}):([0-5]\d):([0-5]\d)(?:[.,](\d{1,3}))?\]/g;

/** Every time mark of the text, in the order of the text. */
export function textTimestamps(text: string): TextTimestamp[] {
  const marks: TextTimestamp[] = [];
  for (const match of text.matchAll(MARK)) {
    const [, h, m, s, fraction] = match;
    const ms =
      ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000 + (fraction ? Number(fraction.padEnd(3, '0')) : 0);
    marks.push({ ms, start: match.index });
  }
  return marks;
}

/**
 * The time of the nearest mark at or before `offset` (a segment's start), or
 * null when none precedes it. Marks need not grow through the text (a
 * corrected mark may run backwards); the nearest one in the text counts.
 */
export function timeAt(timestamps: readonly TextTimestamp[], offset: number): number | null {
  let low = 0;
  let high = timestamps.length - 1;
  let found: number | null = null;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (timestamps[mid].start <= offset) {
      found = timestamps[mid].ms;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

/** A mark as a transcriber inserts it: `[00:12:34]` (whole seconds, rounded down). */
export function formatTimestamp(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `[${pad(Math.floor(total / 3600))}:${pad(Math.floor(total / 60) % 60)}:${pad(total % 60)}]`;
}
