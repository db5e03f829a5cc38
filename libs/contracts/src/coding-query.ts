/**
 * Coding queries (docs/api.md, «Coding queries»): which text a combination
 * of codes covers, as a tree of operators over the ranges codings cover.
 */

/** How close two segments must be: at most this many characters apart, or in the same turn of speech (line). */
export type QueryDistance = number | 'turn';

/**
 * One node of a query. A leaf names a code (`{codeId}`, or `{code}` as the
 * contract's table spells it), whose sub-codes count too; `not` is allowed
 * only directly inside `and`.
 */
export type QueryExpression =
  | { codeId: string }
  | { code: string }
  | { and: QueryExpression[] }
  | { or: QueryExpression[] }
  | { not: QueryExpression }
  | { near: [QueryExpression, QueryExpression]; within: QueryDistance }
  | { followedBy: [QueryExpression, QueryExpression]; within?: QueryDistance };

/** What a result's `context` shows: the sentence(s) around the segment (default), or its whole turn(s). */
export const QUERY_CONTEXTS = ['sentence', 'turn'] as const;
export type QueryContext = (typeof QUERY_CONTEXTS)[number];

export interface CodingQueryRequest {
  expression: QueryExpression;
  /** Only these people's codings (everyone's the caller may see when absent or empty). */
  coder?: string[];
  documentId?: string;
  /** Document attributes that must have these values. */
  attributes?: Record<string, string>;
  context?: QueryContext;
}

/** One segment a query found: a stretch of one transcript. */
export interface CodingQueryResult {
  documentId: string;
  documentTitle: string;
  /** UTF-16 offsets in the current text, `end` exclusive. */
  start: number;
  end: number;
  quote: string;
  /** The sentence(s) or turn(s) around the segment; the segment starts `start - contextStart` characters into it. */
  context: string;
  contextStart: number;
  lineStart: number;
  lineEnd: number;
}

/** Limits on a query's size (a 400 `invalid_query` beyond them). */
export const MAX_QUERY_DEPTH = 12;
export const MAX_QUERY_LEAVES = 50;
export const MAX_QUERY_DISTANCE = 1_000_000;

/** The longest name a saved query may have. */
export const MAX_SAVED_QUERY_NAME_LENGTH = 200;

/**
 * A coding query saved under a name in a project (docs/api.md, «Saved queries»): its definition is
 * kept, never its results, so running it again answers from the codings as they are now.
 */
export interface SavedQuery {
  id: string;
  projectId: string;
  name: string;
  /** The request body `POST …/analysis/query` takes. */
  query: CodingQueryRequest;
  /** Who saved it (null once that account is erased). */
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
}

/** `POST /api/projects/:projectId/analysis/queries`. */
export interface SaveQueryRequest {
  name: string;
  query: CodingQueryRequest;
}

/** `PATCH /api/analysis-queries/:queryId`: either or both. */
export interface UpdateSavedQueryRequest {
  name?: string;
  query?: CodingQueryRequest;
}
