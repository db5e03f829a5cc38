import type { IncomingMessage } from 'node:http';
import type { Tx } from '../database/transactions.js';
import type { Actor } from '../platform/actor.js';
import type { DomainEventMap } from '../platform/domain-events.js';

/** What an audit entry says beyond who, when and from where (those come from the caller or the request). */
export interface AuditEntry {
  projectId?: string | null;
  target?: { type: string; id: string } | null;
  /** Small and free of secrets (never a password or token). */
  details?: Record<string, unknown>;
}

/** Who and from where, beside what an entry says. */
export interface AuditContext {
  /** Null: nobody signed in, or the server itself. Omitted: the caller of the current HTTP request, if any. */
  actor?: Actor | null;
  /** Omitted: the current HTTP request, if any (a WebSocket upgrade request works too); null: none. */
  request?: IncomingMessage | null;
  /** The transaction the entry belongs to (an erasure and its entry commit together). */
  tx?: Tx;
}

type Details = Record<string, unknown>;

const user = (id: string) => ({ type: 'user', id });
const project = (id: string) => ({ type: 'project', id });
const document = (id: string) => ({ type: 'document', id });

/*
 * Every audit entry Tolk writes is declared in one of three places, and all
 * three go through AuditRecorder:
 *
 * - a route: `@Audited('document.read')` on the controller method (audited.ts);
 *   test/integration/audit-coverage.spec.ts fails when a route that returns
 *   transcript text, quotes, memos or comments has none;
 * - a change a service announces after its commit: AFTER_COMMIT below maps
 *   the domain event to its entry (AuditEventsListener);
 * - anything else (sign-ins, erasures inside their transaction, recordings,
 *   the live text): TOLD below names the action and what its entry holds,
 *   and the code where it happens calls `AuditService.log(action, payload)`.
 *
 * The action of a TOLD entry is its key; `tsc` checks every payload.
 */

/** Domain events that become an entry once their transaction has committed (undefined: none). */
export const AFTER_COMMIT: {
  [K in keyof DomainEventMap]?: (event: DomainEventMap[K]) => (AuditEntry & { action: string }) | undefined;
} = {
  'project.created': ({ project: p }) => ({
    projectId: p.id,
    action: 'project.create',
    target: project(p.id),
    details: { name: p.name },
  }),
  'project.updated': ({ project: p }) => ({
    projectId: p.id,
    action: 'project.update',
    target: project(p.id),
    details: { name: p.name, settings: p.settings },
  }),
  'document.created': ({ projectId, document: d }) => ({
    projectId,
    action: 'document.create',
    target: document(d.id),
    details: { title: d.title },
  }),
  'document.updated': ({ projectId, document: d }) => ({
    projectId,
    action: 'document.update',
    target: document(d.id),
    details: { title: d.title },
  }),
  // An erasure (withdrawn consent) is told as `document.erase` inside its transaction.
  'document.deleted': ({ projectId, documentId, erased }) =>
    erased ? undefined : { projectId, action: 'document.delete', target: document(documentId) },
  'code.created': ({ projectId, code }) => ({
    projectId,
    action: 'code.create',
    target: { type: 'code', id: code.id },
    details: { name: code.name },
  }),
  'code.updated': ({ projectId, code }) => ({
    projectId,
    action: 'code.update',
    target: { type: 'code', id: code.id },
    details: { name: code.name },
  }),
  'code.deleted': ({ projectId, codeId }) => ({
    projectId,
    action: 'code.delete',
    target: { type: 'code', id: codeId },
  }),
  'coding.created': ({ projectId, coding }) => codingEntry('coding.create', projectId, coding),
  'coding.updated': ({ projectId, coding }) => codingEntry('coding.update', projectId, coding),
  'coding.deleted': ({ projectId, coding }) => codingEntry('coding.delete', projectId, coding),
  'comment.created': ({ projectId, comment }) => commentEntry('comment.create', projectId, comment),
  'comment.updated': ({ projectId, comment }) => commentEntry('comment.update', projectId, comment),
  'snapshot.created': ({ projectId, snapshot }) => ({
    projectId,
    action: 'snapshot.create',
    target: { type: 'snapshot', id: snapshot.id },
    details: { name: snapshot.name, kind: snapshot.kind },
  }),
  'deadline.created': ({ projectId, deadline }) => ({
    projectId,
    action: 'deadline.create',
    target: { type: 'deadline', id: deadline.id },
    details: { name: deadline.name, dueAt: deadline.dueAt },
  }),
  'deadline.deleted': ({ projectId, deadlineId }) => ({
    projectId,
    action: 'deadline.delete',
    target: { type: 'deadline', id: deadlineId },
  }),
  'member.changed': ({ projectId, userId, role }) => ({
    projectId,
    action: role === null ? 'member.remove' : 'member.change',
    target: user(userId),
    details: { role },
  }),
};

function codingEntry(action: string, projectId: string, coding: { id: string; documentId: string; codeId: string }) {
  return {
    projectId,
    action,
    target: { type: 'coding', id: coding.id },
    details: { documentId: coding.documentId, codeId: coding.codeId },
  };
}

function commentEntry(action: string, projectId: string, comment: { id: string; documentId: string }) {
  return {
    projectId,
    action,
    target: { type: 'comment', id: comment.id },
    details: { documentId: comment.documentId },
  };
}

/** A recording's facts for its entries. */
interface RecordingFacts {
  projectId: string;
  documentId: string;
  recordingId: string;
}

/** Actions told where they happen (often inside their transaction): the key is the action. */
export const TOLD = {
  // Sign-in and the account
  'auth.login': ({ userId, details }: { userId: string; details?: Details }) => ({ target: user(userId), details }),
  'auth.login_failed': ({ userId, details }: { userId?: string; details: Details }) => ({
    target: userId ? user(userId) : null,
    details,
  }),
  'auth.refresh_reused': ({ userId }: { userId: string }) => ({ target: user(userId) }),
  'auth.logout': ({ userId }: { userId: string }) => ({ target: user(userId) }),
  'auth.password_change': ({ userId }: { userId: string }) => ({ target: user(userId) }),
  'auth.password_change_failed': ({ userId, reason }: { userId: string; reason: string }) => ({
    target: user(userId),
    details: { reason },
  }),
  'account.erase': ({ userId }: { userId: string }) => ({ target: user(userId) }),
  /** An erased account leaves each of its projects (a member's own removal is `member.changed`). */
  'member.remove': ({ projectId, userId }: { projectId: string; userId: string }) => ({
    projectId,
    target: user(userId),
    details: { reason: 'account_erased' },
  }),

  // Erasure and retention
  'project.delete': ({ projectId, auditEntries }: { projectId: string; auditEntries: number }) => ({
    projectId,
    target: project(projectId),
    details: { auditEntries },
  }),
  'project.retention_erase': ({ projectId, ...details }: { projectId: string } & Details) => ({
    projectId,
    target: project(projectId),
    details,
  }),
  'document.erase': ({ projectId, documentId, ...details }: { projectId: string; documentId: string } & Details) => ({
    projectId,
    target: document(documentId),
    details,
  }),
  'retention.set': ({ projectId, retentionUntil }: { projectId: string; retentionUntil: string | null }) => ({
    projectId,
    target: project(projectId),
    details: { retentionUntil },
  }),
  'consent.set': ({ projectId, documentId }: { projectId: string; documentId: string }) => ({
    projectId,
    target: document(documentId),
  }),

  // Recordings
  'recording.uploaded': ({ projectId, documentId, ...details }: RecordingFacts & Details) => ({
    projectId,
    target: document(documentId),
    details,
  }),
  'recording.played': ({ projectId, documentId, recordingId }: RecordingFacts) => ({
    projectId,
    target: document(documentId),
    details: { recordingId },
  }),
  'recording.exported': ({ projectId, documentId, recordingId }: RecordingFacts) => ({
    projectId,
    target: document(documentId),
    details: { recordingId },
  }),
  'recording.deleted': ({ projectId, documentId, ...details }: RecordingFacts & Details) => ({
    projectId,
    target: document(documentId),
    details,
  }),

  // The live text (/collab): reading is opening; the first committed edit of each connection
  'document.open': ({ projectId, documentId }: { projectId: string; documentId: string }) => ({
    projectId,
    target: document(documentId),
  }),
  'document.edit': ({ projectId, documentId }: { projectId: string; documentId: string }) => ({
    projectId,
    target: document(documentId),
  }),
  'memo.open': ({ projectId, memoId }: { projectId: string; memoId: string }) => ({
    projectId,
    target: { type: 'memo', id: memoId },
  }),
  'memo.edit': ({ projectId, memoId }: { projectId: string; memoId: string }) => ({
    projectId,
    target: { type: 'memo', id: memoId },
  }),
} satisfies Record<string, (payload: never) => AuditEntry>;

export type ToldAction = keyof typeof TOLD;
export type ToldPayload<K extends ToldAction> = Parameters<(typeof TOLD)[K]>[0];
