import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  CodeAttributeMatrix,
  CodeDocumentMatrix,
  CodeFrequency,
  Cooccurrence,
  SearchLanguage,
  Segment,
} from '@tolk/contracts';
import { DataSource } from 'typeorm';
import { CodingsService, seesOnlyOwnCodings } from '../codings/codings.service.js';
import type { Actor } from '../platform/actor.js';
import { invalid } from '../platform/domain-error.js';
import { type ProjectAccess, ProjectAccessService } from '../projects/project-access.service.js';
import { countCooccurrences, type CodedRange } from './cooccurrence.js';
import type { SegmentFilter } from './segment-filter.js';
import { searchLanguageOf } from './search-language.js';

const QUOTE_SEARCH_CONFIG: Record<SearchLanguage, string> = {
  norwegian: `'norwegian'::regconfig`,
  english: `'english'::regconfig`,
};

/** The codings analysis counts: current, pointing at text, and (blind coding) visible to the caller. */
interface Visible {
  /** SQL condition on codings aliased `c`. */
  where: string;
  params: unknown[];
}

/**
 * Retrieval and counts over a project's current codings, each answered by
 * one or two SQL statements (or one sweep over the rows one statement
 * returns), never a query per coding or per document. With blind coding
 * on, a coder's figures come from their own codings only, by the same rule
 * the codings routes use (`seesOnlyOwnCodings`).
 */
@Injectable()
export class AnalysisService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ProjectAccessService,
    private readonly codings: CodingsService,
  ) {}

  async segments(actor: Actor, projectId: string, filter: SegmentFilter): Promise<Segment[]> {
    const { access, visible } = await this.prepare(actor, projectId);
    const params = [...visible.params];
    const param = (value: unknown) => `$${params.push(value)}`;
    const conditions = [visible.where];
    let codes = '';
    if (filter.codeId) {
      codes = `WITH RECURSIVE selected AS (
                 SELECT id FROM codes WHERE id = ${param(filter.codeId)} AND project_id = $1 AND retired_at IS NULL
                 UNION SELECT k.id FROM codes k JOIN selected s ON k.parent_id = s.id WHERE k.retired_at IS NULL)`;
      conditions.push('c.code_id IN (SELECT id FROM selected)');
    }
    if (filter.documentId) conditions.push(`c.document_id = ${param(filter.documentId)}`);
    if (filter.coder) conditions.push(`c.created_by = ${param(filter.coder)}`);
    if (Object.keys(filter.attributes).length > 0)
      conditions.push(`d.attributes @> ${param(JSON.stringify(filter.attributes))}::jsonb`);
    if (filter.q) {
      // The configuration is written into the statement (from a fixed list) so the expression index on quotes applies.
      const language = QUOTE_SEARCH_CONFIG[searchLanguageOf(access.project.settings)];
      conditions.push(`to_tsvector(${language}, c.quote) @@ websearch_to_tsquery(${language}, ${param(filter.q)})`);
    }
    const page = `${filter.limit ? `LIMIT ${param(filter.limit)}` : ''} OFFSET ${param(filter.offset)}`;
    const rows: (Omit<Segment, 'start' | 'end'> & { start: number; end: number })[] = await this.dataSource.query(
      `${codes}
       SELECT c.id AS "codingId", c.document_id AS "documentId", d.title AS "documentTitle", d.attributes,
              c.code_id AS "codeId", c.start, c."end", c.quote, c.created_by AS "createdBy", u.name AS "createdByName"
         FROM codings c JOIN documents d ON d.id = c.document_id LEFT JOIN users u ON u.id = c.created_by
        WHERE ${conditions.join(' AND ')}
        ORDER BY d.title, d.created_at, c.start, c."end", c.created_at, c.id
        ${page}`,
      params,
    );
    return rows;
  }

  /** Every active code in codebook order, with zeros for unused ones. */
  async frequencies(actor: Actor, projectId: string): Promise<CodeFrequency[]> {
    const { visible } = await this.prepare(actor, projectId);
    const rows: CodeFrequency[] = await this.dataSource.query(
      `WITH per_document AS (
         SELECT c.code_id, c.document_id, count(*) AS n, range_agg(int4range(c.start, c."end")) AS covered
           FROM codings c WHERE ${visible.where} GROUP BY c.code_id, c.document_id
       )
       SELECT k.id AS "codeId", coalesce(sum(p.n), 0)::int AS codings, count(p.document_id)::int AS documents,
              coalesce(sum((SELECT sum(upper(r) - lower(r)) FROM unnest(p.covered) AS r)), 0)::int AS characters
         FROM codes k LEFT JOIN per_document p ON p.code_id = k.id
        WHERE k.project_id = $1 AND k.retired_at IS NULL
        GROUP BY k.id, k.created_at, k.name
        ORDER BY k.created_at, k.name`,
      visible.params,
    );
    return rows;
  }

  async cooccurrence(actor: Actor, projectId: string): Promise<Cooccurrence> {
    const { visible } = await this.prepare(actor, projectId);
    const [codeIds, codings] = await Promise.all([
      this.activeCodeIds(projectId),
      this.dataSource.query<CodedRange[]>(
        `SELECT c.document_id AS "documentId", c.code_id AS "codeId", c.start, c."end"
           FROM codings c WHERE ${visible.where} ORDER BY c.document_id, c.start`,
        visible.params,
      ),
    ]);
    return countCooccurrences(codeIds, codings);
  }

  /** Codings per code per value of one document attribute; documents without it are left out. */
  async attributeMatrix(actor: Actor, projectId: string, attribute: string | undefined): Promise<CodeAttributeMatrix> {
    if (typeof attribute !== 'string' || !attribute.trim())
      throw invalid('attribute_required', 'attribute must name a document attribute, e.g. ?attribute=utdanning');
    const { visible } = await this.prepare(actor, projectId);
    const name = visible.params.length + 1;
    const [codeIds, values, cells] = await Promise.all([
      this.activeCodeIds(projectId),
      this.dataSource.query<{ value: string; documents: number }[]>(
        `SELECT attributes->>$2 AS value, count(*)::int AS documents FROM documents
          WHERE project_id = $1 AND attributes ? $2 GROUP BY 1 ORDER BY 1`,
        [projectId, attribute],
      ),
      this.dataSource.query<{ codeId: string; value: string; n: number }[]>(
        `SELECT c.code_id AS "codeId", d.attributes->>$${name} AS value, count(*)::int AS n
           FROM codings c JOIN documents d ON d.id = c.document_id
          WHERE ${visible.where} AND d.attributes ? $${name}
          GROUP BY 1, 2`,
        [...visible.params, attribute],
      ),
    ]);
    const counts = crossTable(
      codeIds,
      values.map((v) => v.value),
      cells.map((c) => ({ row: c.codeId, column: c.value, n: c.n })),
    );
    return {
      attribute,
      codeIds,
      values: values.map((v) => v.value),
      counts,
      documents: values.map((v) => v.documents),
    };
  }

  /** Codings per code per document, every document of the project (title order) a column. */
  async documentMatrix(actor: Actor, projectId: string): Promise<CodeDocumentMatrix> {
    const { visible } = await this.prepare(actor, projectId);
    const [codeIds, documents, cells] = await Promise.all([
      this.activeCodeIds(projectId),
      this.dataSource.query<{ id: string; title: string }[]>(
        'SELECT id, title FROM documents WHERE project_id = $1 ORDER BY title, created_at',
        [projectId],
      ),
      this.dataSource.query<{ codeId: string; documentId: string; n: number }[]>(
        `SELECT c.code_id AS "codeId", c.document_id AS "documentId", count(*)::int AS n FROM codings c WHERE ${visible.where} GROUP BY 1, 2`,
        visible.params,
      ),
    ]);
    const counts = crossTable(
      codeIds,
      documents.map((d) => d.id),
      cells.map((c) => ({ row: c.codeId, column: c.documentId, n: c.n })),
    );
    return { codeIds, documentIds: documents.map((d) => d.id), titles: documents.map((d) => d.title), counts };
  }

  /** Access check, fresh offsets, and the condition that picks the codings the caller may count. */
  private async prepare(actor: Actor, projectId: string): Promise<{ access: ProjectAccess; visible: Visible }> {
    const access = await this.access.require(actor, projectId, 'read');
    const documents: { id: string }[] = await this.dataSource.query('SELECT id FROM documents WHERE project_id = $1', [
      access.project.id,
    ]);
    // Offsets lag a live edit by a moment: bring them up to date first.
    await this.codings.refreshPending(documents.map((d) => d.id));
    return { access, visible: visibleCodings(access, actor) };
  }

  private async activeCodeIds(projectId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      'SELECT id FROM codes WHERE project_id = $1 AND retired_at IS NULL ORDER BY created_at, name',
      [projectId],
    );
    return rows.map((r) => r.id);
  }
}

/** Current codings that point at text; with blind coding on, only the caller's own (project id is `$1`). */
export function visibleCodings(access: ProjectAccess, actor: Actor): Visible {
  const where = 'c.project_id = $1 AND c.deleted_at IS NULL AND NOT c.text_deleted AND c.start < c."end"';
  return seesOnlyOwnCodings(access)
    ? { where: `${where} AND c.created_by = $2`, params: [access.project.id, actor.userId] }
    : { where, params: [access.project.id] };
}

/** A rows × columns table of counts from the non-zero cells; cells outside the rows or columns are dropped. */
function crossTable(
  rows: readonly string[],
  columns: readonly string[],
  cells: readonly { row: string; column: string; n: number }[],
): number[][] {
  const rowIndex = new Map(rows.map((id, i) => [id, i]));
  const columnIndex = new Map(columns.map((id, j) => [id, j]));
  const table = rows.map(() => columns.map(() => 0));
  for (const cell of cells) {
    const i = rowIndex.get(cell.row);
    const j = columnIndex.get(cell.column);
    if (i !== undefined && j !== undefined) table[i]![j] = cell.n;
  }
  return table;
}
