/** REFI-QDA exchange (docs/api.md, "Exports and REFI-QDA exchange"). */

/**
 * How a REFI-QDA file counts positions in its texts: Unicode code points as
 * the standard says, or UTF-16 code units (NVivo for Windows); `-crlf1`
 * counts a CRLF line break as one (ATLAS.ti).
 */
export type OffsetUnit = 'codepoints' | 'utf16' | 'codepoints-crlf1' | 'utf16-crlf1';

/** Why something was not imported, for clients to say in their own language. */
export type ImportSkipReason =
  | 'picture_source'
  | 'pdf_source'
  | 'audio_source'
  | 'video_source'
  | 'text_missing'
  | 'text_too_large'
  | 'text_unstorable'
  | 'unknown_code'
  | 'outside_text'
  | 'link_not_note'
  | 'set_not_modelled'
  | 'graph_not_modelled'
  | 'case_without_source'
  | 'code_exists'
  | 'code_set'
  | 'code_name_shortened';

/** Something in the file that was not imported, and why. */
export interface ImportSkipped {
  kind: 'source' | 'coding' | 'code' | 'note' | 'set' | 'graph' | 'link' | 'attribute';
  name: string;
  /** The reason in English, for people reading the JSON. */
  reason: string;
  reasonCode: ImportSkipReason;
  /** Figures the reason mentions: codings lost with a source, a size limit, a selection's offsets. */
  params: {
    codings?: number;
    limit?: string;
    start?: number;
    end?: number;
    document?: string;
    code?: string;
    /** `code_name_shortened`: the name as imported (the full one is `name`). */
    shortened?: string;
  };
}

export interface ImportSummary {
  /** Text sources that became documents. */
  sources: number;
  codes: number;
  codings: number;
  /** Notes that became comments or memos. */
  notes: number;
  /** Attribute values set on documents. */
  attributes: number;
  skipped: ImportSkipped[];
  /** The offset unit used for selections; null when the file has none. */
  offsetUnit: OffsetUnit | null;
  /** Selections whose `name` holds their text, and how many of those the chosen unit lines up with. */
  offsetCheck: { named: number; matched: number };
  /** Who made the codings in the other tool (imported codings are attributed to the importing user). */
  coders: { name: string; codings: number }[];
  /** The tool that wrote the file, as it says (`origin`). */
  origin: string | null;
}

/** `POST /api/projects/import` answers with this. */
export interface ProjectImportResult {
  projectId: string;
  summary: ImportSummary;
}

/** `POST /api/projects/:projectId/codebook.qdc` answers with this. */
export interface CodebookImportResult {
  summary: ImportSummary;
}
