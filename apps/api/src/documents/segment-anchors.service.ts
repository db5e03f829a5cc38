import { Injectable } from '@nestjs/common';
import {
  AnchorDecodeError,
  AnchorRangeError,
  createAnchor,
  decodeAnchor,
  type EncodedAnchor,
  encodeAnchor,
  type ResolvedAnchor,
  resolveAnchor,
  resolveAnchors,
} from '@tolk/anchoring';
import { invalid, notFound } from '../platform/domain-error.js';
import type * as Y from 'yjs';
import { LiveDocuments } from '../realtime/collab/live-documents.service.js';
import { CONTENT } from './yjs-text.js';

/** Where a segment is: its anchors and, resolved now, its offsets and quote. */
export interface Placement {
  startAnchor: string;
  endAnchor: string;
  start: number;
  end: number;
  quote: string;
}

/** A segment as a request gives it: offsets in the current text, or anchors. */
export interface SegmentRequest {
  start?: number;
  end?: number;
  startAnchor?: string;
  endAnchor?: string;
}

/**
 * Anchors segments (codings, comments) to a transcript's live text with
 * `@tolk/anchoring`, and resolves them back. One place, so codings and
 * comments agree on what a segment is.
 */
@Injectable()
export class SegmentAnchors {
  constructor(private readonly transcripts: LiveDocuments) {}

  /**
   * Anchors for a new or changed segment, checked against the text as it is
   * now. Client anchors are resolved and re-anchored our way: a client's
   * positions may tie to the text's end or use another assoc, and would then
   * grow with text typed there.
   */
  async place(documentId: string, where: SegmentRequest): Promise<Placement> {
    const placement = await this.transcripts.withDoc(documentId, (doc) => placeIn(doc, where));
    if (!placement) throw notFound('Document');
    return placement;
  }

  /** Anchors for many segments of one document, with one read of its text (e.g. every search hit). */
  async placeMany(documentId: string, segments: readonly SegmentRequest[]): Promise<Placement[]> {
    const placements = await this.transcripts.withDoc(documentId, (doc) =>
      segments.map((where) => placeIn(doc, where)),
    );
    if (!placements) throw notFound('Document');
    return placements;
  }

  /**
   * The text as it is now and these anchors resolved against it, read in
   * one go so that offsets and text agree even while people type.
   */
  async resolveWithText(
    documentId: string,
    anchors: readonly EncodedAnchor[],
  ): Promise<{ text: string; resolved: ResolvedAnchor[] } | undefined> {
    return this.transcripts.withDoc(documentId, (doc) => {
      const text = doc.getText(CONTENT);
      return {
        text: text.toString(),
        resolved: resolveAnchors(
          doc,
          text,
          anchors.map((a) => decodeAnchor(a)),
        ),
      };
    });
  }

  /** Resolves stored anchors against the text as it is now (one read of the text). */
  async resolve(documentId: string, anchors: readonly EncodedAnchor[]): Promise<ResolvedAnchor[] | undefined> {
    if (anchors.length === 0) return [];
    return this.transcripts.withDoc(documentId, (doc) =>
      resolveAnchors(
        doc,
        doc.getText(CONTENT),
        anchors.map((a) => decodeAnchor(a)),
      ),
    );
  }
}

/** A segment's anchors, checked against the document's text as it is now. */
function placeIn(doc: Y.Doc, where: SegmentRequest): Placement {
  const text = doc.getText(CONTENT);
  try {
    let start = where.start!;
    let end = where.end!;
    if (where.startAnchor !== undefined && where.endAnchor !== undefined) {
      const given = resolveAnchor(
        doc,
        text,
        decodeAnchor({ startAnchor: where.startAnchor, endAnchor: where.endAnchor }),
      );
      if (given.status !== 'ok') throw invalid('invalid_segment', 'the anchors do not point at text in this document');
      ({ start, end } = given);
    }
    const anchor = createAnchor(text, start, end);
    const resolved = resolveAnchor(doc, text, anchor);
    if (resolved.status !== 'ok')
      throw invalid('invalid_segment', 'the segment does not point at text in this document');
    return { ...encodeAnchor(anchor), start: resolved.start, end: resolved.end, quote: resolved.quote };
  } catch (error) {
    if (error instanceof AnchorRangeError || error instanceof AnchorDecodeError)
      throw invalid('invalid_segment', error.message);
    throw error;
  }
}
