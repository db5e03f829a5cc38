import { Injectable } from '@nestjs/common';
import type { Comment, CommentThread, ProjectCommentThread } from '@tolk/contracts';
import { UsersRepository } from '../auth/users.repository.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { DocumentsService } from '../documents/documents.service.js';
import { type Placement, SegmentAnchors } from '../documents/segment-anchors.service.js';
import type { Actor } from '../platform/actor.js';
import { forbidden, invalid, notFound } from '../platform/domain-error.js';
import { parseThreadFilter } from './thread-filter.js';
import { DomainEvents } from '../platform/domain-events.js';
import { isUuid } from '../platform/parse-id.pipe.js';
import { MembershipsRepository } from '../projects/memberships.repository.js';
import { NotificationsService, type PendingNotifications } from '../notifications/notifications.service.js';
import { ProjectAccessService } from '../projects/project-access.service.js';
import { type Names, toComment } from './comment.js';
import { CommentEntity } from './comment.entity.js';
import { CommentsRepository } from './comments.repository.js';
import type { CreateCommentDto, UpdateCommentDto } from './dto/comment.dto.js';
import { findMentions } from './mentions.js';

/**
 * Comment threads on transcripts: a root comment anchored to a segment (or
 * to the whole document) and its replies. Supervisors comment; viewers read.
 * Segments are resolved against the live text when read.
 */
@Injectable()
export class CommentsService {
  constructor(
    private readonly access: ProjectAccessService,
    private readonly anchors: SegmentAnchors,
    private readonly documents: DocumentsService,
    private readonly events: DomainEvents,
    private readonly transactions: Transactions,
    private readonly comments: CommentsRepository,
    private readonly notifications: NotificationsService,
    private readonly memberships: MembershipsRepository,
    private readonly users: UsersRepository,
  ) {}

  async create(actor: Actor, documentId: string, dto: CreateCommentDto): Promise<Comment> {
    const { document } = await this.documents.loadFor(actor, documentId, 'comment');
    let parentId: string | null = null;
    let placement: Placement | undefined;
    if (dto.parentId) {
      const parent = await this.comments.findInDocument(dto.parentId.toLowerCase(), document.id);
      if (!parent || parent.parentId !== null)
        throw invalid('invalid_reply_parent', 'parentId must be a comment that starts a thread in this document');
      if (dto.start !== undefined || dto.startAnchor !== undefined)
        throw invalid('reply_has_segment', 'a reply has no segment of its own');
      parentId = parent.id;
    } else if (
      dto.start !== undefined ||
      dto.end !== undefined ||
      dto.startAnchor !== undefined ||
      dto.endAnchor !== undefined
    ) {
      placement = await this.anchors.place(document.id, dto);
    }
    const { saved, members, pending } = await this.transactions.run(async (tx) => {
      const members = await this.memberships.members(document.projectId, tx);
      const saved = await this.comments.insert(
        {
          projectId: document.projectId,
          documentId: document.id,
          parentId,
          body: dto.body,
          startAnchor: placement?.startAnchor ?? null,
          endAnchor: placement?.endAnchor ?? null,
          quote: placement?.quote ?? null,
          mentions: findMentions(dto.body, members).filter((id) => id !== actor.userId),
          authorId: actor.userId,
        },
        tx,
      );
      const pending = await this.notifyAbout(saved, saved.mentions, actor, tx, true);
      return { saved, members, pending };
    });
    const names = new Map(members.map((m) => [m.userId, m.name]));
    const comment = toComment(saved, names, placement ? { status: 'ok', ...placement } : undefined);
    this.events.emit('comment.created', { projectId: document.projectId, comment });
    this.notifications.deliver(...pending);
    const by = { id: actor.userId, name: names.get(actor.userId) ?? '' };
    for (const userId of comment.mentions) {
      this.events.emit('comment.mention', {
        userId,
        mention: { projectId: document.projectId, documentId: document.id, commentId: comment.id, by },
      });
    }
    return comment;
  }

  /**
   * In the comment's transaction: a `mention` to each member newly named in
   * it and, for a new reply, a `reply` to everyone else who wrote in the
   * thread (one notification per person and comment; the notifications
   * service leaves out the author and non-members).
   */
  private async notifyAbout(
    comment: CommentEntity,
    mentioned: string[],
    actor: Actor,
    tx: Tx,
    isNew: boolean,
  ): Promise<PendingNotifications[]> {
    const about = {
      projectId: comment.projectId,
      documentId: comment.documentId,
      commentId: comment.id,
      threadId: comment.parentId ?? comment.id,
      actorId: actor.userId,
    };
    const pending = [await this.notifications.notify(tx, { ...about, kind: 'mention', recipients: mentioned })];
    if (isNew && comment.parentId !== null) {
      const others = (await this.comments.threadAuthors(comment.parentId, tx)).filter((id) => !mentioned.includes(id));
      pending.push(await this.notifications.notify(tx, { ...about, kind: 'reply', recipients: others }));
    }
    return pending;
  }

  /** Threads, oldest first, with their segments resolved against the text as it is now. */
  async list(actor: Actor, documentId: string): Promise<CommentThread[]> {
    const { document } = await this.documents.loadFor(actor, documentId, 'read');
    const comments = await this.comments.ofDocument(document.id);
    const anchored = comments.filter((c) => c.startAnchor !== null && c.endAnchor !== null);
    const resolved = await this.anchors.resolve(
      document.id,
      anchored.map((c) => ({ startAnchor: c.startAnchor!, endAnchor: c.endAnchor! })),
    );
    const where = new Map(anchored.map((c, i) => [c.id, resolved?.[i]]));
    const names = await this.names(comments.flatMap((c) => [c.authorId, c.resolvedBy]));
    const threads = new Map<string, CommentThread>();
    for (const c of comments)
      if (c.parentId === null) threads.set(c.id, { ...toComment(c, names, where.get(c.id)), replies: [] });
    for (const c of comments) if (c.parentId !== null) threads.get(c.parentId)?.replies.push(toComment(c, names));
    return [...threads.values()];
  }

  /** The author edits the body; any commenter resolves or reopens a thread. */
  async update(actor: Actor, commentId: string, dto: UpdateCommentDto): Promise<Comment> {
    const { projectId, comment, pending } = await this.transactions.run(async (tx) => {
      const entity = isUuid(commentId) ? await this.comments.lockById(commentId.toLowerCase(), tx) : null;
      const access = entity ? await this.access.find(actor, entity.projectId, tx) : undefined;
      if (!entity || !access) throw notFound('Comment');
      this.access.check(access, 'comment');
      let newlyMentioned: string[] = [];
      if (dto.body !== undefined && dto.body !== entity.body) {
        if (entity.authorId !== actor.userId)
          throw forbidden('not_comment_author', 'Only the author can edit a comment');
        entity.body = dto.body;
        const members = await this.memberships.members(entity.projectId, tx);
        const before = entity.mentions;
        entity.mentions = findMentions(dto.body, members).filter((id) => id !== actor.userId);
        newlyMentioned = entity.mentions.filter((id) => !before.includes(id));
      }
      if (dto.resolved !== undefined && dto.resolved !== (entity.resolvedAt !== null)) {
        if (entity.parentId !== null) throw invalid('resolve_reply', 'resolve the thread, not a reply');
        entity.resolvedAt = dto.resolved ? new Date() : null;
        entity.resolvedBy = dto.resolved ? actor.userId : null;
      }
      const saved = await this.comments.save(entity, tx);
      const [where] = saved.startAnchor
        ? ((await this.anchors.resolve(saved.documentId, [
            { startAnchor: saved.startAnchor, endAnchor: saved.endAnchor! },
          ])) ?? [])
        : [];
      const names = await this.names([saved.authorId, saved.resolvedBy], tx);
      const pending = await this.notifyAbout(saved, newlyMentioned, actor, tx, false);
      return { projectId: saved.projectId, comment: toComment(saved, names, where), pending };
    });
    this.events.emit('comment.updated', { projectId, comment });
    this.notifications.deliver(...pending);
    return comment;
  }

  /**
   * Its author or the project's owner deletes a comment; a thread's first
   * comment takes its replies with it. Unread notifications about them are
   * withdrawn in the same transaction (read ones stay, pointing at nothing).
   */
  async delete(actor: Actor, commentId: string): Promise<void> {
    const { deleted, withdrawn } = await this.transactions.run(async (tx) => {
      const entity = isUuid(commentId) ? await this.comments.lockById(commentId.toLowerCase(), tx) : null;
      const access = entity ? await this.access.find(actor, entity.projectId, tx) : undefined;
      if (!entity || !access) throw notFound('Comment');
      const mayDelete =
        access.role === 'owner' || (entity.authorId === actor.userId && this.access.allows(access, 'comment'));
      if (!mayDelete)
        throw forbidden('comment_delete_forbidden', "Only a comment's author or the project's owner may delete it");
      const ids = [entity.id, ...(entity.parentId === null ? await this.comments.replyIds(entity.id, tx) : [])];
      const withdrawn = await this.notifications.withdrawForComments(ids, tx);
      await this.comments.delete(entity.id, tx);
      return { deleted: entity, withdrawn };
    });
    this.events.emit('comment.deleted', {
      projectId: deleted.projectId,
      comment: {
        id: deleted.id,
        documentId: deleted.documentId,
        parentId: deleted.parentId,
        projectId: deleted.projectId,
      },
    });
    this.notifications.announceWithdrawn(withdrawn);
  }

  /**
   * Every thread of the project, newest first, filtered: `status` open or
   * resolved, `mentions=me` (the caller is named in the thread), `author`
   * (wrote in the thread), `documentId`.
   */
  async listProject(actor: Actor, projectId: string, query: Record<string, unknown>): Promise<ProjectCommentThread[]> {
    const filter = parseThreadFilter(query);
    await this.access.require(actor, projectId, 'read');
    const comments = await this.comments.ofProject(projectId, filter.documentId);
    const byDocument = new Map<string, typeof comments>();
    for (const c of comments) byDocument.set(c.documentId, [...(byDocument.get(c.documentId) ?? []), c]);
    const where = new Map<string, Parameters<typeof toComment>[2]>();
    for (const [documentId, ofDocument] of byDocument) {
      const anchored = ofDocument.filter((c) => c.parentId === null && c.startAnchor !== null && c.endAnchor !== null);
      if (anchored.length === 0) continue;
      const resolved = await this.anchors.resolve(
        documentId,
        anchored.map((c) => ({ startAnchor: c.startAnchor!, endAnchor: c.endAnchor! })),
      );
      anchored.forEach((c, i) => where.set(c.id, resolved?.[i]));
    }
    const names = await this.names(comments.flatMap((c) => [c.authorId, c.resolvedBy]));
    const threads = new Map<string, ProjectCommentThread>();
    for (const c of comments)
      if (c.parentId === null)
        threads.set(c.id, { ...toComment(c, names, where.get(c.id)), replies: [], documentTitle: c.documentTitle });
    for (const c of comments) if (c.parentId !== null) threads.get(c.parentId)?.replies.push(toComment(c, names));
    const me = actor.userId;
    return [...threads.values()]
      .filter((t) => filter.status === undefined || t.resolved === (filter.status === 'resolved'))
      .filter((t) => !filter.mentionsMe || [t, ...t.replies].some((c) => c.mentions.includes(me)))
      .filter((t) => !filter.author || [t, ...t.replies].some((c) => c.author.id === filter.author))
      .reverse();
  }

  private async names(ids: (string | null)[], tx?: Tx): Promise<Names> {
    const people = await this.users.people(
      ids.filter((id): id is string => id !== null),
      tx,
    );
    return new Map(people.map((p) => [p.id, p.name]));
  }
}
