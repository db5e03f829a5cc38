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

export interface Memo {
  body: string;
  updatedAt: string | null;
  updatedBy: { id: string | null; name: string | null } | null;
}

export interface PutMemoRequest {
  body: string;
}
