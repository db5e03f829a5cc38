import { Injectable } from '@nestjs/common';
import type { CodeFrequency, SearchLanguage } from '@tolk/contracts';
import { Repo } from '../database/transactions.js';
import type { CodedSpan } from './passages.js';
import type { SegmentFilter } from './segment-filter.js';

/**
 * Which codings a figure counts: a project's current codings that point at
 * text and, when `onlyBy` is set (blind coding), only that person's; when
 * `coders` is non-empty, only theirs too (both hold: a blind coder asking
 * for someone else's codings gets none). Who sees what is the service's
 * rule; this is only its SQL.
 */
export interface CodingScope {
  projectId: string;
  onlyBy?: string;
  coders?: readonly string[];
}

/** A condition on codings aliased `c` with its parameters (the project id is always `$1`). */
interface Visible {
  where: string;
  params: unknown[];
}

function visible(scope: CodingScope): Visible {
  const params: unknown[] = [scope.projectId];
  let where = 'c.project_id = $1 AND c.deleted_at IS NULL AND NOT c.text_deleted AND c.start < c."end"';
  if (scope.onlyBy) where += ` AND c.created_by = $${params.push(scope.onlyBy)}`;
  if (scope.coders?.length) where += ` AND c.created_by = ANY($${params.push(scope.coders)}::uuid[])`;
  return { where, params };
}

const QUOTE_SEARCH_CONFIG: Record<SearchLanguage, string> = {
  norwegian: `'norwegian'::regconfig`,
  english: `'english'::regconfig`,
};

/** Reading order: documents by title, then position; ties by age and id so pages never overlap. */
const SEGMENT_ORDER = 'd.title, d.created_at, c.start, c."end", c.created_at, c.id';

/**
 * The condition (on codings `c` joined with documents `d`) and page of a
 * segment list: the caller's scope narrowed by `filter`, with the CTE
 * `selected` (a code and its sub-codes) when it names a code.
 */
function segmentSelection(
  scope: CodingScope,
  filter: SegmentFilter,
  language: SearchLanguage,
): { codes: string; where: string; params: unknown[]; page: string } {
  const { where, params } = visible(scope);
  const param = (value: unknown) => `$${params.push(value)}`;
  const conditions = [where];
  let codes = '';
  if (filter.codeId) {
    codes = `WITH RECURSIVE selected AS (
               SELECT id FROM codes WHERE id = ${param(filter.codeId)} AND project_id = $1 AND retired_at IS NULL
               UNION SELECT k.id FROM codes k JOIN selected s ON k.parent_id = s.id WHERE k.retired_at IS NULL)`;
    conditions.push('c.code_id IN (SELECT id FROM selected)');
  }
  if (filter.documentId) conditions.push(`c.document_id = ${param(filter.documentId)}`);
  if (Object.keys(filter.attributes).length > 0)
    conditions.push(`d.attributes @> ${param(JSON.stringify(filter.attributes))}::jsonb`);
  if (filter.q) {
    // The configuration is written into the statement (from a fixed list) so the expression index on quotes applies.
    const config = QUOTE_SEARCH_CONFIG[language];
    conditions.push(`to_tsvector(${config}, c.quote) @@ websearch_to_tsquery(${config}, ${param(filter.q)})`);
  }
  const page = `${filter.limit ? `LIMIT ${param(filter.limit)}` : ''} OFFSET ${param(filter.offset)}`;
  return { codes, where: conditions.join(' AND '), params, page };
}

/** A coding of a segment list, without what its document and coder give. */
export interface SegmentRow {
  codingId: string;
  documentId: string;
  codeId: string;
  start: number;
  end: number;
  quote: string;
  createdBy: string | null;
}

/**
 * The SQL of retrieval and counts. They read codings, codes, documents and
 * users together, so they live here rather than in one table's repository;
 * each is one statement (tuned: change with EXPLAIN at hand), never a query
 * per coding or per document.
 */
@Injectable()
export class AnalysisQueries extends Repo {
  /**
   * Coded segments in reading order (title, then position), narrowed by
   * `filter`: only what differs per coding. What is the same for every
   * segment of a document or a coder (title, attributes, name) comes once
   * from `segmentDocuments` and `userNames`, so 10,000 rows do not carry it
   * 10,000 times. Sorted narrow (ids and keys) and joined back for the page:
   * a sort of 10,000 rows with their quotes spills to disk.
   */
  async segmentRows(scope: CodingScope, filter: SegmentFilter, language: SearchLanguage): Promise<SegmentRow[]> {
    const { codes, where, params, page } = segmentSelection(scope, filter, language);
    const rows = await this.dataSource.query<(SegmentRow & { n: number })[]>(
      `${codes}
       SELECT s.n, c.id AS "codingId", c.document_id AS "documentId", c.code_id AS "codeId", c.start, c."end",
              c.quote, c.created_by AS "createdBy"
         FROM (SELECT c.id, (row_number() OVER (ORDER BY ${SEGMENT_ORDER}))::int AS n
                 FROM codings c JOIN documents d ON d.id = c.document_id
                WHERE ${where}
                ORDER BY ${SEGMENT_ORDER}
                ${page}) s
         JOIN codings c ON c.id = s.id`,
      params,
    );
    // The join returns them in any order.
    return rows.sort((a, b) => a.n - b.n);
  }

  /** Title and attributes (as JSON text) of these documents. */
  segmentDocuments(documentIds: readonly string[]): Promise<{ id: string; title: string; attributes: string }[]> {
    return this.dataSource.query(
      'SELECT id, title, attributes::text AS attributes FROM documents WHERE id = ANY($1::uuid[])',
      [documentIds],
    );
  }

  /** The names of these users (erased accounts are not there). */
  userNames(userIds: readonly string[]): Promise<{ id: string; name: string | null }[]> {
    return this.dataSource.query('SELECT id, name FROM users WHERE id = ANY($1::uuid[])', [userIds]);
  }

  /** Every active code in codebook order, with zeros for unused ones. */
  async frequencies(scope: CodingScope): Promise<CodeFrequency[]> {
    const { where, params } = visible(scope);
    return this.dataSource.query<CodeFrequency[]>(
      `WITH per_document AS (
         SELECT c.code_id, c.document_id, count(*) AS n, range_agg(int4range(c.start, c."end")) AS covered
           FROM codings c WHERE ${where} GROUP BY c.code_id, c.document_id
       )
       SELECT k.id AS "codeId", coalesce(sum(p.n), 0)::int AS codings, count(p.document_id)::int AS documents,
              coalesce(sum((SELECT sum(upper(r) - lower(r)) FROM unnest(p.covered) AS r)), 0)::int AS characters
         FROM codes k LEFT JOIN per_document p ON p.code_id = k.id
        WHERE k.project_id = $1 AND k.retired_at IS NULL
        GROUP BY k.id, k.created_at, k.name
        ORDER BY k.created_at, k.name`,
      params,
    );
  }

  /** The counted codings' ranges and who made them, by document and then position. */
  async codedRanges(scope: CodingScope): Promise<CodedSpan[]> {
    const { where, params } = visible(scope);
    return this.dataSource.query<CodedSpan[]>(
      `SELECT c.document_id AS "documentId", c.code_id AS "codeId", c.start, c."end", c.created_by AS "createdBy"
         FROM codings c WHERE ${where} ORDER BY c.document_id, c.start`,
      params,
    );
  }

  /**
   * The counted codings of these codes (a coding query's leaves), narrowed to
   * one document and to documents whose attributes have these values.
   */
  async rangesOfCodes(
    scope: CodingScope,
    codeIds: readonly string[],
    narrow: { documentId?: string; attributes: Record<string, string> },
  ): Promise<{ documentId: string; codeId: string; start: number; end: number }[]> {
    const { where, params } = visible(scope);
    const param = (value: unknown) => `$${params.push(value)}`;
    const conditions = [where, `c.code_id = ANY(${param(codeIds)}::uuid[])`];
    if (narrow.documentId) conditions.push(`c.document_id = ${param(narrow.documentId)}`);
    if (Object.keys(narrow.attributes).length > 0)
      conditions.push(`d.attributes @> ${param(JSON.stringify(narrow.attributes))}::jsonb`);
    return this.dataSource.query(
      `SELECT c.document_id AS "documentId", c.code_id AS "codeId", c.start, c."end"
         FROM codings c JOIN documents d ON d.id = c.document_id
        WHERE ${conditions.join(' AND ')}`,
      params,
    );
  }

  /** The values one document attribute takes in a project, each with how many documents have it. */
  async attributeValues(projectId: string, attribute: string): Promise<{ value: string; documents: number }[]> {
    return this.dataSource.query(
      `SELECT attributes->>$2 AS value, count(*)::int AS documents FROM documents
        WHERE project_id = $1 AND attributes ? $2 GROUP BY 1 ORDER BY 1`,
      [projectId, attribute],
    );
  }

  /** Counted codings per code per value of one document attribute (non-zero cells only). */
  async codesByAttribute(
    scope: CodingScope,
    attribute: string,
  ): Promise<{ codeId: string; value: string; n: number }[]> {
    const { where, params } = visible(scope);
    const name = params.length + 1;
    return this.dataSource.query(
      `SELECT c.code_id AS "codeId", d.attributes->>$${name} AS value, count(*)::int AS n
         FROM codings c JOIN documents d ON d.id = c.document_id
        WHERE ${where} AND d.attributes ? $${name}
        GROUP BY 1, 2`,
      [...params, attribute],
    );
  }

  /** Each document of a project that has the attribute, with its value. */
  async attributeOfDocuments(projectId: string, attribute: string): Promise<{ id: string; value: string }[]> {
    return this.dataSource.query(
      `SELECT id, attributes->>$2 AS value FROM documents WHERE project_id = $1 AND attributes ? $2`,
      [projectId, attribute],
    );
  }

  /** A project's documents in title order (the columns of the document matrix). */
  async documentTitles(projectId: string): Promise<{ id: string; title: string }[]> {
    return this.dataSource.query('SELECT id, title FROM documents WHERE project_id = $1 ORDER BY title, created_at', [
      projectId,
    ]);
  }

  /** Counted codings per code per document (non-zero cells only). */
  async codesByDocument(scope: CodingScope): Promise<{ codeId: string; documentId: string; n: number }[]> {
    const { where, params } = visible(scope);
    return this.dataSource.query(
      `SELECT c.code_id AS "codeId", c.document_id AS "documentId", count(*)::int AS n FROM codings c WHERE ${where} GROUP BY 1, 2`,
      params,
    );
  }
}
