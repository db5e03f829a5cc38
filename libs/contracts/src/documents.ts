import type { TextLine } from './lines.js';
import type { TextTimestamp } from './timestamps.js';

/** Document attributes are string key/values, e.g. `{ utdanning: 'vernepleier' }`. */
export type DocumentAttributes = Record<string, string>;

export interface DocumentSummary {
  id: string;
  title: string;
  /** Length of the text in UTF-16 code units (what a JavaScript string counts). */
  length: number;
  attributes: DocumentAttributes;
}

/** A speaker recognised in an imported transcript, with how many turns they take. */
export interface ImportedSpeaker {
  name: string;
  turns: number;
}

/**
 * What a file upload answers: the summary plus the speakers recognised at
 * import (`Intervjuer:`, `Informant 2:`, WebVTT voices …), in order of first
 * appearance. They are not stored; the text keeps the speaker labels.
 */
export interface ImportedDocumentSummary extends DocumentSummary {
  speakers?: ImportedSpeaker[];
}

export interface TolkDocument extends DocumentSummary {
  projectId: string;
  text: string;
  /** Speakers recognised when the transcript was imported from a file (empty otherwise). */
  speakers: ImportedSpeaker[];
  /** The text's lines for citing it (`textLines` in lines.ts): a line per paragraph or turn of speech. */
  lines: TextLine[];
  /** The text's `[hh:mm:ss]` time marks (`textTimestamps` in timestamps.ts), for playing the recording from a place. */
  timestamps: TextTimestamp[];
}

export interface CreateDocumentRequest {
  title: string;
  text: string;
  attributes?: DocumentAttributes;
}

export interface UpdateDocumentRequest {
  title?: string;
  attributes?: DocumentAttributes;
}

/** Largest transcript text accepted, in bytes of UTF-8 (JSON body or upload). */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

/**
 * One stretch of a transcript's edit history: consecutive live edits by one
 * person with no pause longer than five minutes (`GET /api/documents/:id/history`).
 */
export interface EditSession {
  /** null when the account has since been deleted. */
  userId: string | null;
  name: string | null;
  from: string;
  to: string;
  /** How many stored Yjs updates (roughly keystrokes and pastes) it holds. */
  updates: number;
}
