import { Injectable } from '@nestjs/common';
import type { AuditEntry } from '@tolk/contracts';
import type { SelectQueryBuilder } from 'typeorm';
import { Repo, type Tx } from '../database/transactions.js';
import { AuditEntryEntity } from './audit-entry.entity.js';

/** A new entry as stored; `at` and `id` come from the database. */
export type NewAuditEntry = Pick<
  AuditEntryEntity,
  | 'actorId'
  | 'projectId'
  | 'action'
  | 'targetType'
  | 'targetId'
  | 'documentId'
  | 'details'
  | 'ip'
  | 'userAgent'
  | 'requestId'
>;

/** Which of a project's entries to read. `action` may end in `.*` (every action of that kind). */
export interface AuditFilter {
  action?: string;
  actor?: string;
  documentId?: string;
  from?: string;
  to?: string;
}

/** An entry as read, with who its actor is and its document's title. */
export interface AuditRow {
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

/** Route parameters that name something of one project, and the table that says which. */
const PROJECT_OF = {
  snapshotId: 'snapshots',
  documentId: 'documents',
  codeId: 'codes',
  codingId: 'codings',
  commentId: 'comments',
  memoId: 'memos',
} as const;

export type ProjectPart = keyof typeof PROJECT_OF;
export const PROJECT_PARTS = Object.keys(PROJECT_OF) as ProjectPart[];

/**
 * Every query of `audit_entries`. The table is append-only by trigger; the
 * erasure methods declare the one way past it (`tolk.audit_erasure`) for
 * their own statements only, inside the caller's transaction.
 */
@Injectable()
export class AuditRepository extends Repo {
  async insert(entry: NewAuditEntry, tx?: Tx): Promise<void> {
    await this.manager(tx).insert(AuditEntryEntity, entry as never);
  }

  /** One page of the project's matching entries, newest first, and how many match in all. */
  async page(
    projectId: string,
    filter: AuditFilter,
    limit: number,
    offset: number,
  ): Promise<{ rows: AuditRow[]; total: number }> {
    const filtered = this.filtered(projectId, filter);
    const [rows, total] = await Promise.all([
      filtered.clone().orderBy('e.id', 'DESC').limit(limit).offset(offset).getRawMany<AuditRow>(),
      filtered.clone().getCount(),
    ]);
    return { rows, total };
  }

  /** Up to `limit` matching entries older than the entry `before` (newest first). */
  batch(projectId: string, filter: AuditFilter, limit: number, before?: string): Promise<AuditRow[]> {
    const batch = this.filtered(projectId, filter).orderBy('e.id', 'DESC').limit(limit);
    if (before !== undefined) batch.andWhere('e.id < :before', { before });
    return batch.getRawMany<AuditRow>();
  }

  /** The project that the thing a route parameter names belongs to, if it exists. */
  async projectOf(part: ProjectPart, id: string): Promise<string | null> {
    const rows = await this.manager().query<{ project_id: string }[]>(
      `SELECT project_id FROM "${PROJECT_OF[part]}" WHERE id = $1`,
      [id],
    );
    return rows.length > 0 ? rows[0].project_id : null;
  }

  /** The person's entries no longer say where they came from; failed sign-ins no longer name their email. */
  async forgetPerson(userId: string, email: string, tx: Tx): Promise<void> {
    await this.erasing(tx, 'forgetPerson', async () => {
      await tx.query(
        `UPDATE audit_entries SET ip = NULL, user_agent = NULL WHERE actor_id = $1 AND (ip IS NOT NULL OR user_agent IS NOT NULL)`,
        [userId],
      );
      await tx.query(
        `UPDATE audit_entries SET details = details - 'email', ip = NULL, user_agent = NULL WHERE details ->> 'email' = $1`,
        [email],
      );
    });
  }

  /** Deletes the project's entries. */
  eraseProject(projectId: string, tx: Tx): Promise<number> {
    return this.erasing(tx, 'eraseProject', async () => {
      const result = await tx.delete(AuditEntryEntity, { projectId });
      return result.affected ?? 0;
    });
  }

  /**
   * The matching entries keep only the details that are numbers, booleans or
   * ids (and, `withRequest`, lose their address and user agent too).
   * `documentId`: only the entries about that transcript.
   */
  anonymise(projectId: string, documentId: string | null, withRequest: boolean, tx: Tx): Promise<number> {
    const where =
      documentId === null
        ? 'project_id = $1'
        : `project_id = $1 AND (document_id = $2 OR target_id = $2::text OR details ->> 'documentId' = $2::text)`;
    return this.erasing(tx, 'anonymise', async () => {
      const [, affected] = await tx.query<[unknown, number]>(
        `UPDATE audit_entries e SET details = coalesce((
            SELECT jsonb_object_agg(k, v) FROM jsonb_each(e.details) AS x(k, v)
            WHERE jsonb_typeof(v) IN ('number', 'boolean', 'null')
               OR (jsonb_typeof(v) = 'string' AND (v #>> '{}') ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$')
          ), '{}'::jsonb)${withRequest ? ', ip = NULL, user_agent = NULL' : ''}
          WHERE ${where}`,
        documentId === null ? [projectId] : [projectId, documentId],
      );
      return affected;
    });
  }

  /** Runs `work` on the erasure path, which only exists inside a transaction. */
  private async erasing<T>(tx: Tx, what: string, work: () => Promise<T>): Promise<T> {
    if (!tx.queryRunner?.isTransactionActive) throw new Error(`AuditRepository.${what} must run inside a transaction`);
    await tx.query(`SELECT set_config('tolk.audit_erasure', 'on', true)`);
    const result = await work();
    await tx.query(`SELECT set_config('tolk.audit_erasure', 'off', true)`);
    return result;
  }

  private filtered(projectId: string, filter: AuditFilter): SelectQueryBuilder<AuditEntryEntity> {
    const qb = this.manager()
      .createQueryBuilder(AuditEntryEntity, 'e')
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
    if (filter.action?.endsWith('.*'))
      qb.andWhere('e.action LIKE :prefix', { prefix: `${filter.action.slice(0, -1)}%` });
    else if (filter.action) qb.andWhere('e.action = :action', { action: filter.action });
    if (filter.actor) qb.andWhere('e.actor_id = :actor', { actor: filter.actor });
    if (filter.documentId) qb.andWhere('e.document_id = :documentId', { documentId: filter.documentId });
    if (filter.from) qb.andWhere('e.at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('e.at < :to', { to: filter.to });
    return qb;
  }
}

/** An entry as the owner reads it. */
export function toAuditEntry(r: AuditRow): AuditEntry {
  return {
    id: r.id,
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
