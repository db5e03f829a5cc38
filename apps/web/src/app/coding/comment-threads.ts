import type { Comment, CommentThread } from '@tolk/contracts';

/** What the thread list needs of a placed thread to order it. */
interface Sortable {
  thread: Pick<CommentThread, 'createdAt'>;
  status: 'ok' | 'deleted' | 'unknown' | 'none';
  from: number;
}

/**
 * The threads with `incoming` added or replaced: a reply goes into its
 * thread (once, however often it arrives), a first comment is a thread of its
 * own that keeps the replies it has. Events carry the project id too; only
 * the comment's own fields are kept.
 */
export function upsertComment(
  threads: readonly CommentThread[],
  incoming: Comment & { projectId?: string; replies?: unknown },
): readonly CommentThread[] {
  const { projectId: _p, replies: _r, ...comment } = incoming;
  if (comment.parentId) {
    return threads.map((t) => {
      if (t.id !== comment.parentId) return t;
      const at = t.replies.findIndex((r) => r.id === comment.id);
      const replies = at === -1 ? [...t.replies, comment] : t.replies.map((r) => (r.id === comment.id ? comment : r));
      return { ...t, replies };
    });
  }
  const at = threads.findIndex((t) => t.id === comment.id);
  if (at === -1) return [...threads, { ...comment, replies: [] }];
  return threads.map((t) => (t.id === comment.id ? { ...comment, replies: t.replies } : t));
}

/** The threads without the comment `id`: a thread's first comment takes the thread, a reply only itself. */
export function dropComment(threads: readonly CommentThread[], id: string): readonly CommentThread[] {
  return threads
    .filter((t) => t.id !== id)
    .map((t) => (t.replies.some((r) => r.id === id) ? { ...t, replies: t.replies.filter((r) => r.id !== id) } : t));
}

/** Threads on the whole document first, then those in the text in its order, then those not (or no longer) in it. */
export function sortThreads<T extends Sortable>(list: readonly T[]): T[] {
  const rank = (p: T) => (p.status === 'none' ? 0 : p.status === 'ok' ? 1 : 2);
  return [...list].sort(
    (a, b) => rank(a) - rank(b) || a.from - b.from || a.thread.createdAt.localeCompare(b.thread.createdAt),
  );
}
