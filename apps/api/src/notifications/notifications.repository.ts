import { Injectable } from '@nestjs/common';
import type { Notification, NotificationKind } from '@tolk/contracts';
import { In, IsNull } from 'typeorm';
import { Repo, type Tx } from '../database/transactions.js';
import { NotificationEntity, NotificationSettingsEntity } from './notification.entity.js';

/** A notification to write; `data` holds the ids other kinds are about. */
export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  projectId: string;
  documentId?: string | null;
  commentId?: string | null;
  threadId?: string | null;
  actorId?: string | null;
  data?: Record<string, string>;
}

/** The most notifications one list answers (the newest). */
export const LIST_LIMIT = 200;
/** The keys of `data` that are copied onto the notification as it is answered. */
const DATA_KEYS = ['invitationId', 'proposalId', 'snapshotId'] as const;

interface Row {
  id: string;
  kind: NotificationKind;
  project_id: string;
  project_name: string;
  document_id: string | null;
  document_title: string | null;
  comment_id: string | null;
  thread_id: string | null;
  actor_id: string | null;
  actor_name: string | null;
  data: Record<string, string>;
  created_at: Date;
  read_at: Date | null;
}

const toNotification = (r: Row): Notification => {
  const notification: Notification = {
    id: r.id,
    kind: r.kind,
    projectId: r.project_id,
    projectName: r.project_name,
    documentId: r.document_id,
    documentTitle: r.document_title,
    commentId: r.comment_id,
    threadId: r.thread_id,
    actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? '' } : null,
    createdAt: new Date(r.created_at).toISOString(),
    readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
  };
  for (const key of DATA_KEYS) if (typeof r.data[key] === 'string') notification[key] = r.data[key];
  return notification;
};

/**
 * Only a member reads notifications about a project: someone who left (or
 * was removed) no longer sees what they were told. An invitation is the
 * exception while it waits for an answer, being for someone who is not a
 * member yet (declined, it is gone; accepted, its reader is a member).
 */
const VISIBLE = `(EXISTS (
  SELECT 1 FROM project_members m WHERE m.project_id = n.project_id AND m.user_id = n.user_id)
  OR (n.kind = 'invitation' AND EXISTS (
  SELECT 1 FROM invitations i WHERE i.id = (n.data->>'invitationId')::uuid)))`;

const SELECT = `SELECT n.id, n.kind, n.project_id, p.name AS project_name, n.document_id, d.title AS document_title,
       n.comment_id, n.thread_id, n.actor_id, a.name AS actor_name, n.data, n.created_at, n.read_at
  FROM notifications n
  JOIN projects p ON p.id = n.project_id
  LEFT JOIN documents d ON d.id = n.document_id
  LEFT JOIN users a ON a.id = n.actor_id`;

/** Every query of `notifications` and `notification_settings`. */
@Injectable()
export class NotificationsRepository extends Repo {
  /** Writes them and reads them back as answered (names joined in). */
  async insert(rows: NewNotification[], tx: Tx): Promise<{ userId: string; notification: Notification }[]> {
    if (rows.length === 0) return [];
    const saved = await tx.getRepository(NotificationEntity).save(
      rows.map((r) =>
        tx.getRepository(NotificationEntity).create({
          userId: r.userId,
          kind: r.kind,
          projectId: r.projectId,
          documentId: r.documentId ?? null,
          commentId: r.commentId ?? null,
          threadId: r.threadId ?? null,
          actorId: r.actorId ?? null,
          data: r.data ?? {},
          readAt: null,
        }),
      ),
    );
    const read: Row[] = await tx.query(`${SELECT} WHERE n.id = ANY($1)`, [saved.map((n) => n.id)]);
    const byId = new Map(read.map((r) => [r.id, toNotification(r)]));
    return saved.map((n) => ({ userId: n.userId, notification: byId.get(n.id)! }));
  }

  /** The user's notifications, newest first. */
  async list(userId: string, unreadOnly: boolean): Promise<Notification[]> {
    const rows: Row[] = await this.manager().query(
      `${SELECT}
        WHERE n.user_id = $1 AND ${VISIBLE} ${unreadOnly ? 'AND n.read_at IS NULL' : ''}
        ORDER BY n.created_at DESC, n.id DESC
        LIMIT ${LIST_LIMIT}`,
      [userId],
    );
    return rows.map(toNotification);
  }

  async unreadCount(userId: string): Promise<number> {
    const [{ count }] = await this.manager().query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM notifications n WHERE n.user_id = $1 AND n.read_at IS NULL AND ${VISIBLE}`,
      [userId],
    );
    return count;
  }

  /** Per transcript of the project, the user's unread notifications about it. */
  async unreadByDocument(userId: string, projectId: string): Promise<Map<string, number>> {
    const rows = await this.manager().query<{ document_id: string; count: number }[]>(
      `SELECT document_id, count(*)::int AS count FROM notifications
        WHERE user_id = $1 AND project_id = $2 AND document_id IS NOT NULL AND read_at IS NULL
        GROUP BY document_id`,
      [userId, projectId],
    );
    return new Map(rows.map((r) => [r.document_id, r.count]));
  }

  /** Marks the user's own (others' ids are ignored); `ids` undefined: all of them. */
  async markRead(userId: string, ids: string[] | undefined): Promise<void> {
    await this.manager().update(
      NotificationEntity,
      { userId, readAt: IsNull(), ...(ids ? { id: In(ids) } : {}) },
      { readAt: () => 'now()' },
    );
  }

  /** Marks read the notifications of an invitation that was answered (accepted or declined). */
  async markInvitationRead(invitationId: string, tx: Tx): Promise<void> {
    await tx.query(
      `UPDATE notifications SET read_at = now() WHERE kind = 'invitation' AND data->>'invitationId' = $1 AND read_at IS NULL`,
      [invitationId],
    );
  }

  /** Deletes the unread notifications about these comments; answers whose they were. */
  async withdrawUnread(commentIds: string[], tx: Tx): Promise<{ id: string; userId: string }[]> {
    if (commentIds.length === 0) return [];
    const rows = await tx.query<{ id: string; user_id: string }[]>(
      `DELETE FROM notifications WHERE comment_id = ANY($1) AND read_at IS NULL RETURNING id, user_id`,
      [commentIds],
    );
    // node-postgres answers a DELETE … RETURNING as [rows, count] through TypeORM.
    const list = (Array.isArray(rows[0]) ? rows[0] : rows) as { id: string; user_id: string }[];
    return list.map((r) => ({ id: r.id, userId: r.user_id }));
  }

  /** Of these users, each one's muted kinds (users without settings are absent). */
  async muted(userIds: string[], tx?: Tx): Promise<Map<string, NotificationKind[]>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.manager(tx).find(NotificationSettingsEntity, { where: { userId: In(userIds) } });
    return new Map(rows.map((r) => [r.userId, r.muted]));
  }

  async setMuted(userId: string, muted: NotificationKind[]): Promise<void> {
    await this.manager().upsert(NotificationSettingsEntity, { userId, muted }, ['userId']);
  }
}
