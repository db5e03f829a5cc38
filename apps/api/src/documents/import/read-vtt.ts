import { invalid } from '../../platform/domain-error.js';
import {
  blocksOf,
  type CueSegment,
  cueSegments,
  segmentsToTranscript,
  splitLines,
  type TimedTranscript,
  toMilliseconds,
} from './cue-text.js';

// WebVTT timestamps: hours are optional, milliseconds are exactly three digits.
const TIMESTAMP = /^(?:(\d{2,}):)?(\d{2}):(\d{2})\.(\d{3})$/u;
const TIMING = /^(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t].*)?$/u;

function parseTimestamp(value: string): number | undefined {
  const match = TIMESTAMP.exec(value);
  return match ? toMilliseconds(match[1], match[2] ?? '', match[3] ?? '', match[4] ?? '') : undefined;
}

/**
 * Reads a WebVTT file (e.g. from Teams, Zoom or Whisper) into transcript lines
 * `[hh:mm:ss] Speaker: text`. Speakers come from voice tags (`<v Kari>`) or a
 * `Speaker:` prefix in the cue text; other markup is dropped. NOTE, STYLE and
 * REGION blocks are skipped, and so are blocks that are not cues, as the
 * WebVTT parsing rules say; a cue timing that does not parse is refused
 * rather than silently losing its text.
 */
export function readVtt(source: string): TimedTranscript {
  const lines = splitLines(source.startsWith('\uFEFF') ? source.slice(1) : source);
  if (!/^WEBVTT(?:[ \t].*)?$/u.test(lines[0] ?? '')) {
    const looksLikeSrt = /^\d+$/u.test(lines[0]?.trim() ?? '') && (lines[1] ?? '').includes('-->');
    throw invalid(
      'unreadable_subtitles',
      `file is not a WebVTT file: its first line must be "WEBVTT"${looksLikeSrt ? ' (it looks like SubRip: upload it as .srt)' : ''}`,
      { format: 'vtt' },
    );
  }
  // The header runs to the first blank line; an arrow in it means a cue has begun.
  let first = 1;
  while (first < lines.length && (lines[first] ?? '').trim() !== '' && !(lines[first] ?? '').includes('-->')) first++;

  const segments: CueSegment[] = [];
  for (const block of blocksOf(lines, first)) {
    const [head = '', second = ''] = block.lines;
    const timingIndex = head.includes('-->') ? 0 : second.includes('-->') ? 1 : -1;
    if (timingIndex < 0) continue; // NOTE, STYLE, REGION or stray text: not a cue
    const timing = block.lines[timingIndex] ?? '';
    const match = TIMING.exec(timing.trim());
    const start = match ? parseTimestamp(match[1] ?? '') : undefined;
    const end = match ? parseTimestamp(match[2] ?? '') : undefined;
    if (start === undefined || end === undefined) {
      throw invalid(
        'unreadable_subtitles',
        `file has an invalid cue timing on line ${block.line + timingIndex}: "${timing.slice(0, 80)}" (expected e.g. 00:01:02.500 --> 00:01:05.000)`,
        { format: 'vtt', line: block.line + timingIndex },
      );
    }
    segments.push(...cueSegments(block.lines.slice(timingIndex + 1), start));
  }
  if (segments.length === 0)
    throw invalid('unreadable_subtitles', 'file is a WebVTT file without any cue text', { format: 'vtt' });
  return segmentsToTranscript(segments);
}
