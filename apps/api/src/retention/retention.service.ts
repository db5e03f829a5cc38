import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { DocumentConsent, ProjectRetention } from '@tolk/contracts';
import { AuditService } from '../audit/audit.service.js';
import { Transactions } from '../database/transactions.js';
import { DocumentsRepository } from '../documents/documents.repository.js';
import { DocumentsService } from '../documents/documents.service.js';
import type { Actor } from '../platform/actor.js';
import { invalid } from '../platform/domain-error.js';
import { DomainEvents } from '../platform/domain-events.js';
import { ProjectAccessService } from '../projects/project-access.service.js';
import { ProjectsRepository } from '../projects/projects.repository.js';
import { type ConsentDto, isCalendarDate, type RetentionDto } from './dto/retention.dto.js';
import { RetentionRepository } from './retention.repository.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Owners are reminded this many days ahead. */
export const REMINDER_DAYS = 30;
const SWEEP_EVERY_MS = 60 * 60 * 1000;

const today = (now: Date) => now.toISOString().slice(0, 10);

/**
 * Consent and retention: per transcript, the informant's consent reference
 * and date; per project, the date on which its data is erased. Every
 * instance sweeps hourly (and at start); a project past its date is erased
 * once (a transaction-scoped advisory lock), with everything in it and its
 * audit entries, and the erasure itself is logged.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Retention');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly transactions: Transactions,
    private readonly retentions: RetentionRepository,
    private readonly projects: ProjectsRepository,
    private readonly documentRows: DocumentsRepository,
    private readonly access: ProjectAccessService,
    private readonly documents: DocumentsService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  onApplicationBootstrap(): void {
    const sweep = () =>
      void this.sweep().catch((error: unknown) => this.logger.error(`Retention sweep failed: ${String(error)}`));
    this.timer = setInterval(sweep, SWEEP_EVERY_MS);
    this.timer.unref();
    sweep();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async retention(actor: Actor, projectId: string, now = new Date()): Promise<ProjectRetention> {
    await this.access.require(actor, projectId, 'read');
    const retentionUntil = await this.retentions.retentionUntil(projectId);
    if (!retentionUntil) return { retentionUntil: null, daysLeft: null, reminder: false };
    const daysLeft = Math.max(
      0,
      Math.round((Date.parse(`${retentionUntil}T00:00:00Z`) - Date.parse(`${today(now)}T00:00:00Z`)) / DAY_MS),
    );
    return { retentionUntil, daysLeft, reminder: daysLeft <= REMINDER_DAYS };
  }

  async setRetention(actor: Actor, projectId: string, dto: RetentionDto): Promise<ProjectRetention> {
    await this.access.require(actor, projectId, 'manageProject');
    if (dto.retentionUntil !== null) {
      if (!isCalendarDate(dto.retentionUntil))
        throw invalid('invalid_date', 'retentionUntil is not a date in the calendar', { field: 'retentionUntil' });
      // Erasing at once by mistake is not undoable: a date in the past is refused.
      if (dto.retentionUntil < today(new Date()))
        throw invalid('retention_in_past', 'retentionUntil must be today or later');
    }
    await this.retentions.setRetentionUntil(projectId, dto.retentionUntil);
    await this.audit.log('retention.set', { projectId, retentionUntil: dto.retentionUntil }, { actor });
    return this.retention(actor, projectId);
  }

  async consent(actor: Actor, documentId: string): Promise<DocumentConsent> {
    const { document } = await this.documents.loadFor(actor, documentId, 'manageDocuments');
    const row = await this.retentions.consent(document.id);
    return { reference: row?.reference ?? null, consentDate: row?.consentDate ?? null };
  }

  async setConsent(actor: Actor, documentId: string, dto: ConsentDto): Promise<DocumentConsent> {
    const { document } = await this.documents.loadFor(actor, documentId, 'manageDocuments');
    if (dto.consentDate && !isCalendarDate(dto.consentDate))
      throw invalid('invalid_date', 'consentDate is not a date in the calendar', { field: 'consentDate' });
    await this.retentions.setConsent(document.id, dto.reference, dto.consentDate ?? null);
    await this.audit.log('consent.set', { projectId: document.projectId, documentId: document.id }, { actor });
    return this.consent(actor, document.id);
  }

  /** Erases every project whose date has come; the number erased. */
  async sweep(now = new Date()): Promise<number> {
    const due = await this.retentions.due(today(now));
    let erased = 0;
    for (const { projectId, retentionUntil } of due) {
      if (await this.erase(projectId, retentionUntil)) erased++;
    }
    return erased;
  }

  private async erase(projectId: string, retentionUntil: string): Promise<boolean> {
    const done = await this.transactions.run(async (tx) => {
      // One instance erases it; another that finds the lock taken leaves it alone.
      const locked = await this.transactions.tryLock(`tolk:retention:${projectId}`, tx);
      if (!locked || !(await this.projects.exists(projectId, tx))) return false;
      const documents = await this.documentRows.count(projectId, tx);
      const auditEntries = await this.audit.eraseProject(tx, projectId);
      // Documents, update logs, codings, comments, memos, snapshots, deadlines, key lists: ON DELETE CASCADE.
      await this.projects.delete(projectId, tx);
      await this.audit.log(
        'project.retention_erase',
        { projectId, retentionUntil, documents, auditEntries },
        { actor: null, request: null, tx },
      );
      return true;
    });
    if (done) {
      this.logger.log(`Erased project ${projectId}: its retention date ${retentionUntil} has come`);
      this.events.emit('project.deleted', { projectId, reason: 'retention' });
    }
    return done;
  }
}
