import type { ResolvedAnchor } from '@tolk/anchoring';
import type { Comment } from '@tolk/contracts';
import type { CommentEntity } from './comment.entity.js';

/** Names of people by user id. */
export type Names = Map<string, string>;

export function toComment(c: CommentEntity, names: Names, where?: ResolvedAnchor): Comment {
  const person = (id: string | null) => ({ id, name: id ? (names.get(id) ?? null) : null });
  const anchored = c.startAnchor !== null;
  const ok = where?.status === 'ok' ? where : undefined;
  return {
    id: c.id,
    documentId: c.documentId,
    parentId: c.parentId,
    body: c.body,
    start: ok ? ok.start : null,
    end: ok ? ok.end : null,
    quote: ok ? ok.quote : anchored ? '' : null,
    startAnchor: c.startAnchor,
    endAnchor: c.endAnchor,
    textDeleted: anchored && where?.status === 'deleted',
    author: person(c.authorId),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    resolved: c.resolvedAt !== null,
    resolvedBy: c.resolvedAt ? person(c.resolvedBy) : null,
    mentions: c.mentions,
  };
}
