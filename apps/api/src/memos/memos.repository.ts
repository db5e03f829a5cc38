import { Injectable } from '@nestjs/common';
import { Repo, type Tx } from '../database/transactions.js';
import { MemoEntity } from './memo.entity.js';

/** Where a memo belongs: its project and what it is about (`target`, see MemoEntity). */
export interface MemoPlace {
  projectId: string;
  target: string;
  documentId: string | null;
  codeId: string | null;
}

/** A memo row with the name of what it is about. */
export interface NamedMemo {
  memo: MemoEntity;
  /** The project's name, the document's title or the code's name. */
  subject: string;
  editorName: string | null;
}

/** One row of a memo's update log, as far as authorship goes. */
export interface MemoLogRow {
  update: Buffer;
  userId: string | null;
}

/** Every query of `memos` (the live text itself goes through the update log: UpdateLogRepository). */
@Injectable()
export class MemosRepository extends Repo {
  /** The memo of a project, document or code, made (empty) the first time it is asked for. */
  async ensure(place: MemoPlace): Promise<MemoEntity> {
    await this.manager()
      .createQueryBuilder()
      .insert()
      .into(MemoEntity)
      .values({ ...place, body: '', updatedBy: null })
      .orIgnore()
      .execute();
    return this.manager()
      .getRepository(MemoEntity)
      .findOneByOrFail({ projectId: place.projectId, target: place.target });
  }

  async insert(
    memo: MemoPlace & { id: string; startAnchor: string; endAnchor: string; quote: string },
  ): Promise<MemoEntity> {
    await this.manager().insert(MemoEntity, { body: '', updatedBy: null, ...memo });
    return this.manager().getRepository(MemoEntity).findOneByOrFail({ id: memo.id });
  }

  /** Every memo of a project, by what it is about. */
  allOfProject(projectId: string, tx?: Tx): Promise<MemoEntity[]> {
    return this.manager(tx).find(MemoEntity, { where: { projectId }, order: { target: 'ASC' } });
  }

  /** A memo with its body already written (an import), in the caller's transaction. */
  async insertWritten(
    memo: MemoPlace & { id?: string; body: string; updatedBy: string } & Partial<
        Pick<MemoEntity, 'startAnchor' | 'endAnchor' | 'quote'>
      >,
    tx: Tx,
  ): Promise<void> {
    await tx.insert(MemoEntity, memo);
  }

  /** The project a memo belongs to, or null. */
  async projectIdOf(id: string): Promise<string | null> {
    const row = await this.manager().findOne(MemoEntity, { where: { id }, select: { id: true, projectId: true } });
    return row?.projectId ?? null;
  }

  /** The project of a document, or undefined. */
  async documentProject(id: string): Promise<string | undefined> {
    const rows = await this.manager().query<{ project_id: string }[]>(
      'SELECT project_id FROM documents WHERE id = $1',
      [id],
    );
    return rows.at(0)?.project_id;
  }

  /** The project of a code still in the codebook, or undefined. */
  async activeCodeProject(id: string): Promise<string | undefined> {
    const rows = await this.manager().query<{ project_id: string }[]>(
      'SELECT project_id FROM codes WHERE id = $1 AND retired_at IS NULL',
      [id],
    );
    return rows.at(0)?.project_id;
  }

  findById(id: string): Promise<MemoEntity | null> {
    return this.manager().getRepository(MemoEntity).findOneBy({ id });
  }

  async delete(id: string): Promise<void> {
    await this.manager().delete(MemoEntity, { id });
  }

  /**
   * The project's memos with what they are about named; memos of retired
   * codes are left out (the code is gone from the codebook).
   */
  async ofProject(projectId: string, memoId?: string): Promise<NamedMemo[]> {
    const rows = await this.manager().query<(Record<string, unknown> & { id: string })[]>(
      `SELECT m.id, coalesce(d.title, c.name, p.name, '') AS subject, u.name AS editor_name
         FROM memos m
         JOIN projects p ON p.id = m.project_id
         LEFT JOIN documents d ON d.id = m.document_id
         LEFT JOIN codes c ON c.id = m.code_id
         LEFT JOIN users u ON u.id = m.updated_by
        WHERE m.project_id = $1 AND c.retired_at IS NULL AND ($2::uuid IS NULL OR m.id = $2::uuid)`,
      [projectId, memoId ?? null],
    );
    if (rows.length === 0) return [];
    const memos = await this.manager()
      .getRepository(MemoEntity)
      .find({ where: rows.map((r) => ({ id: r.id })) });
    const byId = new Map(memos.map((m) => [m.id, m]));
    return rows.flatMap((r) => {
      const memo = byId.get(r.id);
      return memo ? [{ memo, subject: r.subject as string, editorName: (r.editor_name as string | null) ?? null }] : [];
    });
  }

  /** The memo's update log, oldest first, with who sent each update. */
  async log(memoId: string): Promise<MemoLogRow[]> {
    const rows = await this.manager().query<{ update: Buffer; user_id: string | null }[]>(
      'SELECT "update", user_id FROM memo_updates WHERE memo_id = $1 ORDER BY id',
      [memoId],
    );
    return rows.map((r) => ({ update: r.update, userId: r.user_id }));
  }

  /** Names of these accounts (absent: deleted). */
  async names(userIds: string[]): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.manager().query<{ id: string; name: string }[]>(
      'SELECT id, name FROM users WHERE id = ANY($1)',
      [userIds],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
