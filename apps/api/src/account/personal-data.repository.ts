import { Injectable } from '@nestjs/common';
import type { AccountExport } from '@tolk/contracts';
import { Repo } from '../database/transactions.js';

const iso = (value: Date | string) => new Date(value).toISOString();

/**
 * Everything a person wrote or did, across every table, for the export of
 * their own data (a subject-access request). The one deliberate reader of
 * other aggregates' tables: the question is "what rows name this person",
 * and one place that asks it of every table is easier to keep complete than
 * a method in each repository. It only reads; erasure goes through the
 * owning repositories (and the foreign keys).
 */
@Injectable()
export class PersonalDataRepository extends Repo {
  /** All of it except the account itself (the caller has it), mapped to the export's shape. */
  async of(userId: string): Promise<Omit<AccountExport, 'exportedAt' | 'account'>> {
    const q = <T>(sql: string) => this.manager().query<T[]>(sql, [userId]);
    const [memberships, documents, edits, codings, codingEvents, codeEvents, comments, memos, audit, recordings] =
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
          `SELECT id, project_id, target, body, updated_at FROM memos
            WHERE updated_by = $1 OR id IN (SELECT memo_id FROM memo_updates WHERE user_id = $1) ORDER BY updated_at`,
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
        q<{
          id: string;
          project_id: string;
          document_id: string;
          filename: string;
          content_type: string;
          format: string | null;
          size: string;
          duration_ms: number | null;
          created_at: Date;
          completed_at: Date | null;
        }>(
          `SELECT id, project_id, document_id, filename, content_type, format, size, duration_ms, created_at, completed_at FROM recordings WHERE uploaded_by = $1 ORDER BY created_at`,
        ),
      ]);
    const [memoEdits, notifications, notificationSettings] = await Promise.all([
      q<{ memo_id: string; project_id: string; updates: string; first: Date; last: Date }>(
        `SELECT u.memo_id, m.project_id, count(*) AS updates, min(u.created_at) AS first, max(u.created_at) AS last
         FROM memo_updates u JOIN memos m ON m.id = u.memo_id WHERE u.user_id = $1 GROUP BY u.memo_id, m.project_id ORDER BY first`,
      ),
      q<{
        id: string;
        kind: string;
        project_id: string;
        document_id: string | null;
        comment_id: string | null;
        actor_id: string | null;
        actor_name: string | null;
        data: Record<string, string>;
        created_at: Date;
        read_at: Date | null;
      }>(
        `SELECT n.id, n.kind, n.project_id, n.document_id, n.comment_id, n.actor_id, a.name AS actor_name, n.data, n.created_at, n.read_at
         FROM notifications n LEFT JOIN users a ON a.id = n.actor_id WHERE n.user_id = $1 ORDER BY n.created_at DESC, n.id`,
      ),
      q<{ muted: string[]; updated_at: Date }>(
        `SELECT muted, updated_at FROM notification_settings WHERE user_id = $1`,
      ),
    ]);
    return {
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
      recordings: recordings.map((r) => ({
        id: r.id,
        projectId: r.project_id,
        documentId: r.document_id,
        filename: r.filename,
        contentType: r.content_type,
        format: r.format,
        size: Number(r.size),
        durationMs: r.duration_ms,
        uploadedAt: iso(r.created_at),
        complete: r.completed_at !== null,
        audioUrl: `/api/documents/${r.document_id}/recording/audio`,
      })),
      memos: memos.map((m) => ({
        id: m.id,
        projectId: m.project_id,
        target: m.target,
        body: m.body,
        updatedAt: iso(m.updated_at),
      })),
      memoEdits: memoEdits.map((e) => ({
        memoId: e.memo_id,
        projectId: e.project_id,
        updates: Number(e.updates),
        first: iso(e.first),
        last: iso(e.last),
      })),
      notifications: notifications.map((n) => ({
        id: n.id,
        kind: n.kind,
        projectId: n.project_id,
        documentId: n.document_id,
        commentId: n.comment_id,
        actor: n.actor_id ? { id: n.actor_id, name: n.actor_name ?? '' } : null,
        data: n.data,
        createdAt: iso(n.created_at),
        readAt: n.read_at ? iso(n.read_at) : null,
      })),
      notificationSettings: notificationSettings[0]
        ? { muted: notificationSettings[0].muted, updatedAt: iso(notificationSettings[0].updated_at) }
        : null,
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
}
