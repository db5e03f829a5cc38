import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CodeAllHitsResult,
  CodeAttributeMatrix,
  CodeDocumentMatrix,
  CodeFrequency,
  CodingQueryRequest,
  CodingQueryResult,
  Cooccurrence,
  SavedQuery,
  SaveQueryRequest,
  SearchResult,
  Segment,
  UndoCodeAllResult,
  WordFrequency,
} from '@tolk/contracts';
import { firstValueFrom } from 'rxjs';
import { downloadFile, snapshotParams } from '../core/http/download';
import type { CoderParams } from './coder-choice';

/** Filters of the retrieval view, as the segments route takes them. */
export interface SegmentQuery {
  codeId?: string;
  documentId?: string;
  q?: string;
  /** One attribute and its value, e.g. utdanning = vernepleier. */
  attribute?: { name: string; value: string };
  limit?: number;
  offset?: number;
}

export type ExportFile = 'segments.csv' | 'segments.xlsx' | 'report.docx';

/** The quote report's formats and theme orders (docs/api.md, the report routes). */
export type ReportFormat = 'docx' | 'odt' | 'md';
export type ReportOrder = 'codebook' | 'chosen' | 'name' | 'quotes';

/** The quote report's options; no `codeIds` means the whole codebook. */
export interface ReportOptions {
  codeIds: readonly string[];
  order: ReportOrder;
  definitions: boolean;
  memos: boolean;
  snapshotId?: string;
}

/** Analysis, search and exports of a project (docs/api.md, "Analysis and search" and "Exports and REFI-QDA exchange"). */
@Injectable({ providedIn: 'root' })
export class AnalysisApi {
  private readonly http = inject(HttpClient);

  segments(projectId: string, query: SegmentQuery, coders: CoderParams = {}): Promise<Segment[]> {
    let params = withCoders(new HttpParams(), coders);
    for (const key of ['codeId', 'documentId', 'q'] as const) {
      const value = query[key];
      if (value) params = params.set(key, value);
    }
    if (query.attribute?.name && query.attribute.value)
      params = params.set(`attr.${query.attribute.name}`, query.attribute.value);
    if (query.limit) params = params.set('limit', query.limit);
    if (query.offset) params = params.set('offset', query.offset);
    return firstValueFrom(this.http.get<Segment[]>(`${base(projectId)}/segments`, { params }));
  }

  frequencies(projectId: string, coders: CoderParams = {}): Promise<CodeFrequency[]> {
    const params = withCoders(new HttpParams(), coders);
    return firstValueFrom(this.http.get<CodeFrequency[]>(`${base(projectId)}/analysis/frequencies`, { params }));
  }

  cooccurrence(projectId: string, coders: CoderParams = {}): Promise<Cooccurrence> {
    const params = withCoders(new HttpParams(), coders);
    return firstValueFrom(this.http.get<Cooccurrence>(`${base(projectId)}/analysis/cooccurrence`, { params }));
  }

  matrix(projectId: string, attribute: string, coders: CoderParams = {}): Promise<CodeAttributeMatrix> {
    const params = withCoders(new HttpParams().set('attribute', attribute), coders);
    return firstValueFrom(this.http.get<CodeAttributeMatrix>(`${base(projectId)}/analysis/matrix`, { params }));
  }

  documentMatrix(projectId: string, coders: CoderParams = {}): Promise<CodeDocumentMatrix> {
    const params = withCoders(new HttpParams(), coders);
    return firstValueFrom(this.http.get<CodeDocumentMatrix>(`${base(projectId)}/analysis/document-matrix`, { params }));
  }

  /** The most frequent words (lemmas), over whole transcripts or, with a code or people, over their coded text. */
  words(
    projectId: string,
    query: { limit: number; codeId?: string; coder?: readonly string[] },
  ): Promise<WordFrequency[]> {
    let params = new HttpParams().set('limit', query.limit);
    if (query.codeId) params = params.set('codeId', query.codeId);
    for (const id of query.coder ?? []) params = params.append('coder', id);
    return firstValueFrom(this.http.get<WordFrequency[]>(`${base(projectId)}/analysis/words`, { params }));
  }

  search(projectId: string, q: string): Promise<SearchResult> {
    return firstValueFrom(this.http.get<SearchResult>(`${base(projectId)}/search`, { params: { q } }));
  }

  codeAll(projectId: string, q: string, codeId: string): Promise<CodeAllHitsResult> {
    return firstValueFrom(this.http.post<CodeAllHitsResult>(`${base(projectId)}/search/code-all`, { q, codeId }));
  }

  undoCodeAll(projectId: string, batchId: string): Promise<UndoCodeAllResult> {
    return firstValueFrom(this.http.delete<UndoCodeAllResult>(`${base(projectId)}/search/code-all/${enc(batchId)}`));
  }

  /** A coding query run once (docs/api.md, «Coding queries»). */
  query(projectId: string, request: CodingQueryRequest): Promise<CodingQueryResult[]> {
    return firstValueFrom(this.http.post<CodingQueryResult[]>(`${base(projectId)}/analysis/query`, request));
  }

  savedQueries(projectId: string): Promise<SavedQuery[]> {
    return firstValueFrom(this.http.get<SavedQuery[]>(`${base(projectId)}/analysis/queries`));
  }

  saveQuery(projectId: string, request: SaveQueryRequest): Promise<SavedQuery> {
    return firstValueFrom(this.http.post<SavedQuery>(`${base(projectId)}/analysis/queries`, request));
  }

  updateQuery(projectId: string, queryId: string, change: Partial<SaveQueryRequest>): Promise<SavedQuery> {
    return firstValueFrom(this.http.patch<SavedQuery>(`${base(projectId)}/analysis/queries/${enc(queryId)}`, change));
  }

  async deleteQuery(projectId: string, queryId: string): Promise<void> {
    await firstValueFrom(this.http.delete(`${base(projectId)}/analysis/queries/${enc(queryId)}`));
  }

  /** A saved query's results now; `coder` instead of its own (the page's «Kodet av»). */
  savedQueryResults(projectId: string, queryId: string, coder: string[] = []): Promise<CodingQueryResult[]> {
    const params = withCoders(new HttpParams(), { coder });
    return firstValueFrom(
      this.http.get<CodingQueryResult[]>(`${base(projectId)}/analysis/queries/${enc(queryId)}/results`, { params }),
    );
  }

  /** An export as a file: the project now, or as a snapshot froze it; only the chosen coders' codings. */
  download(
    projectId: string,
    file: ExportFile,
    lang: string,
    snapshotId?: string,
    coders: CoderParams = {},
  ): Promise<void> {
    const params: Record<string, string | string[]> = { locale: lang, ...snapshotParams(snapshotId) };
    if (coders.coder?.length) params['coder'] = coders.coder;
    if (coders.merge) params['merge'] = 'union';
    return downloadFile(this.http, `${base(projectId)}/export/${file}`, params, file);
  }

  /** The quote report with its options, in the reader's language; only the chosen coders' codings (their union). */
  downloadReport(
    projectId: string,
    format: ReportFormat,
    options: ReportOptions,
    lang: string,
    coders: CoderParams = {},
  ): Promise<void> {
    const params: Record<string, string | string[]> = {
      locale: lang,
      order: options.order,
      definitions: String(options.definitions),
      memos: String(options.memos),
      ...snapshotParams(options.snapshotId),
    };
    if (options.codeIds.length > 0) params['codeId'] = [...options.codeIds];
    if (coders.coder?.length) params['coder'] = coders.coder;
    return downloadFile(this.http, `${base(projectId)}/export/report.${format}`, params, `report.${format}`);
  }
}

/** `coder` (repeated) and `merge=union` as the analysis routes take them. */
function withCoders(params: HttpParams, coders: CoderParams): HttpParams {
  let out = params;
  for (const id of coders.coder ?? []) out = out.append('coder', id);
  return coders.merge ? out.set('merge', 'union') : out;
}

// Ids come from the URL bar; never let one smuggle a path segment in.
const enc = encodeURIComponent;
const base = (projectId: string) => `/api/projects/${enc(projectId)}`;
