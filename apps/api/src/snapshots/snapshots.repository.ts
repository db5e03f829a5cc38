import { Injectable } from '@nestjs/common';
import type { SnapshotSummary } from '@tolk/contracts';
import { Repo, type Tx } from '../database/transactions.js';
import { SnapshotDocumentEntity } from './snapshot-document.entity.js';
import { SnapshotEntity } from './snapshot.entity.js';

export const toSnapshotSummary = (s: SnapshotEntity, createdByName: string | null): SnapshotSummary => ({
  id: s.id,
  name: s.name,
  createdAt: s.createdAt.toISOString(),
  createdBy: s.createdBy,
  createdByName,
  kind: s.kind,
  deadlineId: s.deadlineId,
  dueAt: s.dueAt?.toISOString() ?? null,
});

export type NewSnapshot = Pick<
  SnapshotEntity,
  'projectId' | 'name' | 'kind' | 'createdBy' | 'deadlineId' | 'dueAt' | 'codebookHash' | 'extrasHash'
>;

export type NewSnapshotDocument = Omit<
  SnapshotDocumentEntity,
  'snapshot' | 'project' | 'erasedAt' | 'eraseReason' | 'erasedBy'
>;

/** A snapshot's document that was not erased: its title and every hash are there. */
export type KeptSnapshotDocument = SnapshotDocumentEntity & {
  erasedAt: null;
  title: string;
  stateHash: Buffer;
  textHash: Buffer;
  codingsHash: Buffer;
  commentsHash: Buffer;
};

export const isKept = (row: SnapshotDocumentEntity): row is KeptSnapshotDocument => row.erasedAt === null;

/** What a tombstone says in place of an erased transcript. */
export interface Erasure {
  at: Date;
  reason: string;
  by: string;
}

/** Blobs write a few rows per statement: one can be large (a transcript's Yjs state). */
const BLOBS_PER_INSERT = 20;

/**
 * Every query of `snapshots`, `snapshot_documents` and `snapshot_blobs`
 * (content-addressed per project: a blob shared by many snapshots is stored once).
 */
@Injectable()
export class SnapshotsRepository extends Repo {
  insert(snapshot: NewSnapshot, tx?: Tx): Promise<SnapshotEntity> {
    const manager = this.manager(tx);
    return manager.save(manager.create(SnapshotEntity, snapshot));
  }

  async insertDocuments(rows: NewSnapshotDocument[], tx?: Tx): Promise<void> {
    if (rows.length > 0) await this.manager(tx).insert(SnapshotDocumentEntity, rows);
  }

  /** The project's snapshots, newest first, with their creators' names. */
  async list(projectId: string): Promise<SnapshotSummary[]> {
    const rows = await this.manager().find(SnapshotEntity, {
      where: { projectId },
      relations: { creator: true },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    return rows.map((s) => toSnapshotSummary(s, s.creator?.name ?? null));
  }

  /** `id` must be a uuid; `creator` is loaded (for its name). */
  findById(id: string, tx?: Tx): Promise<SnapshotEntity | null> {
    return this.manager(tx).findOne(SnapshotEntity, { where: { id: id.toLowerCase() }, relations: { creator: true } });
  }

  /** The snapshot's documents in their order. */
  documentsOf(snapshotId: string, tx?: Tx): Promise<SnapshotDocumentEntity[]> {
    return this.manager(tx).find(SnapshotDocumentEntity, { where: { snapshotId }, order: { position: 'ASC' } });
  }

  /** `documentId` must be a uuid. */
  document(snapshotId: string, documentId: string): Promise<SnapshotDocumentEntity | null> {
    return this.manager().findOneBy(SnapshotDocumentEntity, { snapshotId, documentId: documentId.toLowerCase() });
  }

  /** The project that a snapshot's copy of a (perhaps since deleted) document belongs to, if any snapshot has one. */
  async projectOfDocumentCopies(documentId: string, tx?: Tx): Promise<string | null> {
    const row = await this.manager(tx).findOne(SnapshotDocumentEntity, {
      where: { documentId: documentId.toLowerCase() },
      select: { snapshotId: true, documentId: true, projectId: true },
    });
    return row?.projectId ?? null;
  }

  /**
   * Declares, until `tx` ends or `false` is given, the erasure path: the one
   * time the immutability trigger lets snapshot rows and blobs change.
   */
  async allowErasure(allowed: boolean, tx: Tx): Promise<void> {
    await tx.query(`SELECT set_config('tolk.snapshot_erasure', $1, true)`, [allowed ? 'on' : 'off']);
  }

  /** Every snapshot's copy of the document that is not erased yet, locked for the erasure. */
  keptCopies(projectId: string, documentId: string, tx: Tx): Promise<KeptSnapshotDocument[]> {
    return tx
      .createQueryBuilder(SnapshotDocumentEntity, 'd')
      .where('d.project_id = :projectId AND d.document_id = :documentId AND d.erased_at IS NULL', {
        projectId,
        documentId,
      })
      .setLock('pessimistic_write')
      .getMany() as Promise<KeptSnapshotDocument[]>;
  }

  /**
   * Turns a snapshot's copy into a tombstone. Only inside a transaction that
   * declared the erasure path (see ErasureService): the trigger refuses it otherwise.
   */
  async tombstone(snapshotId: string, documentId: string, erasure: Erasure, tx: Tx): Promise<void> {
    await tx.update(
      SnapshotDocumentEntity,
      { snapshotId, documentId },
      {
        title: null,
        attributes: {},
        length: 0,
        stateHash: null,
        textHash: null,
        codingsHash: null,
        commentsHash: null,
        erasedAt: erasure.at,
        eraseReason: erasure.reason,
        erasedBy: erasure.by,
      },
    );
  }

  /** Points a snapshot at other memos (the erasure path only, like `tombstone`). */
  async replaceExtras(snapshotId: string, extrasHash: Buffer, tx: Tx): Promise<void> {
    await tx.update(SnapshotEntity, { id: snapshotId }, { extrasHash });
  }

  /** Deletes those of these blobs that no snapshot of the project uses any more (the erasure path only). */
  async deleteUnusedBlobs(projectId: string, hashes: Buffer[], tx: Tx): Promise<number> {
    if (hashes.length === 0) return 0;
    const [, affected] = await tx.query<[unknown, number]>(
      `DELETE FROM snapshot_blobs b
        WHERE b.project_id = $1 AND b.hash = ANY($2::bytea[])
          AND NOT EXISTS (SELECT 1 FROM snapshot_documents d WHERE d.project_id = $1
                            AND b.hash IN (d.state_hash, d.text_hash, d.codings_hash, d.comments_hash))
          AND NOT EXISTS (SELECT 1 FROM snapshots s WHERE s.project_id = $1
                            AND b.hash IN (s.codebook_hash, s.extras_hash))`,
      [projectId, hashes],
    );
    return affected;
  }

  /** Stores blobs (hash → bytes) the project does not have yet; those it has cost nothing. */
  async writeBlobs(projectId: string, blobs: Map<string, Buffer>, tx?: Tx): Promise<void> {
    const entries = [...blobs.entries()];
    for (let i = 0; i < entries.length; i += BLOBS_PER_INSERT) {
      const chunk = entries.slice(i, i + BLOBS_PER_INSERT);
      const values: unknown[] = [projectId];
      const rows = chunk.map(([hex, bytes], j) => {
        values.push(Buffer.from(hex, 'hex'), bytes);
        return `($1, $${j * 2 + 2}, $${j * 2 + 3})`;
      });
      await this.manager(tx).query(
        `INSERT INTO snapshot_blobs (project_id, hash, bytes) VALUES ${rows.join(', ')} ON CONFLICT (project_id, hash) DO NOTHING`,
        values,
      );
    }
  }

  /** Blobs of one project by hash (hex → bytes), each read once. */
  async blobs(projectId: string, hashes: Buffer[], tx?: Tx): Promise<Map<string, Buffer>> {
    const unique = [...new Set(hashes.map((h) => h.toString('hex')))];
    if (unique.length === 0) return new Map();
    const rows: { hash: Buffer; bytes: Buffer }[] = await this.manager(tx).query(
      'SELECT hash, bytes FROM snapshot_blobs WHERE project_id = $1 AND hash = ANY($2::bytea[])',
      [projectId, unique.map((h) => Buffer.from(h, 'hex'))],
    );
    return new Map(rows.map((r) => [r.hash.toString('hex'), r.bytes]));
  }
}
