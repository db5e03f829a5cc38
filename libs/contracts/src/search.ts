/** Full-text search across a project's transcripts (PostgreSQL text search). */

/** The text-search configurations a project can choose (`settings.searchLanguage`). */
export const SEARCH_LANGUAGES = ['norwegian', 'english'] as const;
export type SearchLanguage = (typeof SEARCH_LANGUAGES)[number];

export function isSearchLanguage(value: unknown): value is SearchLanguage {
  return typeof value === 'string' && (SEARCH_LANGUAGES as readonly string[]).includes(value);
}

/** One matching word (or hyphenated word) in a transcript. */
export interface SearchHit {
  /** UTF-16 offsets into the document's current text, `end` exclusive. */
  start: number;
  end: number;
  /** The matched text itself. */
  text: string;
  /** Up to a few words of context on either side (trimmed to whole words). */
  before: string;
  after: string;
}

export interface SearchDocumentResult {
  documentId: string;
  title: string;
  attributes: Record<string, string>;
  hits: SearchHit[];
}

export interface SearchResult {
  q: string;
  language: SearchLanguage;
  /** Documents with at least one hit, in title order. */
  documents: SearchDocumentResult[];
  /** Hits across all documents. */
  hits: number;
}

export interface CodeAllHitsRequest {
  q: string;
  codeId: string;
}

/** What "code all hits" did: one batch, undone as a whole. */
export interface CodeAllHitsResult {
  batchId: string;
  /** Codings created. */
  created: number;
  /** Hits left alone because a coding of this code already covers exactly that passage. */
  skipped: number;
}

export interface UndoCodeAllResult {
  batchId: string;
  /** Codings of the batch deleted now (those already deleted are left as they are). */
  deleted: number;
}
