import { Injectable } from '@nestjs/common';
import { type CodingQueryRequest, type CodingQueryResult, lineSpan, textLines } from '@tolk/contracts';
import { CodesRepository } from '../codebook/codes.repository.js';
import { DocumentsService } from '../documents/documents.service.js';
import type { Actor } from '../platform/actor.js';
import { AnalysisQueries } from './analysis.queries.js';
import { AnalysisService } from './analysis.service.js';
import { codingQueryRequest, type ParsedCodingQuery, parseCodingQuery, subCodeTable } from './coding-query.js';
import { codesOf, contextOf, evaluate, type Range } from './query-ranges.js';

/**
 * Coding queries (docs/api.md, «Coding queries»): the body is validated,
 * the codings of the codes it names are read in one statement (only those
 * the caller may count: with blind coding on, a coder's own), and the
 * expression is evaluated per document by the pure range algebra of
 * `query-ranges.ts`. Results come in title order, then by position.
 */
@Injectable()
export class CodingQueryService {
  constructor(
    private readonly analysis: AnalysisService,
    private readonly queries: AnalysisQueries,
    private readonly codes: CodesRepository,
    private readonly documents: DocumentsService,
  ) {}

  /**
   * A body checked against the project's codebook, as a saved query keeps
   * it (`attr.NAME` keys folded into `attributes`); the same refusals as `run`.
   */
  async validate(projectId: string, body: unknown): Promise<CodingQueryRequest> {
    const query = await this.parse(projectId, body);
    return codingQueryRequest(body as Record<string, unknown>, query);
  }

  private async parse(projectId: string, body: unknown): Promise<ParsedCodingQuery> {
    const table = subCodeTable(await this.codes.active(projectId));
    return parseCodingQuery(body, (id) => table.get(id));
  }

  async run(actor: Actor, projectId: string, body: unknown): Promise<CodingQueryResult[]> {
    const { access } = await this.analysis.prepare(actor, projectId);
    const query = await this.parse(access.project.id, body);
    const { scope } = await this.analysis.prepare(actor, access.project.id, { coders: query.coders, merge: false });
    const rows = await this.queries.rangesOfCodes(scope, [...codesOf(query.expression)], query);
    // Per document, per code: the ranges its codings cover.
    const byDocument = new Map<string, Map<string, Range[]>>();
    for (const row of rows) {
      let codes = byDocument.get(row.documentId);
      if (!codes) byDocument.set(row.documentId, (codes = new Map<string, Range[]>()));
      const list = codes.get(row.codeId);
      if (list) list.push({ start: row.start, end: row.end });
      else codes.set(row.codeId, [{ start: row.start, end: row.end }]);
    }
    if (byDocument.size === 0) return [];
    const [texts, titles] = await Promise.all([
      this.documents.textsOf([...byDocument.keys()]),
      this.queries.documentTitles(access.project.id),
    ]);
    const results: CodingQueryResult[] = [];
    for (const { id: documentId, title } of titles) {
      const codes = byDocument.get(documentId);
      const text = texts.get(documentId);
      if (!codes || text === undefined) continue;
      const lines = textLines(text);
      for (const range of evaluate(query.expression, { rangesOf: (id) => codes.get(id) ?? [], lines })) {
        const context = contextOf(text, lines, range, query.context);
        results.push({
          documentId,
          documentTitle: title,
          start: range.start,
          end: range.end,
          quote: text.slice(range.start, range.end),
          context: context.text,
          contextStart: context.start,
          ...lineSpan(lines, range.start, range.end),
        });
      }
    }
    return results;
  }
}
