import { Injectable } from '@nestjs/common';
import { type AuditPage, CSV_BOM, csvLine, type Locale } from '@tolk/contracts';
import type { IncomingMessage } from 'node:http';
import type { Tx } from '../database/transactions.js';
import type { Actor, AuthenticatedRequest } from '../platform/actor.js';
import { translate } from '../platform/i18n/translate.js';
import { currentRequest, type RequestWithId } from '../platform/request-context.js';
import { ProjectAccessService } from '../projects/project-access.service.js';
import { AuditRepository, toAuditEntry } from './audit.repository.js';
import type { AuditQueryDto } from './dto/audit-query.dto.js';

/** What `AuditService.record` takes: who, what, to what; when is now, from where is the request. */
export interface AuditRecord {
  /** Null: nobody signed in (a failed sign-in). Omitted: the caller of the current HTTP request, if any. */
  actor?: Actor | null;
  projectId?: string | null;
  /** `<kind>.<verb>`: `document.read`, `export.create`, `auth.login_failed` … */
  action: string;
  target?: { type: string; id: string } | null;
  /** Small and free of secrets (never a password or token). */
  details?: Record<string, unknown>;
  /** Where it came from. Omitted: the current HTTP request, if any (a WebSocket upgrade request works too); null: none. */
  request?: IncomingMessage | null;
}

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
 * The audit log: one `record` call per audited event, wherever it happens
 * (services, domain-event listeners, the live-text server), and the owner's
 * reading of it. Entries are never changed; `forgetPerson` (account erasure),
 * `eraseProject` (retention) and `anonymiseProject`/`anonymiseDocument`
 * (project deletion, consent withdrawal) are the only ways past the append-only trigger.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly entries: AuditRepository,
    private readonly access: ProjectAccessService,
  ) {}

  async record(entry: AuditRecord, tx?: Tx): Promise<void> {
    const request = (entry.request === null ? undefined : (entry.request ?? currentRequest())) as
      (IncomingMessage & Partial<AuthenticatedRequest & RequestWithId>) | undefined;
    const actor = entry.actor === undefined ? request?.actor : entry.actor;
    const documentId =
      entry.target?.type === 'document'
        ? entry.target.id
        : typeof entry.details?.documentId === 'string'
          ? entry.details.documentId
          : null;
    const userAgent = request?.headers['user-agent'];
    await this.entries.insert(
      {
        actorId: actor?.userId ?? null,
        projectId: entry.projectId ?? null,
        action: entry.action.slice(0, 64),
        targetType: entry.target?.type.slice(0, 32) ?? null,
        targetId: entry.target?.id.slice(0, 64) ?? null,
        documentId,
        details: entry.details ?? {},
        ip: request ? (request.ip ?? request.socket?.remoteAddress ?? null) : null,
        userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 512) : null,
        requestId: request?.id ?? null,
      },
      tx,
    );
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
