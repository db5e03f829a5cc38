import type { ErrorReason } from './errors.js';
import type { Code, CodeProposal } from './codebook.js';
import type { Coding } from './codings.js';
import type { Comment, CommentDeletedEvent, MentionEvent } from './comments.js';
import type { Notification, NotificationsWithdrawnEvent } from './notifications.js';
import type { DocumentSummary } from './documents.js';
import type { Project } from './projects.js';
import type { Deadline, SnapshotSummary } from './snapshots.js';

/** One person in a project, and the document they have open (or null). */
export interface PresenceUser {
  userId: string;
  name: string;
  documentId: string | null;
}

export interface PresenceEvent {
  projectId: string;
  users: PresenceUser[];
}

export type JoinAck = { ok: true } | { error: string; reason: ErrorReason };

/** The answer to `auth:renew`; on `{error}` the server has disconnected the socket. */
export type RenewAck = { ok: true; expiresAt: string } | { error: string; reason: ErrorReason };

/**
 * "Code all hits" (or its undo) as one event: every coding of the batch the
 * receiver may see, so a client applies thousands of codings with one update.
 * Sent only to sockets that joined with `batches: true`; others get one
 * `coding:created`/`coding:deleted` per coding, as before.
 */
export type CodingBatchEvent =
  | { projectId: string; batchId: string; kind: 'created'; codings: Coding[] }
  | { projectId: string; batchId: string; kind: 'deleted'; codings: { id: string; documentId: string }[] };

/** `batches`: this client understands `coding:batch` (see `CodingBatchEvent`). */
export interface JoinRequest {
  projectId: string;
  batches?: boolean;
}

/** Events the server emits to the members of a project (socket.io, path `/socket.io`). */
export interface ServerToClientEvents {
  presence: (event: PresenceEvent) => void;
  'document:created': (document: DocumentSummary & { projectId: string }) => void;
  'document:updated': (document: DocumentSummary & { projectId: string }) => void;
  'document:deleted': (event: { id: string; projectId: string }) => void;
  'project:updated': (project: Omit<Project, 'role'>) => void;
  'project:deleted': (event: { id: string }) => void;
  'member:changed': (event: { projectId: string; userId: string }) => void;
  'code:created': (code: Code & { projectId: string }) => void;
  'code:updated': (code: Code & { projectId: string }) => void;
  'code:deleted': (event: { id: string; projectId: string }) => void;
  /** A codebook change was proposed, or a proposal was accepted or declined (the proposal as GET lists it). */
  'code-proposal:created': (proposal: CodeProposal) => void;
  'code-proposal:updated': (proposal: CodeProposal) => void;
  /** With blind coding on, coding events go only to their author and the project's owners. */
  'coding:created': (coding: Coding & { projectId: string }) => void;
  'coding:updated': (coding: Coding & { projectId: string }) => void;
  'coding:deleted': (event: { id: string; documentId: string; projectId: string }) => void;
  /** To sockets that joined with `batches: true`, instead of one event per coding of the batch. */
  'coding:batch': (event: CodingBatchEvent) => void;
  'comment:created': (comment: Comment & { projectId: string }) => void;
  'comment:updated': (comment: Comment & { projectId: string }) => void;
  'comment:deleted': (event: CommentDeletedEvent) => void;
  'snapshot:created': (snapshot: SnapshotSummary & { projectId: string }) => void;
  'deadline:created': (deadline: Deadline & { projectId: string }) => void;
  'deadline:deleted': (event: { id: string; projectId: string }) => void;
  /** Only to the member who was mentioned. */
  mention: (event: MentionEvent) => void;
  /** To the recipient's own connections, joined to a project or not. */
  notification: (notification: Notification) => void;
  /** Unread notifications of the recipient that were taken back (their comment was deleted). */
  'notification:withdrawn': (event: NotificationsWithdrawnEvent) => void;
}

/** Events a client emits. */
export interface ClientToServerEvents {
  'project:join': (request: JoinRequest, ack: (answer: JoinAck) => void) => void;
  'project:leave': (request: { projectId: string }, ack?: (answer: JoinAck) => void) => void;
  /**
   * A fresh access token for this connection, sent before the current one
   * expires: a socket whose token expired without renewal is disconnected
   * (and hears nothing after the expiry). A bad token disconnects it at once.
   */
  'auth:renew': (request: { token: string }, ack?: (answer: RenewAck) => void) => void;
  /** Which document this client has open in the project (null: none). */
  'presence:document': (
    request: { projectId: string; documentId: string | null },
    ack?: (answer: JoinAck) => void,
  ) => void;
}
