import { Injectable } from '@nestjs/common';
import type { EncodedAnchor, ResolvedAnchor } from '@tolk/anchoring';
import type { CodingVersion } from '@tolk/contracts';
import { In, IsNull } from 'typeorm';
import { Repo, type Tx } from '../database/transactions.js';
import { placementAfter } from './coding.js';
import { type CodingAction, CodingEventEntity } from './coding-event.entity.js';
import { CodingEntity } from './coding.entity.js';

/** What a new coding is made of (version 1, not deleted); the rest the database fills in. */
export type NewCoding = Pick<
  CodingEntity,
  'projectId' | 'documentId' | 'codeId' | 'startAnchor' | 'endAnchor' | 'start' | 'end' | 'quote' | 'createdBy'
>;

/** A coding as agreement counts it: whose, of which code, where. */
export interface CoderCoding {
  documentId: string;
  codeId: string;
  createdBy: string;
  start: number;
  end: number;
}

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

/** Every query of the `codings` and `coding_events` tables. */
@Injectable()
export class CodingsRepository extends Repo {
  findById(id: string, tx?: Tx): Promise<CodingEntity | null> {
    return this.manager(tx).findOneBy(CodingEntity, { id });
  }

  /** The row, locked until the transaction ends (concurrent changes queue, so a version check holds). */
  lockById(id: string, tx: Tx): Promise<CodingEntity | null> {
    return tx.findOne(CodingEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async documentOf(id: string): Promise<string | undefined> {
    const row = await this.manager().findOne(CodingEntity, { where: { id }, select: { documentId: true } });
    return row?.documentId;
  }

  /** A document's codings that are not deleted (only `createdBy`'s when given), in text order. */
  current(documentId: string, createdBy?: string): Promise<CodingEntity[]> {
    return this.manager().find(CodingEntity, {
      where: { documentId, deletedAt: IsNull(), ...(createdBy !== undefined ? { createdBy } : {}) },
      order: { start: 'ASC', end: 'ASC', createdAt: 'ASC' },
    });
  }

  /** A project's codings that are not deleted (only `createdBy`'s when given), by document and text order. */
  currentOfProject(projectId: string, createdBy: string | undefined, tx?: Tx): Promise<CodingEntity[]> {
    return this.manager(tx).find(CodingEntity, {
      where: { projectId, deletedAt: IsNull(), ...(createdBy ? { createdBy } : {}) },
      order: { documentId: 'ASC', start: 'ASC', end: 'ASC', createdAt: 'ASC' },
    });
  }

  /** The current codings pointing at text that these people made (in these documents, when given), oldest first. */
  currentBy(projectId: string, coderIds: string[], documentIds: string[] | null): Promise<CoderCoding[]> {
    return this.manager().query(
      `SELECT document_id AS "documentId", code_id AS "codeId", created_by AS "createdBy", start, "end"
         FROM codings
        WHERE project_id = $1 AND deleted_at IS NULL AND NOT text_deleted AND created_by = ANY($2::uuid[])
          AND ($3::uuid[] IS NULL OR document_id = ANY($3::uuid[]))
        ORDER BY created_at, id`,
      [projectId, coderIds, documentIds],
    );
  }

  /** One document's current codings by these people (of these codes, when given), in text order. */
  currentInDocumentBy(documentId: string, coderIds: string[], codeIds: string[] | undefined): Promise<CodingEntity[]> {
    return this.manager().find(CodingEntity, {
      where: {
        documentId,
        deletedAt: IsNull(),
        createdBy: In(coderIds),
        ...(codeIds ? { codeId: In(codeIds) } : {}),
      },
      order: { start: 'ASC', end: 'ASC', createdAt: 'ASC' },
    });
  }

  /** A coding of the project that is not deleted, or null. */
  currentInProject(projectId: string, id: string): Promise<CodingEntity | null> {
    return this.manager().findOneBy(CodingEntity, { id, projectId, deletedAt: IsNull() });
  }

  /** `createdBy`'s current coding with the same code on exactly the same segment as `of`, or null. */
  twin(of: CodingEntity, createdBy: string): Promise<CodingEntity | null> {
    return this.manager().findOneBy(CodingEntity, {
      documentId: of.documentId,
      codeId: of.codeId,
      createdBy,
      start: of.start,
      end: of.end,
      deletedAt: IsNull(),
    });
  }

  /** The codings of a code that are not deleted, locked in id order (the order a position refresh locks them in). */
  lockCurrentOfCode(codeId: string, tx: Tx): Promise<CodingEntity[]> {
    return tx.find(CodingEntity, {
      where: { codeId, deletedAt: IsNull() },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Those of these codings that are not deleted, locked in id order. */
  lockCurrentByIds(ids: readonly string[], tx: Tx): Promise<CodingEntity[]> {
    return tx.find(CodingEntity, {
      where: { id: In([...ids]), deletedAt: IsNull() },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Every coding of these documents, deleted ones too, locked in id order. */
  lockAllOfDocuments(documentIds: readonly string[], tx: Tx): Promise<CodingEntity[]> {
    return tx.find(CodingEntity, {
      where: { documentId: In([...documentIds]) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** The codes that the project's codings (not deleted) use. */
  async codeIdsInUse(projectId: string, tx?: Tx): Promise<Set<string>> {
    const rows = await this.manager(tx).query<{ code_id: string }[]>(
      'SELECT DISTINCT code_id FROM codings WHERE project_id = $1 AND deleted_at IS NULL',
      [projectId],
    );
    return new Set(rows.map((r) => r.code_id));
  }

  /** New codings at version 1, in chunks of 500 rows. */
  insert(codings: readonly NewCoding[], tx: Tx): Promise<CodingEntity[]> {
    const rows = codings.map((coding) => tx.create(CodingEntity, { ...coding, textDeleted: false, version: 1 }));
    return tx.save(rows, { chunk: 500 });
  }

  /** Stores changed codings (the caller has raised their versions). */
  async save(codings: readonly CodingEntity[], tx: Tx): Promise<void> {
    await tx.save([...codings], { chunk: 500 });
  }

  /** One `coding_events` row per coding, for its current version, in one statement. */
  async recordVersions(codings: readonly CodingEntity[], action: CodingAction, actorId: string, tx: Tx): Promise<void> {
    if (codings.length === 0) return;
    await tx.insert(
      CodingEventEntity,
      codings.map((coding) => ({
        codingId: coding.id,
        projectId: coding.projectId,
        documentId: coding.documentId,
        version: coding.version,
        action,
        codeId: coding.codeId,
        startAnchor: coding.startAnchor,
        endAnchor: coding.endAnchor,
        start: coding.start,
        end: coding.end,
        quote: coding.quote,
        actorId,
      })),
    );
  }

  /** Every version of a coding, oldest first, with who made it. */
  async history(codingId: string): Promise<CodingVersion[]> {
    const rows = await this.manager().query<(CodingEventEntity & { actorName: string | null })[]>(
      `SELECT e.version, e.action, e.code_id AS "codeId", e.start, e."end", e.quote, e.actor_id AS "actorId", e.at,
              u.name AS "actorName"
         FROM coding_events e LEFT JOIN users u ON u.id = e.actor_id
        WHERE e.coding_id = $1 ORDER BY e.version`,
      [codingId],
    );
    return rows.map((r) => ({
      version: r.version,
      action: r.action,
      codeId: r.codeId,
      start: r.start,
      end: r.end,
      quote: r.quote,
      actor: { id: r.actorId, name: r.actorName },
      at: new Date(r.at).toISOString(),
    }));
  }

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
