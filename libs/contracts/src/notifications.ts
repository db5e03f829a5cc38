/** What a notification is about (docs/api.md, "Notifications"). */
export const NOTIFICATION_KINDS = [
  'mention',
  'reply',
  'proposal',
  'proposal-decided',
  'deadline-snapshot',
  'invitation',
  'recording-deadline',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * One notification of the signed-in user, stored per recipient. Comment
 * notifications name the comment (`commentId`, for a reply the reply's id)
 * and its thread (`threadId`, the thread's first comment), never its text
 * (reading comments is audited where they are read) and never codings.
 */
export interface Notification {
  id: string;
  kind: NotificationKind;
  projectId: string;
  projectName: string;
  documentId: string | null;
  documentTitle: string | null;
  commentId: string | null;
  threadId: string | null;
  /** Who caused it; null for what the server did by itself (a deadline's snapshot). */
  actor: { id: string; name: string } | null;
  createdAt: string;
  readAt: string | null;
  /** Set on `invitation` notifications. */
  invitationId?: string;
  /** Set on `proposal` and `proposal-decided` notifications. */
  proposalId?: string;
  /** Set on `deadline-snapshot` notifications. */
  snapshotId?: string;
}

export interface UnreadCount {
  count: number;
}

export type MarkNotificationsReadRequest = { ids: string[] } | { all: true };

/** Which kinds of notification a user receives; every kind is on until turned off. */
export type NotificationSettings = Record<NotificationKind, boolean>;

/** Sent over socket.io when unread notifications were withdrawn (their comment was deleted). */
export interface NotificationsWithdrawnEvent {
  ids: string[];
}

/**
 * Per transcript, what the document list shows beside it
 * (`GET /api/projects/:projectId/documents/activity`).
 */
export interface DocumentActivity {
  documentId: string;
  /** Open (unresolved) threads. */
  openComments: number;
  /** Unread notifications of the caller about this transcript. */
  unreadForMe: number;
  /** The last edit of its text or comment, whichever came later (codings are left out: blind coding). */
  lastChange: { at: string; by: { id: string | null; name: string | null } } | null;
}
