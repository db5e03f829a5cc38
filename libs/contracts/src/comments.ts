/** A comment (docs/api.md, "Comments and memos"). A thread is a root comment and its replies. */
export interface Comment {
  id: string;
  documentId: string;
  /** Set on replies; a reply has no anchor of its own. */
  parentId: string | null;
  body: string;
  /** The commented segment resolved now; all null for a comment on the whole document. */
  start: number | null;
  end: number | null;
  quote: string | null;
  startAnchor: string | null;
  endAnchor: string | null;
  /** True when all of the commented text was deleted. */
  textDeleted: boolean;
  author: { id: string | null; name: string | null };
  createdAt: string;
  updatedAt: string;
  resolved: boolean;
  resolvedBy: { id: string | null; name: string | null } | null;
  /** Members named with `@Name` in the body. */
  mentions: string[];
}

export interface CommentThread extends Comment {
  replies: Comment[];
}

/** A thread in the project-wide list (`GET /api/projects/:projectId/comments`). */
export interface ProjectCommentThread extends CommentThread {
  documentTitle: string;
}

/** Sent when a comment was deleted (a thread's first comment takes its replies with it). */
export interface CommentDeletedEvent {
  id: string;
  documentId: string;
  parentId: string | null;
  projectId: string;
}

export interface CreateCommentRequest {
  body: string;
  start?: number;
  end?: number;
  startAnchor?: string;
  endAnchor?: string;
  parentId?: string;
}

export interface UpdateCommentRequest {
  body?: string;
  resolved?: boolean;
}

/** Sent to a member named in a comment. */
export interface MentionEvent {
  projectId: string;
  documentId: string;
  commentId: string;
  by: { id: string; name: string };
}

/** What a memo is about (docs/api.md, "Comments and memos"). */
export type MemoScope = 'project' | 'document' | 'code' | 'segment';

/** How a memo's live text is held: the Y.Text `content`, as Markdown. */
export type MemoFormat = 'markdown';

/** A memo in the project's list of memos. */
export interface MemoSummary {
  id: string;
  scope: MemoScope;
  /** The project's, document's or code's id; for a segment memo its document's. */
  targetId: string;
  /** The project's name, the document's title, the code's name, or the segment's words. */
  title: string;
  updatedAt: string | null;
  updatedBy: { id: string | null; name: string | null } | null;
  format: MemoFormat;
}

/**
 * A memo with its text: `body` is the plain text of its live Yjs document
 * (`/collab/memo:<id>`), `version` changes whenever anyone changes it (give it
 * back with a PUT).
 */
export interface Memo extends MemoSummary {
  body: string;
  version: string;
  /** A segment memo's place, resolved against the text as it is now; null for other scopes. */
  segment: { start: number; end: number; quote: string; startAnchor: string; endAnchor: string } | null;
}

export interface PutMemoRequest {
  body: string;
  /**
   * The `version` the change was made from; 409 `memo_changed` when someone
   * changed the memo since. Without it (older clients, scripts) the body
   * replaces whatever is there.
   */
  version?: string;
}

/** A memo on a segment of a transcript, placed like a coding (offsets, or anchors from the client's Y.Doc). */
export interface CreateSegmentMemoRequest {
  start?: number;
  end?: number;
  startAnchor?: string;
  endAnchor?: string;
}

/** Who wrote what in a memo. */
export interface MemoHistory {
  /** Runs of edits by one person without a pause of more than five minutes, newest first. */
  sessions: { userId: string | null; name: string | null; from: string; to: string; updates: number }[];
  /** The memo's text as it is now, in runs by who typed them (`userId` null: written before memos were live, or by a deleted account). */
  authors: { userId: string | null; name: string | null; text: string }[];
}
