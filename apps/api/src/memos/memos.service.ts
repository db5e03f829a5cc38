import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Memo } from '@tolk/contracts';
import { DataSource } from 'typeorm';
import { UserEntity } from '../auth/user.entity.js';
import { CodeEntity } from '../codebook/code.entity.js';
import { DocumentEntity } from '../documents/document.entity.js';
import type { Actor } from '../platform/actor.js';
import { notFound } from '../platform/domain-error.js';
import { isUuid } from '../platform/parse-id.pipe.js';
import { type Permission, ProjectAccessService } from '../projects/project-access.service.js';
import { MemoEntity } from './memo.entity.js';

export type MemoSubject =
  { kind: 'project'; id: string } | { kind: 'document'; id: string } | { kind: 'code'; id: string };

interface Located {
  projectId: string;
  target: string;
  documentId: string | null;
  codeId: string | null;
}

/**
 * Memos: one free text per project, document and code, which any member
 * reads and everyone but viewers writes (last write wins, with who and when).
 */
@Injectable()
export class MemosService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ProjectAccessService,
  ) {}

  async get(actor: Actor, subject: MemoSubject): Promise<Memo> {
    const where = await this.locate(actor, subject, 'read');
    const memo = await this.dataSource
      .getRepository(MemoEntity)
      .findOneBy({ projectId: where.projectId, target: where.target });
    return this.toMemo(memo);
  }

  async put(actor: Actor, subject: MemoSubject, body: string): Promise<Memo> {
    const where = await this.locate(actor, subject, 'comment');
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(MemoEntity)
      .values({ ...where, body, updatedBy: actor.userId })
      .orUpdate(['body', 'updated_by', 'updated_at'], ['project_id', 'target'])
      .execute();
    const memo = await this.dataSource
      .getRepository(MemoEntity)
      .findOneByOrFail({ projectId: where.projectId, target: where.target });
    return this.toMemo(memo);
  }

  private async toMemo(memo: MemoEntity | null): Promise<Memo> {
    if (!memo) return { body: '', updatedAt: null, updatedBy: null };
    const editor = memo.updatedBy
      ? await this.dataSource.getRepository(UserEntity).findOneBy({ id: memo.updatedBy })
      : null;
    return {
      body: memo.body,
      updatedAt: memo.updatedAt.toISOString(),
      updatedBy: memo.updatedBy ? { id: memo.updatedBy, name: editor?.name ?? null } : null,
    };
  }

  /** The project a memo belongs to, after checking the caller's right; 404 alike for foreign and missing. */
  private async locate(actor: Actor, subject: MemoSubject, permission: Permission): Promise<Located> {
    const what = subject.kind === 'project' ? 'Project' : subject.kind === 'document' ? 'Document' : 'Code';
    if (!isUuid(subject.id)) throw notFound(what);
    const id = subject.id.toLowerCase();
    let located: Located | undefined;
    if (subject.kind === 'project') {
      located = { projectId: id, target: 'project', documentId: null, codeId: null };
    } else if (subject.kind === 'document') {
      const document = await this.dataSource
        .getRepository(DocumentEntity)
        .findOne({ where: { id }, select: { id: true, projectId: true } });
      if (document) located = { projectId: document.projectId, target: `document:${id}`, documentId: id, codeId: null };
    } else {
      const code = await this.dataSource.getRepository(CodeEntity).findOneBy({ id });
      if (code && !code.retiredAt)
        located = { projectId: code.projectId, target: `code:${id}`, documentId: null, codeId: id };
    }
    const access = located ? await this.access.find(actor, located.projectId) : undefined;
    if (!located || !access) throw notFound(what);
    this.access.check(access, permission);
    return located;
  }
}
