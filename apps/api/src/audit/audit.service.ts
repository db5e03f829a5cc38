import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type AuditEntry, type AuditPage, CSV_BOM, csvLine, type Locale } from '@tolk/contracts';
import type { IncomingMessage } from 'node:http';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { Actor, AuthenticatedRequest } from '../platform/actor.js';
import { translate } from '../platform/i18n/translate.js';
import { currentRequest, type RequestWithId } from '../platform/request-context.js';
import { ProjectAccessService } from '../projects/project-access.service.js';
import { AuditEntryEntity } from './audit-entry.entity.js';
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

interface Row {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  actor_email: string | null;
  project_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  document_id: string | null;
  document_title: string | null;
  details: Record<string, unknown>;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
}

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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ProjectAccessService,
  ) {}

  async record(entry: AuditRecord, manager: EntityManager = this.dataSource.manager): Promise<void> {
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
    await manager.insert(AuditEntryEntity, {
      actorId: actor?.userId ?? null,
      projectId: entry.projectId ?? null,
      action: entry.action.slice(0, 64),
      targetType: entry.target?.type.slice(0, 32) ?? null,
      targetId: entry.target?.id.slice(0, 64) ?? null,
      documentId,
      details: (entry.details ?? {}) as never,
      ip: request ? (request.ip ?? request.socket?.remoteAddress ?? null) : null,
      userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 512) : null,
      requestId: request?.id ?? null,
    });
  }

  /** Newest first. Owner only. */
  async list(actor: Actor, projectId: string, query: AuditQueryDto): Promise<AuditPage> {
    await this.access.require(actor, projectId, 'readAudit');
    const filtered = this.filtered(projectId, query);
    const [rows, total] = await Promise.all([
      filtered
        .clone()
        .orderBy('e.id', 'DESC')
        .limit(query.limit ?? 100)
        .offset(query.offset ?? 0)
        .getRawMany<Row>(),
      filtered.clone().getCount(),
    ]);
    return { entries: rows.map(toEntry), total };
  }

  /** Every matching entry as CSV lines, newest first, read in batches. Owner only (checked before the first line). */
  async csv(
    actor: Actor,
    projectId: string,
    query: AuditQueryDto,
    locale: Locale = 'en',
  ): Promise<AsyncIterable<string>> {
    await this.access.require(actor, projectId, 'readAudit');
    const filtered = this.filtered(projectId, { ...query, limit: undefined, offset: undefined });
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
        const batch = filtered.clone().orderBy('e.id', 'DESC').limit(CSV_BATCH);
        if (before !== undefined) batch.andWhere('e.id < :before', { before });
        const rows = await batch.getRawMany<Row>();
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
  async forgetPerson(manager: EntityManager, userId: string, email: string): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive)
      throw new Error('AuditService.forgetPerson must run inside a transaction');
    await manager.query(`SELECT set_config('tolk.audit_erasure', 'on', true)`);
    await manager.query(
      `UPDATE audit_entries SET ip = NULL, user_agent = NULL WHERE actor_id = $1 AND (ip IS NOT NULL OR user_agent IS NOT NULL)`,
      [userId],
    );
    await manager.query(
      `UPDATE audit_entries SET details = details - 'email', ip = NULL, user_agent = NULL WHERE details ->> 'email' = $1`,
      [email],
    );
    await manager.query(`SELECT set_config('tolk.audit_erasure', 'off', true)`);
  }

  /**
   * Retention: the project's entries go with it, on the erasure path. What
   * must be kept (that it was erased, when, by which rule) is recorded anew
   * by the caller in the same transaction.
   */
  async eraseProject(manager: EntityManager, projectId: string): Promise<number> {
    if (!manager.queryRunner?.isTransactionActive)
      throw new Error('AuditService.eraseProject must run inside a transaction');
    await manager.query(`SELECT set_config('tolk.audit_erasure', 'on', true)`);
    const result = await manager.delete(AuditEntryEntity, { projectId });
    await manager.query(`SELECT set_config('tolk.audit_erasure', 'off', true)`);
    return result.affected ?? 0;
  }

  /**
   * Owner's deletion of a project: its entries stay (what was done, when, by
   * which account) but lose what could name an informant or a person: every
   * detail that is not a number, a boolean or an id (titles, names, emails),
   * and the addresses and user agents. Runs in the caller's transaction.
   */
  async anonymiseProject(manager: EntityManager, projectId: string): Promise<number> {
    return this.anonymise(manager, 'project_id = $1', [projectId], { withRequest: true });
  }

  /**
   * Consent withdrawal: the entries about one transcript (its reads, its
   * title at creation and renaming, codings and comments on it) lose every
   * detail that is not a number, a boolean or an id. Runs in the caller's transaction.
   */
  async anonymiseDocument(manager: EntityManager, projectId: string, documentId: string): Promise<number> {
    return this.anonymise(
      manager,
      `project_id = $1 AND (document_id = $2 OR target_id = $2::text OR details ->> 'documentId' = $2::text)`,
      [projectId, documentId],
      { withRequest: false },
    );
  }

  private async anonymise(
    manager: EntityManager,
    where: string,
    values: unknown[],
    { withRequest }: { withRequest: boolean },
  ): Promise<number> {
    if (!manager.queryRunner?.isTransactionActive)
      throw new Error('AuditService.anonymise must run inside a transaction');
    await manager.query(`SELECT set_config('tolk.audit_erasure', 'on', true)`);
    const [, affected] = await manager.query<[unknown, number]>(
      `UPDATE audit_entries e SET details = coalesce((
          SELECT jsonb_object_agg(k, v) FROM jsonb_each(e.details) AS x(k, v)
          WHERE jsonb_typeof(v) IN ('number', 'boolean', 'null')
             OR (jsonb_typeof(v) = 'string' AND (v #>> '{}') ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$')
        ), '{}'::jsonb)${withRequest ? ', ip = NULL, user_agent = NULL' : ''}
        WHERE ${where}`,
      values,
    );
    await manager.query(`SELECT set_config('tolk.audit_erasure', 'off', true)`);
    return affected;
  }

  private filtered(projectId: string, query: AuditQueryDto): SelectQueryBuilder<AuditEntryEntity> {
    const qb = this.dataSource
      .getRepository(AuditEntryEntity)
      .createQueryBuilder('e')
      .leftJoin('users', 'u', 'u.id = e.actor_id')
      .leftJoin('documents', 'd', 'd.id = e.document_id')
      .select([
        'e.id AS id',
        'e.at AS at',
        'e.actor_id AS actor_id',
        'u.name AS actor_name',
        'u.email AS actor_email',
        'e.project_id AS project_id',
        'e.action AS action',
        'e.target_type AS target_type',
        'e.target_id AS target_id',
        'e.document_id AS document_id',
        'd.title AS document_title',
        'e.details AS details',
        'e.ip AS ip',
        'e.user_agent AS user_agent',
        'e.request_id AS request_id',
      ])
      .where('e.project_id = :projectId', { projectId });
    if (query.action?.endsWith('.*')) qb.andWhere('e.action LIKE :prefix', { prefix: `${query.action.slice(0, -1)}%` });
    else if (query.action) qb.andWhere('e.action = :action', { action: query.action });
    if (query.actor) qb.andWhere('e.actor_id = :actor', { actor: query.actor });
    if (query.documentId) qb.andWhere('e.document_id = :documentId', { documentId: query.documentId });
    if (query.from) qb.andWhere('e.at >= :from', { from: query.from });
    if (query.to) qb.andWhere('e.at < :to', { to: query.to });
    return qb;
  }
}

function toEntry(r: Row): AuditEntry {
  return {
    id: String(r.id),
    at: r.at.toISOString(),
    actor: r.actor_id ? { userId: r.actor_id, name: r.actor_name, email: r.actor_email } : null,
    projectId: r.project_id,
    action: r.action,
    target: r.target_type && r.target_id ? { type: r.target_type, id: r.target_id } : null,
    documentId: r.document_id,
    documentTitle: r.document_title,
    details: r.details,
    ip: r.ip,
    userAgent: r.user_agent,
    requestId: r.request_id,
  };
}
