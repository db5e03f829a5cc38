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
