import { Injectable } from '@nestjs/common';
import {
  type CodeAttributeMatrix,
  type CodeDocumentMatrix,
  type CodeFrequency,
  type Cooccurrence,
  lineSpan,
  type Segment,
  seesOnlyOwnCodings,
} from '@tolk/contracts';
import { CodesRepository } from '../codebook/codes.repository.js';
import { DocumentsRepository } from '../documents/documents.repository.js';
import { DocumentsService } from '../documents/documents.service.js';
import { CodingsService } from '../codings/codings.service.js';
import type { Actor } from '../platform/actor.js';
import { invalid } from '../platform/domain-error.js';
import { type ProjectAccess, ProjectAccessService } from '../projects/project-access.service.js';
import { AnalysisQueries, type CodingScope } from './analysis.queries.js';
import { countCooccurrences } from './cooccurrence.js';
import type { SegmentFilter } from './segment-filter.js';
import { searchLanguageOf } from './search-language.js';

/**
 * Retrieval and counts over a project's current codings, each answered by
 * one or two SQL statements (or one sweep over the rows one statement
 * returns), never a query per coding or per document. With blind coding
 * on, a coder's figures come from their own codings only, by the same rule
 * the codings routes use (`seesOnlyOwnCodings` in `@tolk/contracts`).
 */
@Injectable()
export class AnalysisService {
  constructor(
    private readonly queries: AnalysisQueries,
    private readonly codes: CodesRepository,
    private readonly documents: DocumentsRepository,
    private readonly access: ProjectAccessService,
    private readonly codings: CodingsService,
    private readonly documentsService: DocumentsService,
  ) {}

  async segments(actor: Actor, projectId: string, filter: SegmentFilter): Promise<Segment[]> {
    const { access, scope } = await this.prepare(actor, projectId);
    const rows = await this.queries.segments(scope, filter, searchLanguageOf(access.project.settings));
    const lines = await this.documentsService.linesOf(rows.map((r) => r.documentId));
    return rows.map((row) => ({ ...row, ...lineSpan(lines.get(row.documentId) ?? [], row.start, row.end) }));
  }

  /** Every active code in codebook order, with zeros for unused ones. */
  async frequencies(actor: Actor, projectId: string): Promise<CodeFrequency[]> {
    const { scope } = await this.prepare(actor, projectId);
    return this.queries.frequencies(scope);
  }

  async cooccurrence(actor: Actor, projectId: string): Promise<Cooccurrence> {
    const { scope } = await this.prepare(actor, projectId);
    const [codeIds, codings] = await Promise.all([this.codes.activeIds(projectId), this.queries.codedRanges(scope)]);
    return countCooccurrences(codeIds, codings);
  }

  /** Codings per code per value of one document attribute; documents without it are left out. */
  async attributeMatrix(actor: Actor, projectId: string, attribute: string | undefined): Promise<CodeAttributeMatrix> {
    if (typeof attribute !== 'string' || !attribute.trim())
      throw invalid('attribute_required', 'attribute must name a document attribute, e.g. ?attribute=utdanning');
    const { scope } = await this.prepare(actor, projectId);
    const [codeIds, values, cells] = await Promise.all([
      this.codes.activeIds(projectId),
      this.queries.attributeValues(projectId, attribute),
      this.queries.codesByAttribute(scope, attribute),
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
    const { scope } = await this.prepare(actor, projectId);
    const [codeIds, documents, cells] = await Promise.all([
      this.codes.activeIds(projectId),
      this.queries.documentTitles(projectId),
      this.queries.codesByDocument(scope),
    ]);
    const counts = crossTable(
      codeIds,
      documents.map((d) => d.id),
      cells.map((c) => ({ row: c.codeId, column: c.documentId, n: c.n })),
    );
    return { codeIds, documentIds: documents.map((d) => d.id), titles: documents.map((d) => d.title), counts };
  }

  /**
   * Access check, fresh offsets, and which codings the caller may count:
   * with blind coding on, a coder's own only (`seesOnlyOwnCodings`).
   */
  private async prepare(actor: Actor, projectId: string): Promise<{ access: ProjectAccess; scope: CodingScope }> {
    const access = await this.access.require(actor, projectId, 'read');
    // Offsets lag a live edit by a moment: bring them up to date first.
    await this.codings.refreshPending(await this.documents.idsOf(access.project.id));
    const scope = {
      projectId: access.project.id,
      onlyBy: seesOnlyOwnCodings(access.role, access.project.settings) ? actor.userId : undefined,
    };
    return { access, scope };
  }
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
    if (i !== undefined && j !== undefined) table[i][j] = cell.n;
  }
  return table;
}
