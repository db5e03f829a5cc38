import { invalid } from '../../platform/domain-error.js';
import {
  blocksOf,
  cueSegments,
  segmentsToTranscript,
  splitLines,
  type TimedTranscript,
  toMilliseconds,
} from './cue-text.js';

// SubRip writes 00:01:02,500; players also accept a dot and fewer digits, so do we.
const TIMESTAMP = /^(\d{1,3}):(\d{1,2}):(\d{1,2})[,.](\d{1,3})$/u;
// Some writers add display coordinates after the end time (X1:… X2:…).
const TIMING = /^(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t].*)?$/u;

function parseTimestamp(value: string): number | undefined {
  const match = TIMESTAMP.exec(value);
  return match ? toMilliseconds(match[1], match[2] ?? '', match[3] ?? '', match[4] ?? '') : undefined;
}

interface SrtCue {
  startMs: number;
  payload: string[];
}

/**
 * Reads a SubRip (.srt) file into transcript lines `[hh:mm:ss] Speaker: text`,
 * with speakers from `Speaker:` prefixes. A cue is an optional number, a
 * timing line and text; text after a blank line inside a cue (which some
 * editors write) stays with that cue. A file without a single valid cue, or
 * with a timing line that does not parse, is refused.
 */
export function readSrt(source: string): TimedTranscript {
  const lines = splitLines(source.startsWith('\uFEFF') ? source.slice(1) : source);
  const cues: SrtCue[] = [];
  for (const block of blocksOf(lines)) {
    const [head = '', second = ''] = block.lines;
    const timingIndex = head.includes('-->') ? 0 : second.includes('-->') ? 1 : -1;
    if (timingIndex < 0) {
      cues.at(-1)?.payload.push(...block.lines);
      continue;
    }
    const timing = block.lines[timingIndex] ?? '';
    const match = TIMING.exec(timing.trim());
    const start = match ? parseTimestamp(match[1] ?? '') : undefined;
    const end = match ? parseTimestamp(match[2] ?? '') : undefined;
    if (start === undefined || end === undefined) {
      throw invalid(
        'unreadable_subtitles',
        `file has an invalid cue timing on line ${block.line + timingIndex}: "${timing.slice(0, 80)}" (expected e.g. 00:01:02,500 --> 00:01:05,000)`,
        { format: 'srt', line: block.line + timingIndex },
      );
    }
    cues.push({ startMs: start, payload: block.lines.slice(timingIndex + 1) });
  }
  const segments = cues.flatMap((cue) => cueSegments(cue.payload, cue.startMs));
  if (cues.length > 0 && segments.length === 0)
    throw invalid('unreadable_subtitles', 'file is a SubRip file whose cues have no text', { format: 'srt' });
  if (segments.length === 0) {
    throw invalid(
      'unreadable_subtitles',
      'file is not a SubRip file: no valid cue found (a cue is a number, a line like 00:00:01,000 --> 00:00:04,000 and its text)',
      { format: 'srt' },
    );
  }
  return segmentsToTranscript(segments);
}
