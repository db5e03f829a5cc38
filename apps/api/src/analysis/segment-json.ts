import type { SegmentRow } from './analysis.queries.js';

/** A segment of the list before it is written: a coding (or a passage of the union) and who coded it. */
export interface ListedSegment extends SegmentRow {
  /** Its author, or everyone whose codings the passage joins; `null`: an erased account (left out). */
  coderIds: readonly (string | null)[];
}

/** What a segment's document and coders give it, read once for the whole list. */
export interface SegmentContext {
  documents: ReadonlyMap<string, { title: string; attributes: string }>;
  names: ReadonlyMap<string, string | null>;
  /** `"lineStart":…,"lineEnd":…,"ms":…` of a segment (JSON text). */
  cite: (documentId: string, start: number, end: number) => string;
}

/**
 * The JSON text of a `Segment[]` (docs/api.md, `GET …/segments`), written
 * directly: a list can hold 10,000 segments (8 MiB), and what repeats — a
 * document's title and attributes, a coder's name — is written once per
 * document or coder and reused. Ids are uuids (nothing to escape); every
 * other string goes through `JSON.stringify`.
 */
export function segmentsJson(segments: readonly ListedSegment[], context: SegmentContext): string {
  const documentFields = new Map<string, string>();
  const creatorFields = new Map<string | null, string>();
  const coderLists = new Map<string, string>();
  const name = (id: string) => context.names.get(id) ?? null;
  const parts = segments.map((s) => {
    let documentPart = documentFields.get(s.documentId);
    if (documentPart === undefined) {
      const document = context.documents.get(s.documentId) ?? { title: '', attributes: '{}' };
      documentPart = `"documentTitle":${JSON.stringify(document.title)},"attributes":${document.attributes}`;
      documentFields.set(s.documentId, documentPart);
    }
    let creatorPart = creatorFields.get(s.createdBy);
    if (creatorPart === undefined) {
      creatorPart =
        s.createdBy === null
          ? '"createdBy":null,"createdByName":null'
          : `"createdBy":"${s.createdBy}","createdByName":${JSON.stringify(name(s.createdBy))}`;
      creatorFields.set(s.createdBy, creatorPart);
    }
    const key = s.coderIds.join(',');
    let coders = coderLists.get(key);
    if (coders === undefined) {
      coders = JSON.stringify(s.coderIds.flatMap((id) => (id === null ? [] : [{ id, name: name(id) ?? '' }])));
      coderLists.set(key, coders);
    }
    return (
      `{"codingId":"${s.codingId}","documentId":"${s.documentId}",${documentPart},"codeId":"${s.codeId}",` +
      `"start":${s.start},"end":${s.end},"quote":${JSON.stringify(s.quote)},${creatorPart},"coders":${coders},` +
      `${context.cite(s.documentId, s.start, s.end)}}`
    );
  });
  return `[${parts.join(',')}]`;
}
