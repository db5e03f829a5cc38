import { Injectable } from '@nestjs/common';
import type { Deadline } from '@tolk/contracts';
import { QueryFailedError } from 'typeorm';
import { Repo, type Tx } from '../database/transactions.js';
import { DeadlineEntity } from './deadline.entity.js';

export const toDeadline = (d: DeadlineEntity): Deadline => ({
  id: d.id,
  name: d.name,
  dueAt: d.dueAt.toISOString(),
  snapshotId: d.snapshotId,
  takenAt: d.snapshot?.createdAt.toISOString() ?? null,
  createdBy: d.createdBy,
});

/** PostgreSQL: a concurrent transaction changed the row first (REPEATABLE READ). */
export const isSerializationFailure = (error: unknown) =>
  error instanceof QueryFailedError && ['40001', '40P01'].includes((error.driverError as { code?: string }).code ?? '');

/** A deadline that is due and not taken. */
export interface DueDeadline {
  id: string;
  projectId: string;
  name: string;
  dueAt: Date;
}

/** Every query of `deadlines`. */
@Injectable()
export class DeadlinesRepository extends Repo {
  async insert(row: { projectId: string; name: string; dueAt: Date; createdBy: string }): Promise<Deadline> {
    return toDeadline(
      await this.manager()
        .getRepository(DeadlineEntity)
        .save({ ...row, snapshotId: null }),
    );
  }

  /** The project's deadlines, soonest first. */
  async list(projectId: string): Promise<Deadline[]> {
    const rows = await this.manager().find(DeadlineEntity, {
      where: { projectId },
      relations: { snapshot: true },
      order: { dueAt: 'ASC', createdAt: 'ASC' },
    });
    return rows.map(toDeadline);
  }

  /** `id` must be a uuid. */
  findById(id: string): Promise<DeadlineEntity | null> {
    return this.manager().findOneBy(DeadlineEntity, { id: id.toLowerCase() });
  }

  async delete(id: string): Promise<void> {
    await this.manager().delete(DeadlineEntity, { id });
  }

  /** When the next untaken deadline is due (possibly in the past), or undefined. */
  async nextDueAt(): Promise<Date | undefined> {
    const [row]: { due_at: Date }[] = await this.manager().query(
      'SELECT due_at FROM deadlines WHERE snapshot_id IS NULL ORDER BY due_at LIMIT 1',
    );
    return row ? new Date(row.due_at) : undefined;
  }

  /** One due, untaken deadline, locked for the transaction; one another instance holds is skipped. */
  async claimNextDue(tx: Tx): Promise<DueDeadline | undefined> {
    const [due]: { id: string; project_id: string; name: string; due_at: Date }[] = await tx.query(
      `SELECT id, project_id, name, due_at FROM deadlines
        WHERE snapshot_id IS NULL AND due_at <= now()
        ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
    );
    return due ? { id: due.id, projectId: due.project_id, name: due.name, dueAt: new Date(due.due_at) } : undefined;
  }

  /** Records the deadline's snapshot, unless one was recorded already. */
  async markTaken(id: string, snapshotId: string, tx: Tx): Promise<void> {
    await tx.query('UPDATE deadlines SET snapshot_id = $2 WHERE id = $1 AND snapshot_id IS NULL', [id, snapshotId]);
  }
}
