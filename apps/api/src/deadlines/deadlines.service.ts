import { Injectable, Logger } from '@nestjs/common';
import type { Deadline } from '@tolk/contracts';
import { Transactions } from '../database/transactions.js';
import type { Actor } from '../platform/actor.js';
import { invalid, notFound } from '../platform/domain-error.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { DomainEvents } from '../platform/domain-events.js';
import { isUuid } from '../platform/parse-id.pipe.js';
import { ProjectAccessService } from '../projects/project-access.service.js';
import { SnapshotsService } from '../snapshots/snapshots.service.js';
import { DeadlinesRepository, isSerializationFailure } from './deadlines.repository.js';
import type { CreateDeadlineDto } from './dto/deadline.dto.js';

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
    private readonly transactions: Transactions,
    private readonly deadlines: DeadlinesRepository,
    private readonly access: ProjectAccessService,
    private readonly snapshots: SnapshotsService,
    private readonly events: DomainEvents,
    private readonly notifications: NotificationsService,
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
    const deadline = await this.deadlines.insert({ projectId, name: dto.name, dueAt, createdBy: actor.userId });
    this.events.emit('deadline.created', { projectId, deadline });
    this.changed();
    return deadline;
  }

  /** Soonest first. */
  async list(actor: Actor, projectId: string): Promise<Deadline[]> {
    await this.access.require(actor, projectId, 'read');
    return this.deadlines.list(projectId);
  }

  /** Removes the deadline; a snapshot it already produced stays. */
  async remove(actor: Actor, deadlineId: string): Promise<void> {
    const deadline = isUuid(deadlineId) ? await this.deadlines.findById(deadlineId) : null;
    const access = deadline ? await this.access.find(actor, deadline.projectId) : undefined;
    if (!deadline || !access) throw notFound('Deadline');
    this.access.check(access, 'manageDeadlines');
    await this.deadlines.delete(deadline.id);
    this.events.emit('deadline.deleted', { projectId: deadline.projectId, deadlineId: deadline.id });
    this.changed();
  }

  /** When the next untaken deadline is due (possibly in the past), or undefined. */
  nextDueAt(): Promise<Date | undefined> {
    return this.deadlines.nextDueAt();
  }

  /**
   * Takes the snapshot of one due deadline, if any is due and not being
   * taken by another instance. False when there was nothing to take.
   */
  async takeNextDue(): Promise<boolean> {
    try {
      const taken = await this.transactions.run(async (tx) => {
        const due = await this.deadlines.claimNextDue(tx);
        if (!due) return undefined;
        const snapshot = await this.snapshots.write(tx, due.projectId, {
          name: due.name,
          kind: 'deadline',
          createdBy: null,
          deadlineId: due.id,
          dueAt: due.dueAt,
        });
        await this.deadlines.markTaken(due.id, snapshot.id, tx);
        const pending = await this.notifications.notify(tx, {
          kind: 'deadline-snapshot',
          projectId: due.projectId,
          recipients: 'members',
          actorId: null,
          data: { snapshotId: snapshot.id },
        });
        return { projectId: due.projectId, snapshot, late: Date.now() - due.dueAt.getTime(), pending };
      }, 'REPEATABLE READ');
      if (!taken) return false;
      if (taken.late > 60_000) {
        this.logger.log(
          `Took the snapshot of deadline "${taken.snapshot.name}" ${Math.round(taken.late / 1000)} s late (the server was down)`,
        );
      }
      this.snapshots.announce(taken.projectId, taken.snapshot);
      this.notifications.deliver(taken.pending);
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
