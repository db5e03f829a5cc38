import { Injectable } from '@nestjs/common';
import {
  type CodeAttributeMatrix,
  type CodeDocumentMatrix,
  type CodeFrequency,
  type Cooccurrence,
  lineSpan,
  timeAt,
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
import { type CoderSelection, EVERYONE } from './coder-selection.js';
import { countCooccurrences } from './cooccurrence.js';
import { mergePassages, type Passage } from './passages.js';
import type { SegmentFilter } from './segment-filter.js';
import { type ListedSegment, segmentsJson } from './segment-json.js';
import { searchLanguageOf } from './search-language.js';

/**
 * Retrieval and counts over a project's current codings, each answered by
 * one or two SQL statements (or one sweep over the rows one statement
 * returns), never a query per coding or per document. With blind coding
 * on, a coder's figures come from their own codings only, by the same rule
 * the codings routes use (`seesOnlyOwnCodings` in `@tolk/contracts`).
 * Every view takes a `CoderSelection`: whose codings, and whether the union
 * per code is counted (then through `mergePassages`, so a passage coded by
 * two people counts once in every view).
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

  /**
   * The segments that match `filter`, as the JSON text of a `Segment[]`
   * (the list can be 10,000 segments, 8 MiB: written by `segmentsJson`, not
   * built as objects and stringified). With `merge`, one segment per passage
   * of the union, in reading order; it takes its id, code and creator from
   * its first coding, and the page is cut from the passages.
   */
  async segmentsJson(actor: Actor, projectId: string, filter: SegmentFilter): Promise<string> {
    const { access, scope } = await this.prepare(actor, projectId, filter);
    const language = searchLanguageOf(access.project.settings);
    let segments: ListedSegment[];
    if (filter.merge) {
      const codings = await this.queries.segmentRows(scope, { ...filter, limit: undefined, offset: 0 }, language);
      const order = new Map<string, number>();
      for (const c of codings) if (!order.has(c.documentId)) order.set(c.documentId, order.size);
      const passages = mergePassages(codings).sort(
        (a, b) => order.get(a.documentId)! - order.get(b.documentId)! || a.start - b.start || a.end - b.end,
      );
      const end = filter.limit === undefined ? undefined : filter.offset + filter.limit;
      segments = passages.slice(filter.offset, end).map((p) => ({
        ...p.codings[0],
        start: p.start,
        end: p.end,
        quote: p.quote,
        coderIds: p.coderIds,
      }));
    } else {
      segments = (await this.queries.segmentRows(scope, filter, language)).map((row) =>
        Object.assign(row, { coderIds: [row.createdBy] }),
      );
    }
    const documentIds = [...new Set(segments.map((s) => s.documentId))];
    const userIds = [...new Set(segments.flatMap((s) => s.coderIds))].filter((id): id is string => id !== null);
    const [documents, names, cite] = await Promise.all([
      this.queries.segmentDocuments(documentIds),
      this.queries.userNames(userIds),
      this.citer(documentIds),
    ]);
    return segmentsJson(segments, {
      documents: new Map(documents.map((d) => [d.id, d])),
      names: new Map(names.map((u) => [u.id, u.name])),
      cite,
    });
  }

  /**
   * The `"lineStart":…,"lineEnd":…,"ms":…` fields of segments in these
   * documents (JSON text), each document's lines and time marks read once.
   */
  private async citer(
    documentIds: readonly string[],
  ): Promise<(documentId: string, start: number, end: number) => string> {
    const cited = await this.documentsService.citationsOf(documentIds);
    return (documentId, start, end) => {
      const { lines, timestamps } = cited.get(documentId) ?? { lines: [], timestamps: [] };
      const { lineStart, lineEnd } = lineSpan(lines, start, end);
      return `"lineStart":${lineStart},"lineEnd":${lineEnd},"ms":${timeAt(timestamps, start)}`;
    };
  }

  /**
   * Every active code in codebook order, with zeros for unused ones. With
   * `merge`, `codings` counts passages of the union; `characters` is the
   * covered text either way.
   */
  async frequencies(actor: Actor, projectId: string, selection: CoderSelection = EVERYONE): Promise<CodeFrequency[]> {
    const { scope } = await this.prepare(actor, projectId, selection);
    if (!selection.merge) return this.queries.frequencies(scope);
    const [codeIds, passages] = await Promise.all([this.codes.activeIds(projectId), this.passages(scope)]);
    const counts = new Map(
      codeIds.map((codeId) => [codeId, { codings: 0, documents: new Set<string>(), characters: 0 }]),
    );
    for (const p of passages) {
      const count = counts.get(p.codeId);
      if (!count) continue;
      count.codings += 1;
      count.documents.add(p.documentId);
      count.characters += p.end - p.start;
    }
    return codeIds.map((codeId) => {
      const count = counts.get(codeId)!;
      return { codeId, codings: count.codings, documents: count.documents.size, characters: count.characters };
    });
  }

  async cooccurrence(actor: Actor, projectId: string, selection: CoderSelection = EVERYONE): Promise<Cooccurrence> {
    const { scope } = await this.prepare(actor, projectId, selection);
    const [codeIds, codings] = await Promise.all([
      this.codes.activeIds(projectId),
      selection.merge
        ? this.passages(scope).then((passages) =>
            [...passages].sort((a, b) => a.documentId.localeCompare(b.documentId) || a.start - b.start),
          )
        : this.queries.codedRanges(scope),
    ]);
    return countCooccurrences(codeIds, codings);
  }

  /** Codings per code per value of one document attribute; documents without it are left out. */
  async attributeMatrix(
    actor: Actor,
    projectId: string,
    attribute: string | undefined,
    selection: CoderSelection = EVERYONE,
  ): Promise<CodeAttributeMatrix> {
    if (typeof attribute !== 'string' || !attribute.trim())
      throw invalid('attribute_required', 'attribute must name a document attribute, e.g. ?attribute=utdanning');
    const { scope } = await this.prepare(actor, projectId, selection);
    const [codeIds, values, cells] = await Promise.all([
      this.codes.activeIds(projectId),
      this.queries.attributeValues(projectId, attribute),
      selection.merge ? this.passagesByAttribute(scope, attribute) : this.queries.codesByAttribute(scope, attribute),
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
  async documentMatrix(
    actor: Actor,
    projectId: string,
    selection: CoderSelection = EVERYONE,
  ): Promise<CodeDocumentMatrix> {
    const { scope } = await this.prepare(actor, projectId, selection);
    const [codeIds, documents, cells] = await Promise.all([
      this.codes.activeIds(projectId),
      this.queries.documentTitles(projectId),
      selection.merge
        ? this.passages(scope).then((passages) =>
            tally(passages, (p) => [p.codeId, p.documentId]).map(([codeId, documentId, n]) => ({
              codeId,
              documentId,
              n,
            })),
          )
        : this.queries.codesByDocument(scope),
    ]);
    const counts = crossTable(
      codeIds,
      documents.map((d) => d.id),
      cells.map((c) => ({ row: c.codeId, column: c.documentId, n: c.n })),
    );
    return { codeIds, documentIds: documents.map((d) => d.id), titles: documents.map((d) => d.title), counts };
  }

  /** The union per code of the codings in scope (`mergePassages`). */
  private async passages(scope: CodingScope): Promise<Passage<CodedSpanRow>[]> {
    return mergePassages(await this.queries.codedRanges(scope));
  }

  /** Passages per code per value of one document attribute (non-zero cells only). */
  private async passagesByAttribute(
    scope: CodingScope,
    attribute: string,
  ): Promise<{ codeId: string; value: string; n: number }[]> {
    const [passages, documents] = await Promise.all([
      this.passages(scope),
      this.queries.attributeOfDocuments(scope.projectId, attribute),
    ]);
    const valueOf = new Map(documents.map((d) => [d.id, d.value]));
    return tally(
      passages.filter((p) => valueOf.has(p.documentId)),
      (p) => [p.codeId, valueOf.get(p.documentId)!],
    ).map(([codeId, value, n]) => ({ codeId, value, n }));
  }

  /**
   * Access check, fresh offsets, and which codings the caller may count:
   * the selected coders' (everyone's when none is named) and, with blind
   * coding on, a coder's own only (`seesOnlyOwnCodings`): a blind coder who
   * asks for another person's codings gets none. Every analysis route (the
   * coding query too) goes through here.
   */
  async prepare(
    actor: Actor,
    projectId: string,
    selection: CoderSelection = EVERYONE,
  ): Promise<{ access: ProjectAccess; scope: CodingScope }> {
    const access = await this.access.require(actor, projectId, 'read');
    // Offsets lag a live edit by a moment: bring them up to date first.
    await this.codings.refreshPending(await this.documents.idsOf(access.project.id));
    const scope = {
      projectId: access.project.id,
      onlyBy: seesOnlyOwnCodings(access.role, access.project.settings) ? actor.userId : undefined,
      coders: selection.coders,
    };
    return { access, scope };
  }
}

type CodedSpanRow = Awaited<ReturnType<AnalysisQueries['codedRanges']>>[number];

/** How many items fall in each (row, column) cell, non-zero cells only. */
function tally<T>(items: readonly T[], cell: (item: T) => [string, string]): [string, string, number][] {
  const counts = new Map<string, [string, string, number]>();
  for (const item of items) {
    const [row, column] = cell(item);
    const key = `${row}\u0000${column}`;
    const entry = counts.get(key);
    if (entry) entry[2] += 1;
    else counts.set(key, [row, column, 1]);
  }
  return [...counts.values()];
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
