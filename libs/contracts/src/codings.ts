/** A code assignment as the API returns it (docs/api.md, "Codings"). */
export interface Coding {
  id: string;
  documentId: string;
  codeId: string;
  /** UTF-16 offsets in the current text, `end` exclusive. */
  start: number;
  end: number;
  quote: string;
  /** base64 of `Y.encodeRelativePosition`: where the segment is, whatever the text does. */
  startAnchor: string;
  endAnchor: string;
  /** True when all of the segment's text was deleted (start = end, quote empty). */
  textDeleted: boolean;
  createdBy: string | null;
  createdAt: string;
  version: number;
}

export type CreateCodingRequest =
  { codeId: string; start: number; end: number } | { codeId: string; startAnchor: string; endAnchor: string };

export interface UpdateCodingRequest {
  codeId?: string;
  /** A resize: new offsets in the current text (either or both) … */
  start?: number;
  end?: number;
  /** … or both ends as anchors (what a client holds while others type). */
  startAnchor?: string;
  endAnchor?: string;
  /** The version the caller saw; 409 when someone changed the coding since. */
  version: number;
}

export type CodingAction = 'created' | 'recoded' | 'resized' | 'deleted' | 'restored';

export interface CodingVersion {
  version: number;
  action: CodingAction;
  codeId: string;
  start: number;
  end: number;
  quote: string;
  actor: { id: string | null; name: string | null };
  at: string;
}
