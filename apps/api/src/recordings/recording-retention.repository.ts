import { Injectable } from '@nestjs/common';
import { Repo, type Tx } from '../database/transactions.js';
import { ProjectRecordingRetentionEntity, RecordingEntity } from './recording.entities.js';

/** Every query of `project_recording_retention`, and which recordings it concerns. */
@Injectable()
export class RecordingRetentionRepository extends Repo {
  async deleteBy(projectId: string): Promise<string | null> {
    const row = await this.manager().findOneBy(ProjectRecordingRetentionEntity, { projectId });
    return row?.deleteBy ?? null;
  }

  /** Sets the date (a new date earns a new reminder), or removes the rule (null). */
  async set(projectId: string, deleteBy: string | null): Promise<void> {
    const repository = this.manager().getRepository(ProjectRecordingRetentionEntity);
    if (deleteBy === null) await repository.delete({ projectId });
    else await repository.save({ projectId, deleteBy, remindedAt: null });
  }

  /** The project's recordings not yet deleted, unfinished uploads included. */
  countRecordings(projectId: string, tx?: Tx): Promise<number> {
    return this.manager(tx).countBy(RecordingEntity, { projectId });
  }

  /**
   * Rules whose date lies after `today` and at most at `remindFrom`, not yet
   * reminded, of projects that still have recordings; locked, so that one
   * instance sends each reminder (another skips the rows).
   */
  async claimReminders(today: string, remindFrom: string, tx: Tx): Promise<{ projectId: string; deleteBy: string }[]> {
    const rows = await tx.query<{ project_id: string; delete_by: string }[]>(
      `SELECT r.project_id, to_char(r.delete_by, 'YYYY-MM-DD') AS delete_by
         FROM project_recording_retention r
        WHERE r.reminded_at IS NULL AND r.delete_by > $1 AND r.delete_by <= $2
          AND EXISTS (SELECT 1 FROM recordings x WHERE x.project_id = r.project_id)
        FOR UPDATE OF r SKIP LOCKED`,
      [today, remindFrom],
    );
    return rows.map((r) => ({ projectId: r.project_id, deleteBy: r.delete_by }));
  }

  async markReminded(projectId: string, tx: Tx): Promise<void> {
    await tx.update(ProjectRecordingRetentionEntity, { projectId }, { remindedAt: new Date() });
  }

  /** Projects whose date has come (`today` or before) and that still have recordings. */
  async due(today: string): Promise<{ projectId: string; deleteBy: string }[]> {
    const rows = await this.manager().query<{ project_id: string; delete_by: string }[]>(
      `SELECT r.project_id, to_char(r.delete_by, 'YYYY-MM-DD') AS delete_by
         FROM project_recording_retention r
        WHERE r.delete_by <= $1 AND EXISTS (SELECT 1 FROM recordings x WHERE x.project_id = r.project_id)`,
      [today],
    );
    return rows.map((r) => ({ projectId: r.project_id, deleteBy: r.delete_by }));
  }

  /** The project's recordings, locked for deletion. */
  lockRecordings(projectId: string, tx: Tx): Promise<RecordingEntity[]> {
    return tx.find(RecordingEntity, { where: { projectId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Who uploaded the project's recordings (still accounts). */
  async uploaders(projectId: string, tx: Tx): Promise<string[]> {
    const rows = await tx.query<{ uploaded_by: string }[]>(
      `SELECT DISTINCT uploaded_by FROM recordings WHERE project_id = $1 AND uploaded_by IS NOT NULL`,
      [projectId],
    );
    return rows.map((r) => r.uploaded_by);
  }
}
