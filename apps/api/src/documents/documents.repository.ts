import { Injectable } from '@nestjs/common';
import {
  type DocumentAttributes,
  type DocumentSummary,
  type ImportedSpeaker,
  textLines,
  textTimestamps,
  type TolkDocument,
} from '@tolk/contracts';
import { In } from 'typeorm';
import { Repo, type Tx } from '../database/transactions.js';
import { DocumentEntity } from './document.entity.js';
import { utf16LengthSql } from './text-length-sql.js';

export const toDocumentSummary = (d: DocumentEntity): DocumentSummary => ({
  id: d.id,
  title: d.title,
  length: d.text.length,
  attributes: d.attributes,
});

/** The document as the wire shows it, with `text` (the live text when given, else the stored one) and its lines. */
export const toDocument = (d: DocumentEntity, text = d.text): TolkDocument => ({
  ...toDocumentSummary(d),
  length: text.length,
  projectId: d.projectId,
  text,
  speakers: d.speakers,
  lines: textLines(text),
  timestamps: textTimestamps(text),
});

export interface NewDocumentRow {
  projectId: string;
  title: string;
  text: string;
  attributes?: DocumentAttributes;
  speakers?: ImportedSpeaker[];
  createdBy: string | null;
}

/** A document without its text, for reading every document of a project. */
export type DocumentHeader = Pick<DocumentEntity, 'id' | 'projectId' | 'title' | 'attributes' | 'createdAt'>;

/**
 * Every query of `documents` (the rows; their live state and update log are
 * the transcript store's).
 */
@Injectable()
export class DocumentsRepository extends Repo {
  insert(row: NewDocumentRow, tx?: Tx): Promise<DocumentEntity> {
    const manager = this.manager(tx);
    return manager.save(
      manager.create(DocumentEntity, { ...row, attributes: row.attributes ?? {}, speakers: row.speakers ?? [] }),
    );
  }

  /** `id` must be a uuid (callers check: a malformed one is a 404, not an SQL error). */
  findById(id: string, tx?: Tx): Promise<DocumentEntity | null> {
    return this.manager(tx).findOneBy(DocumentEntity, { id: id.toLowerCase() });
  }

  /** The document if it is in that project. */
  findInProject(id: string, projectId: string, tx?: Tx): Promise<DocumentEntity | null> {
    return this.manager(tx).findOneBy(DocumentEntity, { id: id.toLowerCase(), projectId });
  }

  async projectIdOf(id: string, tx?: Tx): Promise<string | null> {
    const row = await this.manager(tx).findOne(DocumentEntity, {
      where: { id: id.toLowerCase() },
      select: { id: true, projectId: true },
    });
    return row?.projectId ?? null;
  }

  /** The ids of the project's documents. */
  async idsOf(projectId: string, tx?: Tx): Promise<string[]> {
    const rows = await this.manager(tx).find(DocumentEntity, { where: { projectId }, select: { id: true } });
    return rows.map((d) => d.id);
  }

  count(projectId: string, tx?: Tx): Promise<number> {
    return this.manager(tx).countBy(DocumentEntity, { projectId });
  }

  /** The project's documents by title, with lengths computed in SQL: a list must not ship every text. */
  async summaries(projectId: string): Promise<DocumentSummary[]> {
    const rows = await this.manager()
      .createQueryBuilder(DocumentEntity, 'd')
      .select(['d.id AS id', 'd.title AS title', 'd.attributes AS attributes'])
      .addSelect(utf16LengthSql('d.text'), 'length')
      .where('d.project_id = :projectId', { projectId })
      .orderBy('d.title', 'ASC')
      .addOrderBy('d.created_at', 'ASC')
      .getRawMany<{ id: string; title: string; attributes: DocumentAttributes; length: string | number }>();
    return rows.map((r) => ({ id: r.id, title: r.title, length: Number(r.length), attributes: r.attributes }));
  }

  /** A project's documents (only `ids`, when given) with their text's length as JavaScript counts it, in creation order. */
  async lengths(projectId: string, ids: string[] | null): Promise<{ id: string; length: number }[]> {
    const rows = await this.manager().query<{ id: string; length: string | number }[]>(
      `SELECT id, ${utf16LengthSql('text')} AS length FROM documents
        WHERE project_id = $1 AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[])) ORDER BY created_at, id`,
      [projectId, ids],
    );
    return rows.map((d) => ({ id: d.id, length: Number(d.length) }));
  }

  /** The project's documents without their text, by title. */
  headers(projectId: string, tx?: Tx): Promise<DocumentHeader[]> {
    return this.manager(tx).find(DocumentEntity, {
      where: { projectId },
      select: { id: true, projectId: true, title: true, attributes: true, createdAt: true },
      order: { title: 'ASC', createdAt: 'ASC' },
    });
  }

  /** The project's documents with their stored text, oldest first. */
  withText(projectId: string, tx?: Tx): Promise<DocumentEntity[]> {
    return this.manager(tx).find(DocumentEntity, { where: { projectId }, order: { createdAt: 'ASC', title: 'ASC' } });
  }

  /** The stored text of these documents (missing ones left out). */
  texts(ids: readonly string[], tx?: Tx): Promise<{ id: string; text: string }[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.manager(tx).find(DocumentEntity, { where: { id: In([...ids]) }, select: { id: true, text: true } });
  }

  findByTitle(projectId: string, title: string, tx?: Tx): Promise<DocumentEntity | null> {
    return this.manager(tx).findOneBy(DocumentEntity, { projectId, title });
  }

  /** Writes the title and attributes of a document read before. */
  save(document: DocumentEntity, tx?: Tx): Promise<DocumentEntity> {
    return this.manager(tx).save(document);
  }

  /** Its update log, state, codings and comments go with it (ON DELETE CASCADE). */
  async delete(id: string, tx?: Tx): Promise<void> {
    await this.manager(tx).delete(DocumentEntity, { id });
  }
}
