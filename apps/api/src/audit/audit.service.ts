import { Injectable } from '@nestjs/common';
import { type AuditPage, CSV_BOM, csvLine, type Locale } from '@tolk/contracts';
import type { Tx } from '../database/transactions.js';
import type { Actor } from '../platform/actor.js';
import { translate } from '../platform/i18n/translate.js';
import { ProjectAccessService } from '../projects/project-access.service.js';
import { type AuditContext, type AuditEntry, TOLD, type ToldAction, type ToldPayload } from './audit-events.js';
import { AuditRecorder } from './audit-recorder.js';
import { AuditRepository, toAuditEntry } from './audit.repository.js';
import type { AuditQueryDto } from './dto/audit-query.dto.js';

const CSV_BATCH = 1000;
/** The CSV's columns, named in the reader's language. */
const CSV_HEADER = [
  'audit.at',
  'audit.action',
  'audit.actorId',
  'audit.actorName',
  'audit.actorEmail',
  'audit.targetType',
  'audit.targetId',
  'audit.documentId',
  'audit.ip',
  'audit.userAgent',
  'audit.requestId',
  'audit.details',
] as const;

/**
 * The audit log: `log` for the actions told where they happen (declared in
 * audit-events.ts, with the routes' `@Audited` and the domain events), and
 * the owner's reading of it. Entries are never changed; `forgetPerson` (account erasure),
 * `eraseProject` (retention) and `anonymiseProject`/`anonymiseDocument`
 * (project deletion, consent withdrawal) are the only ways past the append-only trigger.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly entries: AuditRepository,
    private readonly access: ProjectAccessService,
    private readonly recorder: AuditRecorder,
  ) {}

  /**
   * Records an action declared in TOLD (audit-events.ts): its entry is made
   * from `payload` there. Pass `tx` when the entry must commit with the change.
   */
  log<K extends ToldAction>(action: K, payload: ToldPayload<K>, context: AuditContext = {}): Promise<void> {
    const entry = (TOLD[action] as (payload: ToldPayload<K>) => AuditEntry)(payload);
    return this.recorder.write(action, entry, context);
  }

  /** Newest first. Owner only. */
  async list(actor: Actor, projectId: string, query: AuditQueryDto): Promise<AuditPage> {
    await this.access.require(actor, projectId, 'readAudit');
    const { rows, total } = await this.entries.page(projectId, query, query.limit ?? 100, query.offset ?? 0);
    return { entries: rows.map(toAuditEntry), total };
  }

  /** Every matching entry as CSV lines, newest first, read in batches. Owner only (checked before the first line). */
  async csv(
    actor: Actor,
    projectId: string,
    query: AuditQueryDto,
    locale: Locale = 'en',
  ): Promise<AsyncIterable<string>> {
    await this.access.require(actor, projectId, 'readAudit');
    const entries = this.entries;
    return (async function* () {
      yield (
        CSV_BOM +
        csvLine(
          CSV_HEADER.map((key) => translate(locale, key)),
          locale,
        )
      );
      let before: string | undefined;
      for (;;) {
        const rows = await entries.batch(projectId, query, CSV_BATCH, before);
        for (const r of rows) {
          yield csvLine(
            [
              r.at.toISOString(),
              r.action,
              r.actor_id ?? '',
              r.actor_name ?? '',
              r.actor_email ?? '',
              r.target_type ?? '',
              r.target_id ?? '',
              r.document_id ?? '',
              r.ip ?? '',
              r.user_agent ?? '',
              r.request_id ?? '',
              JSON.stringify(r.details),
            ],
            locale,
          );
        }
        if (rows.length < CSV_BATCH) return;
        before = rows[rows.length - 1].id;
      }
    })();
  }

  /**
   * Account erasure: the person's entries stay (what was done to the research
   * data must stay accountable) but no longer say where they came from, and
   * failed sign-ins no longer name their email. Their actor id then names
   * nobody. Runs in the caller's transaction.
   */
  async forgetPerson(tx: Tx, userId: string, email: string): Promise<void> {
    await this.entries.forgetPerson(userId, email, tx);
  }

  /**
   * Retention: the project's entries go with it, on the erasure path. What
   * must be kept (that it was erased, when, by which rule) is recorded anew
   * by the caller in the same transaction.
   */
  eraseProject(tx: Tx, projectId: string): Promise<number> {
    return this.entries.eraseProject(projectId, tx);
  }

  /**
   * Owner's deletion of a project: its entries stay (what was done, when, by
   * which account) but lose what could name an informant or a person: every
   * detail that is not a number, a boolean or an id (titles, names, emails),
   * and the addresses and user agents. Runs in the caller's transaction.
   */
  anonymiseProject(tx: Tx, projectId: string): Promise<number> {
    return this.entries.anonymise(projectId, null, true, tx);
  }

  /**
   * Consent withdrawal: the entries about one transcript (its reads, its
   * title at creation and renaming, codings and comments on it) lose every
   * detail that is not a number, a boolean or an id. Runs in the caller's transaction.
   */
  anonymiseDocument(tx: Tx, projectId: string, documentId: string): Promise<number> {
    return this.entries.anonymise(projectId, documentId, false, tx);
  }
}
