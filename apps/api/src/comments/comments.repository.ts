import { Injectable } from '@nestjs/common';
import { Repo, type Tx } from '../database/transactions.js';
import { CommentEntity } from './comment.entity.js';

/** What a new comment is made of; the rest the database fills in. */
export type NewComment = Pick<
  CommentEntity,
  'projectId' | 'documentId' | 'parentId' | 'body' | 'startAnchor' | 'endAnchor' | 'quote' | 'mentions' | 'authorId'
>;

/** Every query of `comments`. */
@Injectable()
export class CommentsRepository extends Repo {
  /** The comment with this id in this document, if there is one. */
  findInDocument(id: string, documentId: string, tx?: Tx): Promise<CommentEntity | null> {
    return this.manager(tx).findOneBy(CommentEntity, { id, documentId });
  }

  /** The row, locked until the transaction ends. */
  lockById(id: string, tx: Tx): Promise<CommentEntity | null> {
    return tx.findOne(CommentEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Every comment of a transcript, oldest first (threads and replies). */
  ofDocument(documentId: string, tx?: Tx): Promise<CommentEntity[]> {
    return this.manager(tx).find(CommentEntity, { where: { documentId }, order: { createdAt: 'ASC' } });
  }

  /** Every comment of a project, oldest first (threads and replies). */
  allOfProject(projectId: string, tx?: Tx): Promise<CommentEntity[]> {
    return this.manager(tx).find(CommentEntity, { where: { projectId }, order: { createdAt: 'ASC' } });
  }

  async insert(comment: NewComment, tx: Tx): Promise<CommentEntity> {
    return tx.save(tx.create(CommentEntity, comment));
  }

  /** Stores the changed body, mentions or resolution of a loaded comment. */
  save(comment: CommentEntity, tx: Tx): Promise<CommentEntity> {
    return tx.save(comment);
  }

  /** Every comment of the project, oldest first, with its transcript's title. */
  async ofProject(projectId: string, documentId?: string): Promise<(CommentEntity & { documentTitle: string })[]> {
    const query = this.manager()
      .createQueryBuilder(CommentEntity, 'c')
      .innerJoin('c.document', 'd')
      .addSelect('d.title')
      .where('c.project_id = :projectId', { projectId })
      .orderBy('c.created_at', 'ASC')
      .addOrderBy('c.id', 'ASC');
    if (documentId) query.andWhere('c.document_id = :documentId', { documentId });
    const rows = await query.getMany();
    return rows.map((c) => Object.assign(c, { documentTitle: c.document?.title ?? '' }));
  }

  /** The authors of a thread's comments (its first one and every reply). */
  async threadAuthors(threadId: string, tx: Tx): Promise<string[]> {
    const rows = await tx.query<{ author_id: string }[]>(
      `SELECT DISTINCT author_id FROM comments WHERE (id = $1 OR parent_id = $1) AND author_id IS NOT NULL`,
      [threadId],
    );
    return rows.map((r) => r.author_id);
  }

  /** The ids of a thread's replies. */
  async replyIds(threadId: string, tx: Tx): Promise<string[]> {
    const rows = await tx.find(CommentEntity, { where: { parentId: threadId }, select: { id: true } });
    return rows.map((r) => r.id);
  }

  /** Its replies go with a thread's first comment (ON DELETE CASCADE). */
  async delete(id: string, tx: Tx): Promise<void> {
    await tx.delete(CommentEntity, { id });
  }

  /** Per transcript of the project, its open threads. */
  async openThreadCounts(projectId: string): Promise<Map<string, number>> {
    const rows = await this.manager().query<{ document_id: string; count: number }[]>(
      `SELECT document_id, count(*)::int AS count FROM comments
        WHERE project_id = $1 AND parent_id IS NULL AND resolved_at IS NULL
        GROUP BY document_id`,
      [projectId],
    );
    return new Map(rows.map((r) => [r.document_id, r.count]));
  }

  /** Per transcript of the project, the latest comment written or changed and by whom. */
  async lastChanges(projectId: string): Promise<Map<string, { at: Date; userId: string | null }>> {
    const rows = await this.manager().query<{ document_id: string; user_id: string | null; at: Date }[]>(
      `SELECT DISTINCT ON (document_id) document_id,
              -- Resolving is the change when it happened with the last save.
              CASE WHEN abs(extract(epoch FROM updated_at - resolved_at)) < 1 THEN resolved_by ELSE author_id END AS user_id,
              updated_at AS at
         FROM comments WHERE project_id = $1
        ORDER BY document_id, updated_at DESC`,
      [projectId],
    );
    return new Map(rows.map((r) => [r.document_id, { at: new Date(r.at), userId: r.user_id }]));
  }
}
