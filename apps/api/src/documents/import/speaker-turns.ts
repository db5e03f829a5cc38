/**
 * Speaker turns in a transcript: a line that starts with a speaker label and a
 * colon (`Intervjuer: …`, `Informant 2: …`, `I: …`, `[00:01:02] Kari: …`).
 *
 * Prose has colons too ("Det var slik: …", "Merk: lydopptaket er dårlig"),
 * so recognition is deliberately conservative:
 * - a label is only looked for at the start of a line (after indentation and
 *   an optional `[hh:mm:ss]` timestamp), and the colon must be followed by
 *   whitespace or the end of the line (so `https://` and `10:30` are not labels);
 * - interview roles (`Intervjuer`, `Interviewer`, `Informant 2`, `Deltaker B`,
 *   `Speaker 1` …) and the usual abbreviations (`I`, `IP`, `IO`, `Int`, `Inf`,
 *   also numbered: `I1`, `IP2`) count from their first turn;
 * - anything else that looks like a name (one to three capitalised words such
 *   as `Kari`, `Kari Nordmann`, `Anne-Lise`, or a single capital letter such
 *   as `A` or `R1`) counts only when it opens at least two turns, and never
 *   when it is a word transcribers use for headers and notes (`Dato`, `Sted`,
 *   `Merk`, `Tema` …);
 * - labels the caller already knows (WebVTT voices) always count.
 */

/** One turn: from the start of the line that opens it to the end of its last non-blank line. */
export interface SpeakerTurn {
  speaker: string;
  /** UTF-16 offset of the turn's first character (the timestamp or label). */
  start: number;
  /** Exclusive UTF-16 offset after the turn's last non-whitespace character. */
  end: number;
}

export interface SpeakerCount {
  name: string;
  turns: number;
}

export interface SpeakerTurns {
  /** In order of first appearance. */
  speakers: SpeakerCount[];
  turns: SpeakerTurn[];
}

export interface SpeakerTurnOptions {
  /** Labels that are speakers whatever they look like (e.g. from WebVTT `<v …>` tags). */
  known?: Iterable<string>;
}

export type LabelKind = 'role' | 'name';

export interface SpeakerLabel {
  label: string;
  kind: LabelKind;
  /** Where the label starts in the line, and where the text after `: ` starts. */
  labelStart: number;
  textStart: number;
}

const MAX_LABEL_LENGTH = 40;

const ROLE_WORDS = [
  'intervjuer',
  'intervjuar',
  'interviewer',
  'intervjuobjekt',
  'informant',
  'deltaker',
  'deltakar',
  'deltager',
  'respondent',
  'interviewee',
  'participant',
  'speaker',
  'taler',
  'talar',
  'moderator',
  'fasilitator',
  'forsker',
  'researcher',
];

const WORD = String.raw`\p{Lu}[\p{L}\p{M}'’-]*\.?`;
// A role word in any case, optionally numbered, lettered or named:
// "Informant 2", "Informant2", "Deltaker B", "Informant Kari" (but not "Informanten").
const ROLE_HEAD = new RegExp(String.raw`^(?:${ROLE_WORDS.join('|')})`, 'iu');
const ROLE_TAIL = new RegExp(String.raw`^(?: ?\d{1,3}| ${WORD})?$`, 'u');
// Abbreviations in transcription conventions: I(ntervjuer), IP (intervjuperson), IO, Int, Inf.
const ABBREVIATION = /^(?:I|IP|IO|Int|Inf)\d{0,3}$/u;
// One to three capitalised words, optionally numbered; or one capital letter with digits.
const NAME = new RegExp(String.raw`^(?:${WORD}(?: ${WORD}){0,2}(?: \d{1,3})?|\p{Lu}\d{1,3})$`, 'u');

/** Header and note words that look like names but are not speakers. */
const NOT_SPEAKERS = new Set([
  'dato',
  'date',
  'tid',
  'time',
  'tidspunkt',
  'klokkeslett',
  'sted',
  'place',
  'location',
  'varighet',
  'duration',
  'lengde',
  'length',
  'tema',
  'topic',
  'emne',
  'subject',
  'tittel',
  'title',
  'merk',
  'merknad',
  'nb',
  'obs',
  'note',
  'notat',
  'notes',
  'kommentar',
  'comment',
  'kilde',
  'source',
  'fil',
  'file',
  'opptak',
  'recording',
  'lydfil',
  'transkribert av',
  'transkribent',
  'transcriber',
  'transcribed by',
  'eksempel',
  'example',
  'sammendrag',
  'summary',
  'deltakere',
  'participants',
  'intervju',
  'interview',
  'prosjekt',
  'project',
  'versjon',
  'version',
  'side',
  'page',
]);

// Indentation, then an optional timestamp: [00:01:02], (01:02), [00:01:02.500] or a bare 00:01:02.
const LINE_PREFIX =
  /^[ \t]*(?:(?:\[\d{1,3}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?\]|\(\d{1,3}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?\)|\d{1,3}:\d{2}:\d{2})[ \t]*)?/u;

const normalise = (label: string) => label.replace(/\s+/gu, ' ').trim();
const keyOf = (label: string) => normalise(label).toLowerCase();

/** Classifies a candidate label: a role, a name-like label, or not a label at all. */
export function classifyLabel(candidate: string): LabelKind | undefined {
  const label = normalise(candidate);
  if (label === '' || label.length > MAX_LABEL_LENGTH) return undefined;
  const head = ROLE_HEAD.exec(label)?.[0];
  if ((head && ROLE_TAIL.test(label.slice(head.length))) || ABBREVIATION.test(label)) return 'role';
  if (NOT_SPEAKERS.has(label.toLowerCase())) return undefined;
  return NAME.test(label) ? 'name' : undefined;
}

/**
 * The speaker label at the start of one line, if the line has one by the
 * rules above (the repetition rule for names is applied by `findSpeakerTurns`).
 * `known` holds labels that always count, lower-cased with single spaces.
 */
export function parseSpeakerLabel(line: string, known: ReadonlySet<string> = new Set()): SpeakerLabel | undefined {
  const labelStart = LINE_PREFIX.exec(line)?.[0].length ?? 0;
  const rest = line.slice(labelStart);
  // The first colon that is followed by whitespace or ends the line.
  const colon = /:(?=[ \t\u00A0]|$)/u.exec(rest.slice(0, MAX_LABEL_LENGTH + 1 + 1));
  if (!colon) return undefined;
  const candidate = rest.slice(0, colon.index);
  const textStart =
    labelStart + colon.index + 1 + (/^[ \t\u00A0]*/u.exec(rest.slice(colon.index + 1))?.[0].length ?? 0);
  if (candidate.trim() !== candidate) return undefined;
  if (known.has(keyOf(candidate))) return { label: normalise(candidate), kind: 'role', labelStart, textStart };
  const kind = classifyLabel(candidate);
  return kind && { label: normalise(candidate), kind, labelStart, textStart };
}

interface Line {
  start: number;
  end: number;
  text: string;
}

function* linesOf(text: string): Generator<Line> {
  const breaks = /\r\n|\n|\r/gu;
  let start = 0;
  for (let match = breaks.exec(text); match; match = breaks.exec(text)) {
    yield { start, end: match.index, text: text.slice(start, match.index) };
    start = match.index + match[0].length;
  }
  yield { start, end: text.length, text: text.slice(start) };
}

/** Finds the speaker turns of a transcript and counts them per speaker. */
export function findSpeakerTurns(text: string, options: SpeakerTurnOptions = {}): SpeakerTurns {
  const known = new Set([...(options.known ?? [])].map(keyOf));
  const candidates: { key: string; label: string; kind: LabelKind; lineStart: number }[] = [];
  for (const line of linesOf(text)) {
    const found = parseSpeakerLabel(line.text, known);
    if (found) {
      const indent = /^[ \t]*/u.exec(line.text)?.[0].length ?? 0;
      candidates.push({
        key: keyOf(found.label),
        label: found.label,
        kind: found.kind,
        lineStart: line.start + indent,
      });
    }
  }

  const occurrences = new Map<string, number>();
  for (const c of candidates) occurrences.set(c.key, (occurrences.get(c.key) ?? 0) + 1);
  const accepted = candidates.filter((c) => c.kind === 'role' || (occurrences.get(c.key) ?? 0) >= 2);

  const names = new Map<string, SpeakerCount>();
  const turns: SpeakerTurn[] = accepted.map((c, i) => {
    const speaker = names.get(c.key) ?? { name: c.label, turns: 0 };
    speaker.turns += 1;
    names.set(c.key, speaker);
    // A turn runs until the next one starts; blank lines and spaces at its end are not part of it.
    const next = accepted[i + 1]?.lineStart ?? text.length;
    const end = c.lineStart + text.slice(c.lineStart, next).trimEnd().length;
    return { speaker: speaker.name, start: c.lineStart, end };
  });
  return { speakers: [...names.values()], turns };
}
