/**
 * Analysis of the codings of a project (docs/api.md, "Analysis and search"): retrieval of
 * coded segments, code frequencies, co-occurrence and code × attribute
 * matrices. With blind coding on, a coder's figures count only their own
 * codings, as everywhere else.
 */

/** One coded segment, as retrieval lists it. */
export interface Segment {
  codingId: string;
  documentId: string;
  documentTitle: string;
  /** The document's attributes, e.g. `{ utdanning: 'vernepleier' }`. */
  attributes: Record<string, string>;
  codeId: string;
  /** UTF-16 offsets in the current text, `end` exclusive. */
  start: number;
  end: number;
  /** The lines of the document the segment touches (`lineSpan` in lines.ts), for citing it. */
  lineStart: number;
  lineEnd: number;
  /** The time of the nearest `[hh:mm:ss]` mark at or before the segment (`timeAt`), in ms; null without one. */
  ms: number | null;
  quote: string;
  createdBy: string | null;
  createdByName: string | null;
  /**
   * Who coded it: the one author of a coding, or, for a passage of the
   * union (`merge=union`), everyone whose codings of this code it joins,
   * in order of position (an erased account is left out).
   */
  coders: SegmentCoder[];
}

export interface SegmentCoder {
  id: string;
  name: string;
}

export interface CodeFrequency {
  codeId: string;
  /** How many codings use the code; with `merge=union`, how many passages (overlapping or touching codings once). */
  codings: number;
  /** In how many documents. */
  documents: number;
  /** How many characters of text the code covers; overlapping codings count once. */
  characters: number;
}

/**
 * `matrix[i][j]`: pairs of codings of `codeIds[i]` and `codeIds[j]` in one
 * document whose ranges overlap (share at least one character). The
 * diagonal counts overlapping pairs of two distinct codings of one code
 * (e.g. by two coders). Symmetric.
 */
export interface Cooccurrence {
  codeIds: string[];
  matrix: number[][];
}

/** `counts[i][j]`: codings of `codeIds[i]` in documents whose attribute has `values[j]`. */
export interface CodeAttributeMatrix {
  attribute: string;
  codeIds: string[];
  values: string[];
  counts: number[][];
  /** How many documents have each value (for reading the counts in proportion). */
  documents: number[];
}

/** `counts[i][j]`: codings of `codeIds[i]` in document `documentIds[j]` (documents in title order). */
export interface CodeDocumentMatrix {
  codeIds: string[];
  documentIds: string[];
  titles: string[];
  counts: number[][];
}
