/**
 * GET /api/me/export: everything Tolk holds about the caller (GDPR art. 15
 * and 20), machine-readable. Transcript texts are the informants' data, not
 * the caller's, and are not included; the caller's own writing is.
 */
export interface AccountExport {
  exportedAt: string;
  account: { id: string; email: string; name: string; createdAt: string };
  memberships: { projectId: string; projectName: string; role: string; since: string }[];
  documentsCreated: { id: string; projectId: string; title: string; createdAt: string }[];
  /** Live edits of transcript text, summarised per document (the Yjs updates themselves are binary). */
  textEdits: { documentId: string; projectId: string | null; updates: number; first: string; last: string }[];
  codings: {
    id: string;
    projectId: string;
    documentId: string;
    codeId: string;
    quote: string;
    start: number;
    end: number;
    deleted: boolean;
    createdAt: string;
  }[];
  codingEvents: { codingId: string; action: string; version: number; quote: string; at: string }[];
  codeEvents: {
    codeId: string;
    projectId: string;
    action: string;
    version: number;
    data: Record<string, unknown>;
    at: string;
  }[];
  comments: {
    id: string;
    projectId: string;
    documentId: string;
    parentId: string | null;
    body: string;
    quote: string | null;
    createdAt: string;
    updatedAt: string;
  }[];
  /** Memos the caller wrote in (live or by REST) or saved last, with their text now. */
  memos: { id: string; projectId: string; target: string; body: string; updatedAt: string }[];
  /** Live edits of memos, summarised per memo (the Yjs updates themselves are binary). */
  memoEdits: { memoId: string; projectId: string; updates: number; first: string; last: string }[];
  /** The caller's notifications, read and unread, newest first. */
  notifications: {
    id: string;
    kind: string;
    projectId: string;
    documentId: string | null;
    commentId: string | null;
    actor: { id: string; name: string } | null;
    /** Ids of what other kinds are about (`invitationId`, `proposalId`, `snapshotId`). */
    data: Record<string, string>;
    createdAt: string;
    readAt: string | null;
  }[];
  /** The kinds of notification the caller turned off (null: never changed). */
  notificationSettings: { muted: string[]; updatedAt: string } | null;
  /**
   * The interview recordings the caller uploaded that are still stored (nobody else's export lists
   * them). The audio itself is at `audioUrl` (`GET /api/documents/:id/recording/audio`, with the
   * caller's token while they are a member): a JSON export is no place for hours of audio.
   */
  recordings: {
    id: string;
    projectId: string;
    documentId: string;
    filename: string;
    contentType: string;
    format: string | null;
    size: number;
    durationMs: number | null;
    uploadedAt: string;
    /** false: an upload never finished (its bytes so far are stored). */
    complete: boolean;
    audioUrl: string;
  }[];
  /** What the audit log recorded the caller doing, with address and user agent. */
  auditEntries: {
    at: string;
    action: string;
    projectId: string | null;
    target: { type: string; id: string } | null;
    ip: string | null;
    userAgent: string | null;
  }[];
}
