import { Injectable } from '@nestjs/common';
import type { RecordingInfo } from '@tolk/contracts';
import { Repo, type Tx } from '../database/transactions.js';
import { RecordingChunkEntity, RecordingEntity } from './recording.entities.js';

export interface NewRecordingRow {
  documentId: string;
  projectId: string;
  filename: string;
  contentType: string;
  size: number;
  uploadedBy: string;
}

export interface StoredChunk {
  seq: number;
  nonce: Buffer;
  data: Buffer;
}

/** A complete recording as the wire shows it, less the link to its bytes. */
export type RecordingRow = Omit<RecordingInfo, 'audioUrl' | 'pseudonymised'>;

/** Every query of `recordings` and `recording_chunks` (and the look-up of recent plays in the audit log). */
@Injectable()
export class RecordingsRepository extends Repo {
  insert(row: NewRecordingRow, tx?: Tx): Promise<RecordingEntity> {
    const manager = this.manager(tx);
    return manager.save(manager.create(RecordingEntity, { ...row, size: String(row.size), received: '0' }));
  }

  findById(id: string, tx?: Tx): Promise<RecordingEntity | null> {
    return this.manager(tx).findOneBy(RecordingEntity, { id });
  }

  findByDocument(documentId: string, tx?: Tx): Promise<RecordingEntity | null> {
    return this.manager(tx).findOneBy(RecordingEntity, { documentId });
  }

  /** The document's recording, locked until `tx` ends (deletion against a finishing upload). */
  lockByDocument(documentId: string, tx: Tx): Promise<RecordingEntity | null> {
    return tx.findOne(RecordingEntity, { where: { documentId }, lock: { mode: 'pessimistic_write' } });
  }

  /** The document's complete recording with its uploader's name, or null. */
  async info(documentId: string): Promise<RecordingRow | null> {
    const rows = await this.manager().query<
      {
        id: string;
        duration_ms: number;
        content_type: string;
        format: string;
        size: string;
        uploaded_by: string | null;
        uploader_name: string | null;
        completed_at: Date;
        filename: string;
      }[]
    >(
      `SELECT r.id, r.duration_ms, r.content_type, r.format, r.size, r.uploaded_by, u.name AS uploader_name,
              r.completed_at, r.filename
         FROM recordings r LEFT JOIN users u ON u.id = r.uploaded_by
        WHERE r.document_id = $1 AND r.completed_at IS NOT NULL`,
      [documentId],
    );
    if (rows.length === 0) return null;
    const row = rows[0];
    return {
      id: row.id,
      durationMs: row.duration_ms,
      contentType: row.content_type,
      format: row.format,
      size: Number(row.size),
      uploadedBy: row.uploaded_by && row.uploader_name ? { id: row.uploaded_by, name: row.uploader_name } : null,
      uploadedAt: row.completed_at.toISOString(),
      filename: row.filename,
    };
  }

  /**
   * Moves the upload's offset from `from` to `to`, only if it still stands at
   * `from`: two appends racing for one upload cannot both write. False when
   * it had moved (or the upload is gone).
   */
  async advance(id: string, from: number, to: number, tx: Tx): Promise<boolean> {
    const [, affected] = await tx.query<[unknown, number]>(
      `UPDATE recordings SET received = $3 WHERE id = $1 AND received = $2 AND completed_at IS NULL`,
      [id, from, to],
    );
    return affected === 1;
  }

  /** Writes chunk `seq`, replacing a shorter version of it (the tail of an interrupted append). */
  async putChunk(recordingId: string, chunk: StoredChunk, tx: Tx): Promise<void> {
    await tx.query(
      `INSERT INTO recording_chunks (recording_id, seq, nonce, data) VALUES ($1, $2, $3, $4)
       ON CONFLICT (recording_id, seq) DO UPDATE SET nonce = EXCLUDED.nonce, data = EXCLUDED.data`,
      [recordingId, chunk.seq, chunk.nonce, chunk.data],
    );
  }

  /** What a seek needs of the document's complete recording (no join), or null. */
  async playable(documentId: string): Promise<{ id: string; contentType: string; size: number } | null> {
    const rows = await this.manager().query<{ id: string; content_type: string; size: string }[]>(
      `SELECT id, content_type, size FROM recordings WHERE document_id = $1 AND completed_at IS NOT NULL`,
      [documentId],
    );
    return rows.length === 0 ? null : { id: rows[0].id, contentType: rows[0].content_type, size: Number(rows[0].size) };
  }

  /** The project's complete recordings (id, transcript, type, size), for an export that includes them. */
  async completeOfProject(
    projectId: string,
  ): Promise<{ id: string; documentId: string; contentType: string; size: number }[]> {
    const rows = await this.manager().query<{ id: string; document_id: string; content_type: string; size: string }[]>(
      `SELECT id, document_id, content_type, size FROM recordings
        WHERE project_id = $1 AND completed_at IS NOT NULL ORDER BY document_id`,
      [projectId],
    );
    return rows.map((r) => ({
      id: r.id,
      documentId: r.document_id,
      contentType: r.content_type,
      size: Number(r.size),
    }));
  }

  /** Chunks `from` to `to` (both included), in order. */
  chunks(recordingId: string, from: number, to: number): Promise<StoredChunk[]> {
    return this.manager()
      .createQueryBuilder(RecordingChunkEntity, 'c')
      .select(['c.seq', 'c.nonce', 'c.data'])
      .where('c.recordingId = :recordingId AND c.seq BETWEEN :from AND :to', { recordingId, from, to })
      .orderBy('c.seq')
      .getMany();
  }

  async complete(
    id: string,
    probe: { contentType: string; format: string; durationMs: number },
    tx: Tx,
  ): Promise<void> {
    await tx.update(RecordingEntity, { id }, { ...probe, completedAt: new Date() });
  }

  /** Deletes the recording and every chunk of it; the number of chunks deleted. */
  async delete(id: string, tx: Tx): Promise<number> {
    const chunks = await tx.delete(RecordingChunkEntity, { recordingId: id });
    await tx.delete(RecordingEntity, { id });
    return chunks.affected ?? 0;
  }

  /** Whether `userId` has played this document's recording in the last ten minutes (per the audit log). */
  async playedRecently(userId: string, recordingId: string, tx: Tx): Promise<boolean> {
    const rows = await tx.query<unknown[]>(
      `SELECT 1 FROM audit_entries
        WHERE actor_id = $1 AND action = 'recording.played' AND details->>'recordingId' = $2
          AND at > now() - interval '10 minutes'
        LIMIT 1`,
      [userId, recordingId],
    );
    return rows.length > 0;
  }
}
