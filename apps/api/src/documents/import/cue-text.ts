import { parseSpeakerLabel } from './speaker-turns.js';

/**
 * What WebVTT and SubRip have in common once their cues are parsed: timed
 * stretches of speech, each perhaps with a speaker, turned into transcript
 * lines `[hh:mm:ss] Speaker: text`.
 */

/** A stretch of one cue spoken by one speaker (or by nobody in particular). */
export interface CueSegment {
  startMs: number;
  speaker?: string;
  text: string;
}

export interface TimedTranscript {
  /** Lines `[hh:mm:ss] Speaker: text` or `[hh:mm:ss] text`, joined by `\n`. */
  text: string;
  /** Speakers named by the file itself (voice tags, `Speaker:` prefixes), in order of appearance. */
  speakers: string[];
}

/** A block of consecutive non-blank lines; `line` is the 1-based number of its first line. */
export interface Block {
  line: number;
  lines: string[];
}

/** Splits a subtitle file into blocks separated by blank lines. */
export function blocksOf(lines: readonly string[], from = 0): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      current = undefined;
    } else if (current) {
      current.lines.push(line);
    } else {
      current = { line: i + 1, lines: [line] };
      blocks.push(current);
    }
  }
  return blocks;
}

export const splitLines = (text: string): string[] => text.split(/\r\n|\r|\n/u);

/** `hh:mm:ss` for a time in milliseconds; seconds are truncated, hours may exceed 99. */
export function formatTimestamp(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

/** Milliseconds from the parts of a timestamp; undefined when minutes or seconds are out of range. */
export function toMilliseconds(
  hours: string | undefined,
  minutes: string,
  seconds: string,
  fraction: string,
): number | undefined {
  const [h, m, s] = [Number(hours ?? 0), Number(minutes), Number(seconds)];
  if (m > 59 || s > 59) return undefined;
  return ((h * 60 + m) * 60 + s) * 1000 + Number(fraction.padEnd(3, '0'));
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00A0',
  lrm: '\u200E',
  rlm: '\u200F',
};

/** Decodes the character references subtitle files use; anything odd is left as written. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]+);/giu, (whole, name: string) => {
    if (!name.startsWith('#')) return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    // No NUL, no lone surrogates, nothing beyond Unicode: the text must stay storable.
    const storable = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
    return storable ? String.fromCodePoint(code) : whole;
  });
}

/** Cue text as plain text: markup (`<i>`, `<c.loud>`, `<00:01.000>`, `{\an8}`) removed, spaces collapsed. */
export function cleanCueText(raw: string): string {
  const withoutMarkup = raw.replace(/<[^>\n]*>/gu, '').replace(/\{\\[^}\n]*\}/gu, '');
  return decodeEntities(withoutMarkup)
    .replace(/[ \t\r\n]+/gu, ' ')
    .trim();
}

// `<v Kari>` or `<v.loud.first Kari Nordmann>`: the annotation after the classes is the speaker.
const VOICE_TAG = /<v(?:\.[^\s>]*)?(?:[ \t]+([^>\n]*))?>/gu;

/**
 * The speaker segments of one cue's text lines. A WebVTT voice tag starts a
 * segment for its voice; otherwise a line opening with a speaker label
 * (`Intervjuer: …`, `Kari: …`) does; other text continues the segment before it.
 */
export function cueSegments(payload: readonly string[], startMs: number): CueSegment[] {
  const segments: { speaker?: string; parts: string[] }[] = [];
  const open = (speaker: string | undefined) => {
    const segment = { speaker, parts: [] as string[] };
    segments.push(segment);
    return segment;
  };
  let current: { speaker?: string; parts: string[] } | undefined;
  for (const line of payload) {
    const tags = [...line.matchAll(VOICE_TAG)];
    // The text before the first voice tag (all of it, when there is none).
    const lead = cleanCueText(line.slice(0, tags[0]?.index ?? line.length));
    const label = parseSpeakerLabel(lead);
    if (label) {
      current = open(label.label);
      current.parts.push(lead.slice(label.textStart));
    } else if (lead !== '') {
      current ??= open(undefined);
      current.parts.push(lead);
    }
    tags.forEach((tag, i) => {
      const voice = (tag[1] ?? '').replace(/\s+/gu, ' ').trim();
      current = open(voice === '' ? undefined : voice);
      const end = tags[i + 1]?.index ?? line.length;
      current.parts.push(cleanCueText(line.slice((tag.index ?? 0) + tag[0].length, end)));
    });
  }
  return segments
    .map(({ speaker, parts }) => ({ startMs, speaker, text: parts.filter((p) => p !== '').join(' ') }))
    .filter((s) => s.text !== '');
}

/**
 * Transcript lines from segments in order: consecutive segments of one
 * speaker become one line with the first one's time; segments without a
 * speaker stay lines of their own.
 */
export function segmentsToTranscript(segments: readonly CueSegment[]): TimedTranscript {
  const lines: { startMs: number; speaker?: string; parts: string[] }[] = [];
  for (const segment of segments) {
    const last = lines.at(-1);
    if (last && segment.speaker !== undefined && last.speaker === segment.speaker) last.parts.push(segment.text);
    else lines.push({ startMs: segment.startMs, speaker: segment.speaker, parts: [segment.text] });
  }
  const speakers = [...new Set(lines.flatMap((l) => (l.speaker === undefined ? [] : [l.speaker])))];
  const text = lines
    .map(
      (l) => `[${formatTimestamp(l.startMs)}] ${l.speaker === undefined ? '' : `${l.speaker}: `}${l.parts.join(' ')}`,
    )
    .join('\n');
  return { text, speakers };
}
