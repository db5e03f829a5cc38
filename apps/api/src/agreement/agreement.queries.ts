import { Injectable } from '@nestjs/common';
import { In, IsNull } from 'typeorm';
import { CodingEntity } from '../codings/coding.entity.js';
import { Repo } from '../database/transactions.js';
import { utf16LengthSql } from '../documents/text-length-sql.js';

/** Two coders' (or groups') coding, as agreement counts it. */
export interface CoderCoding {
  documentId: string;
  codeId: string;
  createdBy: string;
  start: number;
  end: number;
}

/**
 * The reads agreement makes: the documents to compare (with their
 * lengths as JavaScript counts them) and the coders' current codings, each
 * in one statement. Codings are read here until the codings module's
 * repository has the same reads.
 */
@Injectable()
export class AgreementQueries extends Repo {
  /** A project's documents (only `documentIds`, when given) with their text's length, in creation order. */
  async documentLengths(projectId: string, documentIds: string[] | null): Promise<{ id: string; length: number }[]> {
    const rows: { id: string; length: string | number }[] = await this.dataSource.query(
      `SELECT id, ${utf16LengthSql('text')} AS length FROM documents
        WHERE project_id = $1 AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[])) ORDER BY created_at, id`,
      [projectId, documentIds],
    );
    return rows.map((d) => ({ id: d.id, length: Number(d.length) }));
  }

  /** The current codings pointing at text that these people made (in these documents, when given). */
  codingsBy(projectId: string, coderIds: string[], documentIds: string[] | null): Promise<CoderCoding[]> {
    return this.dataSource.query(
      `SELECT document_id AS "documentId", code_id AS "codeId", created_by AS "createdBy", start, "end"
         FROM codings
        WHERE project_id = $1 AND deleted_at IS NULL AND NOT text_deleted AND created_by = ANY($2::uuid[])
          AND ($3::uuid[] IS NULL OR document_id = ANY($3::uuid[]))
        ORDER BY created_at, id`,
      [projectId, coderIds, documentIds],
    );
  }

  /** One document's current codings by these people (of these codes, when given), in text order. */
  documentCodings(documentId: string, coderIds: string[], codeIds: string[] | undefined): Promise<CodingEntity[]> {
    return this.dataSource.getRepository(CodingEntity).find({
      where: {
        documentId,
        deletedAt: IsNull(),
        createdBy: In(coderIds),
        ...(codeIds ? { codeId: In(codeIds) } : {}),
      },
      order: { start: 'ASC', end: 'ASC', createdAt: 'ASC' },
    });
  }

  /** A current coding of the project, or null. */
  coding(projectId: string, id: string): Promise<CodingEntity | null> {
    return this.dataSource.getRepository(CodingEntity).findOneBy({ id, projectId, deletedAt: IsNull() });
  }

  /** The caller's current coding with the same code on exactly the same segment as `of`, or null. */
  twin(of: CodingEntity, createdBy: string): Promise<CodingEntity | null> {
    return this.dataSource.getRepository(CodingEntity).findOneBy({
      documentId: of.documentId,
      codeId: of.codeId,
      createdBy,
      start: of.start,
      end: of.end,
      deletedAt: IsNull(),
    });
  }
}
