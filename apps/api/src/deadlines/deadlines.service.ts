import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Deadline } from '@tolk/contracts';
import { DataSource, QueryFailedError } from 'typeorm';
import type { Actor } from '../platform/actor.js';
import { invalid, notFound } from '../platform/domain-error.js';
import { DomainEvents } from '../platform/domain-events.js';
import { isUuid } from '../platform/parse-id.pipe.js';
import { ProjectAccessService } from '../projects/project-access.service.js';
import { SnapshotsService } from '../snapshots/snapshots.service.js';
import { DeadlineEntity } from './deadline.entity.js';
import type { CreateDeadlineDto } from './dto/deadline.dto.js';

const toDeadline = (d: DeadlineEntity): Deadline => ({
  id: d.id,
  name: d.name,
  dueAt: d.dueAt.toISOString(),
  snapshotId: d.snapshotId,
  takenAt: d.snapshot?.createdAt.toISOString() ?? null,
  createdBy: d.createdBy,
});

/** PostgreSQL: a concurrent transaction changed the row first (REPEATABLE READ). */
const isSerializationFailure = (error: unknown) =>
  error instanceof QueryFailedError && ['40001', '40P01'].includes((error.driverError as { code?: string }).code ?? '');

/**
 * Thesis deadlines. Taking a due one (`takeNextDue`) claims its row with
 * `FOR UPDATE SKIP LOCKED … WHERE snapshot_id IS NULL` and writes the
 * snapshot and the claim in one transaction: exactly once, even with
 * several api instances waking at the same moment.
 */
@Injectable()
export class DeadlinesService {
  private readonly logger = new Logger(DeadlinesService.name);
  private readonly listeners = new Set<() => void>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ProjectAccessService,
    private readonly snapshots: SnapshotsService,
    private readonly events: DomainEvents,
  ) {}

  /** The scheduler listens, to re-arm when deadlines change. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async create(actor: Actor, projectId: string, dto: CreateDeadlineDto): Promise<Deadline> {
    const dueAt = new Date(dto.dueAt);
    if (Number.isNaN(dueAt.getTime()))
      throw invalid('invalid_date', 'dueAt is not a valid date and time', { field: 'dueAt' });
    if (dueAt.getTime() <= Date.now()) throw invalid('deadline_in_past', 'dueAt must be in the future');
    await this.access.require(actor, projectId, 'manageDeadlines');
    const saved = await this.dataSource
      .getRepository(DeadlineEntity)
      .save({ projectId, name: dto.name, dueAt, createdBy: actor.userId, snapshotId: null });
    const deadline = toDeadline(saved);
    this.events.emit('deadline.created', { projectId, deadline });
    this.changed();
    return deadline;
  }

  /** Soonest first. */
  async list(actor: Actor, projectId: string): Promise<Deadline[]> {
    await this.access.require(actor, projectId, 'read');
    const rows = await this.dataSource.getRepository(DeadlineEntity).find({
      where: { projectId },
      relations: { snapshot: true },
      order: { dueAt: 'ASC', createdAt: 'ASC' },
    });
    return rows.map(toDeadline);
  }

  /** Removes the deadline; a snapshot it already produced stays. */
  async remove(actor: Actor, deadlineId: string): Promise<void> {
    const deadline = isUuid(deadlineId)
      ? await this.dataSource.getRepository(DeadlineEntity).findOneBy({ id: deadlineId.toLowerCase() })
      : null;
    const access = deadline ? await this.access.find(actor, deadline.projectId) : undefined;
    if (!deadline || !access) throw notFound('Deadline');
    this.access.check(access, 'manageDeadlines');
    await this.dataSource.getRepository(DeadlineEntity).delete({ id: deadline.id });
    this.events.emit('deadline.deleted', { projectId: deadline.projectId, deadlineId: deadline.id });
    this.changed();
  }

  /** When the next untaken deadline is due (possibly in the past), or undefined. */
  async nextDueAt(): Promise<Date | undefined> {
    const [row]: { due_at: Date }[] = await this.dataSource.query(
      'SELECT due_at FROM deadlines WHERE snapshot_id IS NULL ORDER BY due_at LIMIT 1',
    );
    return row ? new Date(row.due_at) : undefined;
  }

  /**
   * Takes the snapshot of one due deadline, if any is due and not being
   * taken by another instance. False when there was nothing to take.
   */
  async takeNextDue(): Promise<boolean> {
    try {
      const taken = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
        const [due]: { id: string; project_id: string; name: string; due_at: Date }[] = await manager.query(
          `SELECT id, project_id, name, due_at FROM deadlines
            WHERE snapshot_id IS NULL AND due_at <= now()
            ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
        );
        if (!due) return undefined;
        const snapshot = await this.snapshots.write(manager, due.project_id, {
          name: due.name,
          kind: 'deadline',
          createdBy: null,
          deadlineId: due.id,
          dueAt: new Date(due.due_at),
        });
        await manager.query('UPDATE deadlines SET snapshot_id = $2 WHERE id = $1 AND snapshot_id IS NULL', [
          due.id,
          snapshot.id,
        ]);
        return { projectId: due.project_id, snapshot, late: Date.now() - new Date(due.due_at).getTime() };
      });
      if (!taken) return false;
      if (taken.late > 60_000) {
        this.logger.log(
          `Took the snapshot of deadline "${taken.snapshot.name}" ${Math.round(taken.late / 1000)} s late (the server was down)`,
        );
      }
      this.snapshots.announce(taken.projectId, taken.snapshot);
      return true;
    } catch (error) {
      // Another instance took it between our snapshot and our lock.
      if (isSerializationFailure(error)) return true;
      throw error;
    }
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
