import { Injectable } from '@nestjs/common';
import type { ProjectStateUser } from '@tolk/contracts';
import { UsersRepository } from '../auth/users.repository.js';
import { CodesRepository } from '../codebook/codes.repository.js';
import { CodingsRepository } from '../codings/codings.repository.js';
import { CommentsRepository } from '../comments/comments.repository.js';
import type { Tx } from '../database/transactions.js';
import { MemosRepository } from '../memos/memos.repository.js';

/** What `ProjectAnnotations.read` gives: rows as each owning module's repository returns them. */
export type Annotations = Awaited<ReturnType<ProjectAnnotations['read']>>;
export type StoredCoding = Annotations['codings'][number];
export type StoredComment = Annotations['comments'][number];
export type StoredMemo = Annotations['memos'][number];

/**
 * A project's codebook, current codings (only `codingsBy`'s when given:
 * blind coding), comments and memos, and the people they name, read in `tx`
 * (one transaction, all as of one instant) through the repositories of the
 * modules that own those tables. Both "now" (ProjectStateService) and a
 * snapshot's capture read them here.
 */
@Injectable()
export class ProjectAnnotations {
  constructor(
    private readonly codes: CodesRepository,
    private readonly codings: CodingsRepository,
    private readonly comments: CommentsRepository,
    private readonly memos: MemosRepository,
    private readonly users: UsersRepository,
  ) {}

  async read(tx: Tx, projectId: string, codingsBy?: string) {
    // One after another: a transaction is one connection.
    const codes = await this.codes.active(projectId, tx);
    const codings = await this.codings.currentOfProject(projectId, codingsBy, tx);
    const comments = await this.comments.allOfProject(projectId, tx);
    const memos = await this.memos.allOfProject(projectId, tx);
    const userIds = new Set<string>();
    for (const c of codings) if (c.createdBy) userIds.add(c.createdBy);
    for (const c of comments) for (const id of [c.authorId, c.resolvedBy]) if (id) userIds.add(id);
    for (const m of memos) if (m.updatedBy) userIds.add(m.updatedBy);
    const users: ProjectStateUser[] = await this.users.people(userIds, tx);
    return { codes, codings, comments, memos, users };
  }
}
