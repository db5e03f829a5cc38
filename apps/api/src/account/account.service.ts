import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AccountExport } from '@tolk/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { TokensService } from '../auth/tokens.service.js';
import { UserEntity } from '../auth/user.entity.js';
import type { Actor } from '../platform/actor.js';
import { conflict, unauthenticated } from '../platform/domain-error.js';

const iso = (value: Date | string) => new Date(value).toISOString();

/**
 * The caller's rights over their own data: a copy of everything (export) and
 * erasure. Erasure keeps the research others built on: codings, comments,
 * memos and edits stay, attributed to nobody (the foreign keys are
 * ON DELETE SET NULL); memberships go (CASCADE).
 */
@Injectable()
export class AccountService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly tokens: TokensService,
  ) {}

  async export(actor: Actor): Promise<AccountExport> {
    const q = <T>(sql: string) => this.dataSource.query<T[]>(sql, [actor.userId]);
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: actor.userId });
    if (!user) throw unauthenticated('account_gone', 'This account no longer exists');
    const [memberships, documents, edits, codings, codingEvents, codeEvents, comments, memos, audit] =
      await Promise.all([
        q<{ project_id: string; name: string; role: string; created_at: Date }>(
          `SELECT m.project_id, p.name, m.role, m.created_at FROM project_members m JOIN projects p ON p.id = m.project_id WHERE m.user_id = $1 ORDER BY m.created_at`,
        ),
        q<{ id: string; project_id: string; title: string; created_at: Date }>(
          `SELECT id, project_id, title, created_at FROM documents WHERE created_by = $1 ORDER BY created_at`,
        ),
        q<{ document_id: string; project_id: string | null; updates: string; first: Date; last: Date }>(
          `SELECT u.document_id, d.project_id, count(*) AS updates, min(u.created_at) AS first, max(u.created_at) AS last
           FROM document_updates u LEFT JOIN documents d ON d.id = u.document_id WHERE u.user_id = $1 GROUP BY u.document_id, d.project_id ORDER BY first`,
        ),
        q<{
          id: string;
          project_id: string;
          document_id: string;
          code_id: string;
          quote: string;
          start: number;
          end: number;
          deleted_at: Date | null;
          created_at: Date;
        }>(
          `SELECT id, project_id, document_id, code_id, quote, start, "end", deleted_at, created_at FROM codings WHERE created_by = $1 ORDER BY created_at`,
        ),
        q<{ coding_id: string; action: string; version: number; quote: string; at: Date }>(
          `SELECT coding_id, action, version, quote, at FROM coding_events WHERE actor_id = $1 ORDER BY id`,
        ),
        q<{
          code_id: string;
          project_id: string;
          action: string;
          version: number;
          data: Record<string, unknown>;
          at: Date;
        }>(`SELECT code_id, project_id, action, version, data, at FROM code_events WHERE actor_id = $1 ORDER BY id`),
        q<{
          id: string;
          project_id: string;
          document_id: string;
          parent_id: string | null;
          body: string;
          quote: string | null;
          created_at: Date;
          updated_at: Date;
        }>(
          `SELECT id, project_id, document_id, parent_id, body, quote, created_at, updated_at FROM comments WHERE author_id = $1 ORDER BY created_at`,
        ),
        q<{ id: string; project_id: string; target: string; body: string; updated_at: Date }>(
          `SELECT id, project_id, target, body, updated_at FROM memos WHERE updated_by = $1 ORDER BY updated_at`,
        ),
        q<{
          at: Date;
          action: string;
          project_id: string | null;
          target_type: string | null;
          target_id: string | null;
          ip: string | null;
          user_agent: string | null;
        }>(
          `SELECT at, action, project_id, target_type, target_id, ip, user_agent FROM audit_entries WHERE actor_id = $1 ORDER BY id`,
        ),
      ]);
    return {
      exportedAt: new Date().toISOString(),
      account: { id: user.id, email: user.email, name: user.name, createdAt: iso(user.createdAt) },
      memberships: memberships.map((m) => ({
        projectId: m.project_id,
        projectName: m.name,
        role: m.role,
        since: iso(m.created_at),
      })),
      documentsCreated: documents.map((d) => ({
        id: d.id,
        projectId: d.project_id,
        title: d.title,
        createdAt: iso(d.created_at),
      })),
      textEdits: edits.map((e) => ({
        documentId: e.document_id,
        projectId: e.project_id,
        updates: Number(e.updates),
        first: iso(e.first),
        last: iso(e.last),
      })),
      codings: codings.map((c) => ({
        id: c.id,
        projectId: c.project_id,
        documentId: c.document_id,
        codeId: c.code_id,
        quote: c.quote,
        start: c.start,
        end: c.end,
        deleted: c.deleted_at !== null,
        createdAt: iso(c.created_at),
      })),
      codingEvents: codingEvents.map((e) => ({
        codingId: e.coding_id,
        action: e.action,
        version: e.version,
        quote: e.quote,
        at: iso(e.at),
      })),
      codeEvents: codeEvents.map((e) => ({
        codeId: e.code_id,
        projectId: e.project_id,
        action: e.action,
        version: e.version,
        data: e.data,
        at: iso(e.at),
      })),
      comments: comments.map((c) => ({
        id: c.id,
        projectId: c.project_id,
        documentId: c.document_id,
        parentId: c.parent_id,
        body: c.body,
        quote: c.quote,
        createdAt: iso(c.created_at),
        updatedAt: iso(c.updated_at),
      })),
      memos: memos.map((m) => ({
        id: m.id,
        projectId: m.project_id,
        target: m.target,
        body: m.body,
        updatedAt: iso(m.updated_at),
      })),
      auditEntries: audit.map((a) => ({
        at: iso(a.at),
        action: a.action,
        projectId: a.project_id,
        target: a.target_type && a.target_id ? { type: a.target_type, id: a.target_id } : null,
        ip: a.ip,
        userAgent: a.user_agent,
      })),
    };
  }

  /**
   * Erases the account. Refused (409, naming them) while the caller is the
   * only owner of a project: the project must be handed over or deleted
   * first, or it would be left without anyone who may manage it.
   */
  async erase(actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const user = await manager.findOne(UserEntity, {
        where: { id: actor.userId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!user) throw unauthenticated('account_gone', 'This account no longer exists');
      const soleOwned = await this.soleOwnedProjects(manager, user.id);
      if (soleOwned.length > 0) {
        throw conflict(
          'sole_owner',
          `You are the only owner of ${soleOwned.map((p) => `“${p.name}”`).join(', ')}: make another member owner or delete ${soleOwned.length === 1 ? 'it' : 'them'} first`,
          { projects: soleOwned },
        );
      }
      const projects = await manager.query<{ project_id: string }[]>(
        `SELECT project_id FROM project_members WHERE user_id = $1`,
        [user.id],
      );
      await this.audit.forgetPerson(manager, user.id, user.email);
      // Recorded without the request: its address would be the erased person's again.
      for (const { project_id: projectId } of projects) {
        await this.audit.record(
          {
            actor: null,
            projectId,
            action: 'member.remove',
            target: { type: 'user', id: user.id },
            details: { reason: 'account_erased' },
            request: null,
          },
          manager,
        );
      }
      await this.audit.record(
        { actor: null, action: 'account.erase', target: { type: 'user', id: user.id }, request: null },
        manager,
      );
      await manager.delete(UserEntity, { id: user.id });
    });
    // The account is gone, so its tokens fail already; this closes its open connections everywhere.
    await this.tokens.revoke(actor.userId);
  }

  private soleOwnedProjects(manager: EntityManager, userId: string): Promise<{ id: string; name: string }[]> {
    return manager.query(
      `SELECT p.id, p.name FROM project_members me JOIN projects p ON p.id = me.project_id
        WHERE me.user_id = $1 AND me.role = 'owner'
          AND NOT EXISTS (SELECT 1 FROM project_members o WHERE o.project_id = me.project_id AND o.role = 'owner' AND o.user_id <> $1)
        ORDER BY p.name`,
      [userId],
    );
  }
}
