import { Injectable } from '@nestjs/common';
import {
  NOTIFICATION_KINDS,
  type Notification,
  type NotificationKind,
  type NotificationSettings,
} from '@tolk/contracts';
import type { Tx } from '../database/transactions.js';
import type { Actor } from '../platform/actor.js';
import { DomainEvents } from '../platform/domain-events.js';
import { MembershipsRepository } from '../projects/memberships.repository.js';
import { NotificationsRepository } from './notifications.repository.js';

/** What happened, for whom: `notify` works out who of them is told. */
export interface NotifyInput {
  kind: NotificationKind;
  projectId: string;
  /** User ids, or every member of the project. */
  recipients: string[] | 'members';
  /** Who caused it (never told of their own doing); null for the server itself. */
  actorId: string | null;
  documentId?: string | null;
  commentId?: string | null;
  threadId?: string | null;
  /** `invitationId`, `proposalId` or `snapshotId`. */
  data?: Record<string, string>;
}

/** Written, waiting for their transaction to commit before they are sent live. */
export interface PendingNotifications {
  sent: { userId: string; notification: Notification }[];
}

/**
 * Notifications, stored per recipient. Other services call `notify` inside
 * the transaction of what caused the notification (a comment, a proposal, a
 * deadline's snapshot, an invitation), so both are stored or neither is,
 * and `deliver` once it has committed, which sends them live to the
 * recipients' own socket.io connections on every instance.
 *
 * The rules of who is told live here: never the actor, never someone who is
 * not a member of the project (invitations excepted: they go to people who
 * are not members yet), never a kind the recipient turned off.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly events: DomainEvents,
  ) {}

  async notify(tx: Tx, input: NotifyInput): Promise<PendingNotifications> {
    const members = new Set((await this.memberships.members(input.projectId, tx)).map((m) => m.userId));
    const asked = input.recipients === 'members' ? [...members] : input.recipients;
    let recipients = [...new Set(asked)].filter((id) => id !== input.actorId);
    if (input.kind !== 'invitation') recipients = recipients.filter((id) => members.has(id));
    const muted = await this.notifications.muted(recipients, tx);
    recipients = recipients.filter((id) => !muted.get(id)?.includes(input.kind));
    const sent = await this.notifications.insert(
      recipients.map((userId) => ({
        userId,
        kind: input.kind,
        projectId: input.projectId,
        documentId: input.documentId,
        commentId: input.commentId,
        threadId: input.threadId,
        actorId: input.actorId,
        data: input.data,
      })),
      tx,
    );
    return { sent };
  }

  /** After the transaction that wrote them committed: to the recipients' open connections. */
  deliver(...pending: PendingNotifications[]): void {
    for (const { sent } of pending)
      for (const { userId, notification } of sent) this.events.emit('notification.created', { userId, notification });
  }

  /** An answered invitation's notification no longer waits in the inbox (in the answering transaction). */
  invitationAnswered(invitationId: string, tx: Tx): Promise<void> {
    return this.notifications.markInvitationRead(invitationId, tx);
  }

  /** Unread notifications about these comments are taken back (in the deleting transaction). */
  async withdrawForComments(commentIds: string[], tx: Tx): Promise<Map<string, string[]>> {
    const withdrawn = await this.notifications.withdrawUnread(commentIds, tx);
    const byUser = new Map<string, string[]>();
    for (const { id, userId } of withdrawn) byUser.set(userId, [...(byUser.get(userId) ?? []), id]);
    return byUser;
  }

  /** After the deleting transaction committed. */
  announceWithdrawn(byUser: Map<string, string[]>): void {
    for (const [userId, ids] of byUser) this.events.emit('notification.withdrawn', { userId, ids });
  }

  list(actor: Actor, unreadOnly: boolean): Promise<Notification[]> {
    return this.notifications.list(actor.userId, unreadOnly);
  }

  async unreadCount(actor: Actor): Promise<{ count: number }> {
    return { count: await this.notifications.unreadCount(actor.userId) };
  }

  /** Per transcript of the project (the caller is a member: checked by the caller). */
  unreadByDocument(actor: Actor, projectId: string): Promise<Map<string, number>> {
    return this.notifications.unreadByDocument(actor.userId, projectId);
  }

  async markRead(actor: Actor, ids: string[] | 'all'): Promise<void> {
    await this.notifications.markRead(actor.userId, ids === 'all' ? undefined : ids);
  }

  async settings(actor: Actor): Promise<NotificationSettings> {
    const muted = (await this.notifications.muted([actor.userId])).get(actor.userId) ?? [];
    return Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, !muted.includes(kind)])) as NotificationSettings;
  }

  /** Kinds left out keep their setting. */
  async updateSettings(actor: Actor, changes: Partial<NotificationSettings>): Promise<NotificationSettings> {
    const current = await this.settings(actor);
    const next = { ...current, ...changes };
    await this.notifications.setMuted(
      actor.userId,
      NOTIFICATION_KINDS.filter((kind) => !next[kind]),
    );
    return next;
  }
}
