import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Comment, CommentThread } from '@tolk/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { UserEntity } from '../auth/user.entity.js';
import { DocumentsService } from '../documents/documents.service.js';
import { type Placement, SegmentAnchors } from '../documents/segment-anchors.service.js';
import type { Actor } from '../platform/actor.js';
import { forbidden, invalid, notFound } from '../platform/domain-error.js';
import { DomainEvents } from '../platform/domain-events.js';
import { isUuid } from '../platform/parse-id.pipe.js';
import { MembershipEntity } from '../projects/membership.entity.js';
import { ProjectAccessService } from '../projects/project-access.service.js';
import { type Names, toComment } from './comment.js';
import { CommentEntity } from './comment.entity.js';
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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ProjectAccessService,
    private readonly anchors: SegmentAnchors,
    private readonly documents: DocumentsService,
    private readonly events: DomainEvents,
  ) {}

  async create(actor: Actor, documentId: string, dto: CreateCommentDto): Promise<Comment> {
    const { document } = await this.documents.loadFor(actor, documentId, 'comment');
    let parentId: string | null = null;
    let placement: Placement | undefined;
    if (dto.parentId) {
      const parent = await this.dataSource
        .getRepository(CommentEntity)
        .findOneBy({ id: dto.parentId.toLowerCase(), documentId: document.id });
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
    const members = await this.members(document.projectId);
    const saved = await this.dataSource.getRepository(CommentEntity).save(
      this.dataSource.getRepository(CommentEntity).create({
        projectId: document.projectId,
        documentId: document.id,
        parentId,
        body: dto.body,
        startAnchor: placement?.startAnchor ?? null,
        endAnchor: placement?.endAnchor ?? null,
        quote: placement?.quote ?? null,
        mentions: findMentions(dto.body, members).filter((id) => id !== actor.userId),
        authorId: actor.userId,
      }),
    );
    const names = new Map(members.map((m) => [m.userId, m.name]));
    const comment = toComment(saved, names, placement ? { status: 'ok', ...placement } : undefined);
    this.events.emit('comment.created', { projectId: document.projectId, comment });
    const by = { id: actor.userId, name: names.get(actor.userId) ?? '' };
    for (const userId of comment.mentions) {
      this.events.emit('comment.mention', {
        userId,
        mention: { projectId: document.projectId, documentId: document.id, commentId: comment.id, by },
      });
    }
    return comment;
  }

  /** Threads, oldest first, with their segments resolved against the text as it is now. */
  async list(actor: Actor, documentId: string): Promise<CommentThread[]> {
    const { document } = await this.documents.loadFor(actor, documentId, 'read');
    const comments = await this.dataSource
      .getRepository(CommentEntity)
      .find({ where: { documentId: document.id }, order: { createdAt: 'ASC' } });
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
    const { projectId, comment } = await this.dataSource.transaction(async (manager) => {
      const entity = isUuid(commentId)
        ? await manager.findOne(CommentEntity, {
            where: { id: commentId.toLowerCase() },
            lock: { mode: 'pessimistic_write' },
          })
        : null;
      const access = entity ? await this.access.find(actor, entity.projectId, manager) : undefined;
      if (!entity || !access) throw notFound('Comment');
      this.access.check(access, 'comment');
      if (dto.body !== undefined && dto.body !== entity.body) {
        if (entity.authorId !== actor.userId)
          throw forbidden('not_comment_author', 'Only the author can edit a comment');
        entity.body = dto.body;
        const members = await this.members(entity.projectId, manager);
        entity.mentions = findMentions(dto.body, members).filter((id) => id !== actor.userId);
      }
      if (dto.resolved !== undefined && dto.resolved !== (entity.resolvedAt !== null)) {
        if (entity.parentId !== null) throw invalid('resolve_reply', 'resolve the thread, not a reply');
        entity.resolvedAt = dto.resolved ? new Date() : null;
        entity.resolvedBy = dto.resolved ? actor.userId : null;
      }
      const saved = await manager.save(entity);
      const [where] = saved.startAnchor
        ? ((await this.anchors.resolve(saved.documentId, [
            { startAnchor: saved.startAnchor, endAnchor: saved.endAnchor! },
          ])) ?? [])
        : [];
      const names = await this.names([saved.authorId, saved.resolvedBy], manager);
      return { projectId: saved.projectId, comment: toComment(saved, names, where) };
    });
    this.events.emit('comment.updated', { projectId, comment });
    return comment;
  }

  private async members(projectId: string, manager: EntityManager = this.dataSource.manager) {
    const rows = await manager.find(MembershipEntity, { where: { projectId }, relations: { user: true } });
    return rows.flatMap((m) => (m.user ? [{ userId: m.userId, name: m.user.name }] : []));
  }

  private async names(ids: (string | null)[], manager: EntityManager = this.dataSource.manager): Promise<Names> {
    const unique = [...new Set(ids.filter((id): id is string => id !== null))];
    if (unique.length === 0) return new Map();
    const users = await manager
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .select(['u.id', 'u.name'])
      .where('u.id IN (:...ids)', { ids: unique })
      .getMany();
    return new Map(users.map((u) => [u.id, u.name]));
  }
}
