import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EncodedAnchor, ResolvedAnchor } from '@tolk/anchoring';
import { DataSource } from 'typeorm';
import { placementAfter } from './coding.js';

/** A coding's position as stored, for a refresh. */
interface StoredPosition {
  id: string;
  startAnchor: string;
  endAnchor: string;
  start: number;
  end: number;
  quote: string;
  textDeleted: boolean;
}

/**
 * The codings of one document, seen from one advisory lock: a 64-bit key
 * from the document id (PostgreSQL's own hash of the text, so that any
 * instance computes the same key).
 */
const POSITIONS_LOCK = `SELECT pg_advisory_xact_lock(hashtextextended('tolk.coding-positions:' || $1::text, 0))`;

/** Queries of the `codings` and `coding_events` tables. */
@Injectable()
export class CodingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Re-resolves every coding of a document with `resolve` (the anchors
   * against the text as it is now) and stores the offsets and quotes that
   * changed, in one transaction that holds the document's advisory lock:
   * one refresher per document across instances, the others wait. Rows are
   * locked and written in id order. Position drift is not a person's change:
   * no new version, no event. Returns the rows written.
   */
  async refreshPositions(
    documentId: string,
    resolve: (anchors: readonly EncodedAnchor[]) => Promise<ResolvedAnchor[] | undefined>,
  ): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(POSITIONS_LOCK, [documentId]);
      const codings: StoredPosition[] = await manager.query(
        `SELECT id, start_anchor AS "startAnchor", end_anchor AS "endAnchor", start, "end", quote, text_deleted AS "textDeleted"
           FROM codings WHERE document_id = $1 ORDER BY id`,
        [documentId],
      );
      if (codings.length === 0) return 0;
      // Read the text only now that the lock is held: whoever refreshes last has the newest text.
      const resolved = await resolve(codings);
      if (!resolved) return 0;
      const moved = codings.flatMap((coding, i) => {
        const next = placementAfter(coding, resolved[i]);
        if (
          !next ||
          (next.start === coding.start &&
            next.end === coding.end &&
            next.quote === coding.quote &&
            next.textDeleted === coding.textDeleted)
        ) {
          return [];
        }
        return [{ id: coding.id, ...next }];
      });
      if (moved.length === 0) return 0;
      // A person's change to a coding (a resize, a code retirement) locks its row too: take them in one order.
      await manager.query('SELECT 1 FROM codings WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [
        moved.map((m) => m.id),
      ]);
      await manager.query(
        `UPDATE codings c SET start = v.start, "end" = v."end", quote = v.quote, text_deleted = v.text_deleted
           FROM unnest($1::uuid[], $2::int[], $3::int[], $4::text[], $5::boolean[]) AS v(id, start, "end", quote, text_deleted)
          WHERE c.id = v.id`,
        [
          moved.map((m) => m.id),
          moved.map((m) => m.start),
          moved.map((m) => m.end),
          moved.map((m) => m.quote),
          moved.map((m) => m.textDeleted),
        ],
      );
      return moved.length;
    });
  }
}
