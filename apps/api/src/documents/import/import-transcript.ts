import { DomainError, invalid } from '../../platform/domain-error.js';
import { decodeTextFile, normaliseTranscriptText } from '../transcript-text.js';
import { readDocx } from './read-docx.js';
import { readSrt } from './read-srt.js';
import { readVtt } from './read-vtt.js';
import { findSpeakerTurns, type SpeakerCount, type SpeakerTurn } from './speaker-turns.js';
import { looksLikeZip } from './zip-guard.js';

export const TRANSCRIPT_FORMATS = ['txt', 'docx', 'vtt', 'srt'] as const;
export type TranscriptFormat = (typeof TRANSCRIPT_FORMATS)[number];

/** The file name extensions an upload may have, e.g. for messages and API docs. */
export const TRANSCRIPT_EXTENSIONS = TRANSCRIPT_FORMATS.map((f) => `.${f}`);

export interface ImportedTranscript {
  /** The text as it will be stored (checked by `normaliseTranscriptText`). */
  text: string;
  speakers: SpeakerCount[];
  turns: SpeakerTurn[];
  /** What the file was read as (a .srt that is really WebVTT is read as `vtt`). */
  format: TranscriptFormat;
}

const isFormat = (value: string): value is TranscriptFormat =>
  (TRANSCRIPT_FORMATS as readonly string[]).includes(value);

/** The format a file name's extension names, or undefined (then the upload is a 415). */
export function formatOf(fileName: string): TranscriptFormat | undefined {
  const extension = /\.([^.]+)$/u.exec(fileName)?.[1]?.toLowerCase() ?? '';
  return isFormat(extension) ? extension : undefined;
}

/**
 * Turns an uploaded transcript file into the text to store and the speakers
 * in it. The extension decides how the file is read; the content is sniffed
 * where that helps: a zip archive is never read as text, and a .srt that is
 * really WebVTT is read as WebVTT. Broken files are 400s naming the problem,
 * text over the size limit a 413.
 */
export async function importTranscript(fileName: string, bytes: Buffer): Promise<ImportedTranscript> {
  const format = formatOf(fileName);
  if (!format) {
    throw new DomainError(
      'unsupported_file_type',
      `file: only ${TRANSCRIPT_EXTENSIONS.join(', ')} files can be imported`,
      { accepted: [...TRANSCRIPT_EXTENSIONS] },
    );
  }
  if (format !== 'docx' && looksLikeZip(bytes)) {
    throw invalid(
      'zip_not_text',
      `file is a zip archive (a Word document?), not .${format} text; upload Word documents as .docx`,
      { format },
    );
  }
  switch (format) {
    case 'txt': {
      const text = decodeTextFile(bytes);
      return { text, format, ...findSpeakerTurns(text) };
    }
    case 'docx': {
      const text = normaliseTranscriptText(await readDocx(bytes), 'file');
      return { text, format, ...findSpeakerTurns(text) };
    }
    case 'vtt':
    case 'srt': {
      const source = decodeTextFile(bytes);
      const isVtt = format === 'vtt' || /^WEBVTT(?:[ \t\r\n]|$)/u.test(source);
      const timed = isVtt ? readVtt(source) : readSrt(source);
      const text = normaliseTranscriptText(timed.text, 'file');
      return { text, format: isVtt ? 'vtt' : 'srt', ...findSpeakerTurns(text, { known: timed.speakers }) };
    }
  }
}
