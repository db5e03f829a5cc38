import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { RECORDING_REMINDER_DAYS, type RecordingRetention } from '@tolk/contracts';
import { Transactions } from '../database/transactions.js';
import { NotificationsService, type PendingNotifications } from '../notifications/notifications.service.js';
import type { Actor } from '../platform/actor.js';
import { invalid } from '../platform/domain-error.js';
import { ProjectAccessService } from '../projects/project-access.service.js';
import { MembershipsRepository } from '../projects/memberships.repository.js';
import { isCalendarDate } from '../retention/dto/retention.dto.js';
import { RecordingRetentionRepository } from './recording-retention.repository.js';
import { RecordingsService } from './recordings.service.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const SWEEP_EVERY_MS = 60 * 60 * 1000;

const day = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (date: string, days: number) => day(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS));

/** What one sweep did. */
export interface RecordingSweep {
  reminded: number;
  deleted: number;
}

/**
 * "The recordings are deleted once transcribed", as a rule with a date: the
 * owner sets the date per project; a week before it the owners and the
 * uploaders are reminded (once per date); once it has come, the sweep
 * (hourly on every instance, and at start) deletes every recording of the
 * project, each audited as `recording.deleted` by the system.
 */
@Injectable()
export class RecordingRetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RecordingRetention');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly transactions: Transactions,
    private readonly rules: RecordingRetentionRepository,
    private readonly memberships: MembershipsRepository,
    private readonly access: ProjectAccessService,
    private readonly recordings: RecordingsService,
    private readonly notifications: NotificationsService,
  ) {}

  onApplicationBootstrap(): void {
    const sweep = () =>
      void this.sweep().catch((error: unknown) => this.logger.error(`Recording sweep failed: ${String(error)}`));
    this.timer = setInterval(sweep, SWEEP_EVERY_MS);
    this.timer.unref();
    sweep();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async get(actor: Actor, projectId: string, now = new Date()): Promise<RecordingRetention> {
    await this.access.require(actor, projectId, 'read');
    const deleteBy = await this.rules.deleteBy(projectId);
    const recordings = await this.rules.countRecordings(projectId);
    if (!deleteBy) return { deleteBy: null, daysLeft: null, recordings };
    const daysLeft = Math.max(0, Math.round((Date.parse(`${deleteBy}T00:00:00Z`) - Date.parse(day(now))) / DAY_MS));
    return { deleteBy, daysLeft, recordings };
  }

  async set(actor: Actor, projectId: string, deleteBy: string | null): Promise<RecordingRetention> {
    await this.access.require(actor, projectId, 'manageProject');
    if (deleteBy !== null) {
      if (!isCalendarDate(deleteBy))
        throw invalid('invalid_date', 'deleteBy is not a date in the calendar', { field: 'deleteBy' });
      // A date in the past would delete the recordings at once: refused, like a project's retention date.
      if (deleteBy < day(new Date())) throw invalid('retention_in_past', 'deleteBy must be today or later');
    }
    await this.rules.set(projectId, deleteBy);
    return this.get(actor, projectId);
  }

  /** Sends the reminders that are due and deletes the recordings whose date has come. */
  async sweep(now = new Date()): Promise<RecordingSweep> {
    const today = day(now);
    const reminded = await this.remind(today);
    let deleted = 0;
    for (const { projectId, deleteBy } of await this.rules.due(today))
      deleted += await this.deleteAll(projectId, deleteBy);
    return { reminded, deleted };
  }

  private async remind(today: string): Promise<number> {
    const sent = await this.transactions.run(async (tx) => {
      const claimed = await this.rules.claimReminders(today, addDays(today, RECORDING_REMINDER_DAYS), tx);
      const pending: PendingNotifications[] = [];
      for (const { projectId } of claimed) {
        const owners = (await this.memberships.members(projectId, tx))
          .filter((m) => m.role === 'owner')
          .map((m) => m.userId);
        const recipients = [...new Set([...owners, ...(await this.rules.uploaders(projectId, tx))])];
        pending.push(
          await this.notifications.notify(tx, { kind: 'recording-deadline', projectId, recipients, actorId: null }),
        );
        await this.rules.markReminded(projectId, tx);
      }
      return pending;
    });
    this.notifications.deliver(...sent);
    return sent.length;
  }

  /** Every recording of one project, in one transaction; the number deleted. */
  private async deleteAll(projectId: string, deleteBy: string): Promise<number> {
    const deleted = await this.transactions.run(async (tx) => {
      // One instance deletes them; another that finds the lock taken leaves them.
      if (!(await this.transactions.tryLock(`tolk:recording-retention:${projectId}`, tx))) return 0;
      const recordings = await this.rules.lockRecordings(projectId, tx);
      for (const recording of recordings)
        await this.recordings.erase(recording, null, tx, { reason: 'retention', deleteBy });
      return recordings.length;
    });
    if (deleted > 0)
      this.logger.log(`Deleted ${deleted} recording(s) of project ${projectId}: their date ${deleteBy} has come`);
    return deleted;
  }
}
