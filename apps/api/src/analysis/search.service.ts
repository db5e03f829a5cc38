import { Injectable } from '@nestjs/common';
import {
  type CodeAllHitsResult,
  type Coding,
  type SearchDocumentResult,
  type SearchLanguage,
  type SearchResult,
  seesOnlyOwnCodings,
  type UndoCodeAllResult,
} from '@tolk/contracts';
import { Transactions } from '../database/transactions.js';
import { CodebookService } from '../codebook/codebook.service.js';
import { CodingsService } from '../codings/codings.service.js';
import { DocumentsRepository } from '../documents/documents.repository.js';
import { type Placement, SegmentAnchors } from '../documents/segment-anchors.service.js';
import { LiveDocuments } from '../realtime/collab/live-documents.service.js';
import type { Actor } from '../platform/actor.js';
import { forbidden, invalid, notFound } from '../platform/domain-error.js';
import { DomainEvents } from '../platform/domain-events.js';
import { isUuid } from '../platform/parse-id.pipe.js';
import { ProjectAccessService } from '../projects/project-access.service.js';
import { CodingBatchesRepository } from './coding-batches.repository.js';
import { candidatePattern, candidateWords, findHits, positiveLexemes } from './search-hits.js';
import { searchLanguageOf } from './search-language.js';
import { SearchQueries } from './search.queries.js';

const MAX_QUERY_CHARS = 500;
/** "Code all hits" codes at most this many passages at once. */
export const MAX_CODE_ALL_HITS = 2000;

/**
 * Full-text search across a project's transcripts with PostgreSQL text
 * search in the project's language (stemming: `digitalisering` finds
 * `digitaliseringen`), and "code all hits" as one undoable batch.
 *
 * The search reads `documents.text` through the GIN-indexed tsvectors of
 * `document_search`; texts being edited live are saved first, so hits'
 * offsets are offsets into the text as it is now.
 */
@Injectable()
export class SearchService {
  constructor(
    private readonly transactions: Transactions,
    private readonly queries: SearchQueries,
    private readonly documents: DocumentsRepository,
    private readonly batches: CodingBatchesRepository,
    private readonly access: ProjectAccessService,
    private readonly codebook: CodebookService,
    private readonly codings: CodingsService,
    private readonly anchors: SegmentAnchors,
    private readonly live: LiveDocuments,
    private readonly events: DomainEvents,
  ) {}

  async search(actor: Actor, projectId: string, rawQuery: unknown): Promise<SearchResult> {
    const q = searchQuery(rawQuery);
    const { project } = await this.access.require(actor, projectId, 'read');
    const language = searchLanguageOf(project.settings);
    const documents = await this.find(project.id, language, q);
    return { q, language, documents, hits: documents.reduce((n, d) => n + d.hits.length, 0) };
  }

  async codeAll(actor: Actor, projectId: string, body: { q: unknown; codeId: unknown }): Promise<CodeAllHitsResult> {
    const q = searchQuery(body.q);
    if (!isUuid(body.codeId))
      throw invalid('code_not_in_project', 'codeId must be the id of a code', { field: 'codeId' });
    const codeId = body.codeId.toLowerCase();
    const { project } = await this.access.require(actor, projectId, 'code');
    const found = await this.find(project.id, searchLanguageOf(project.settings), q);
    const total = found.reduce((n, d) => n + d.hits.length, 0);
    if (total > MAX_CODE_ALL_HITS) {
      throw invalid(
        'too_many_hits',
        `${total} hits are more than ${MAX_CODE_ALL_HITS} coded at once: narrow the search`,
        {
          hits: total,
          max: MAX_CODE_ALL_HITS,
        },
      );
    }
    const { batchId, created, skipped } = await this.transactions.run(async (manager) => {
      const access = await this.access.require(actor, project.id, 'code', manager);
      const code = await this.codebook.activeCodeIn(manager, project.id, codeId, 'codeId');
      // Passages this code already covers exactly are not coded twice (among the codings the caller can see).
      const existing = await this.queries.existingCodings(
        project.id,
        code.id,
        seesOnlyOwnCodings(access.role, access.project.settings) ? actor.userId : undefined,
        manager,
      );
      const taken = new Set(existing.map((e) => `${e.document_id}:${e.start}:${e.end}`));
      const segments: (Placement & { documentId: string })[] = [];
      let skipped = 0;
      for (const document of found) {
        const fresh = document.hits.filter((h) => !taken.has(`${document.documentId}:${h.start}:${h.end}`));
        skipped += document.hits.length - fresh.length;
        if (fresh.length === 0) continue;
        const placements = await this.anchors.placeMany(document.documentId, fresh);
        placements.forEach((placement, i) => {
          // An edit since the search can shift a passage: code only what still reads as the hit.
          if (placement.quote === fresh[i].text) segments.push({ ...placement, documentId: document.documentId });
          else skipped += 1;
        });
      }
      const created = await this.codings.createInBulk(manager, actor, project.id, code.id, segments);
      const batch = await this.batches.insert(
        {
          projectId: project.id,
          codeId: code.id,
          query: q,
          codingIds: created.map((c) => c.id),
          createdBy: actor.userId,
        },
        manager,
      );
      return { batchId: batch.id, created, skipped };
    });
    this.announce('created', project.id, batchId, created);
    return { batchId, created: created.length, skipped };
  }

  /** Deletes what a batch created (as deletion events); only who made it, or an owner, may. */
  async undo(actor: Actor, projectId: string, batchId: string): Promise<UndoCodeAllResult> {
    const { projectId: id, deleted } = await this.transactions.run(async (manager) => {
      const access = await this.access.require(actor, projectId, 'code', manager);
      const batch = await this.batches.lockInProject(access.project.id, batchId, manager);
      if (!batch) throw notFound('Batch');
      // Batch ids are random and only ever shown to their maker, so this tells no one of others' codings.
      if (batch.createdBy !== actor.userId && !this.access.allows(access, 'undoOthersCodeAll'))
        throw forbidden('not_batch_author', 'Only who coded the hits, or an owner, may undo them');
      const deleted = await this.codings.deleteInBulk(manager, actor, batch.codingIds);
      await this.batches.markUndone(batch, manager);
      return { projectId: access.project.id, deleted };
    });
    this.announce('deleted', id, batchId, deleted);
    return { batchId, deleted: deleted.length };
  }

  /**
   * Each coding's own event (the audit log records each), then the batch as one
   * event: thousands of hits reach a client as one socket message, not thousands.
   */
  private announce(kind: 'created' | 'deleted', projectId: string, batchId: string, codings: Coding[]): void {
    for (const coding of codings) this.events.emit(`coding.${kind}`, { projectId, coding, batchId });
    this.events.emit('coding.batch', { projectId, batchId, kind, codings });
  }

  private async find(projectId: string, language: SearchLanguage, q: string): Promise<SearchDocumentResult[]> {
    await this.saveLiveTexts(projectId);
    // Which documents match is PostgreSQL's answer (GIN index; phrases, "or" and "-word" included).
    const rows = await this.queries.matchingDocuments(projectId, language, q);
    if (rows.length === 0) return [];
    // Where in them: every word whose stem is one the query looks for. Only words
    // that may have such a stem are stemmed, each once, by the same configuration
    // (ts_headline would parse every matching transcript again: several times slower).
    const pattern = candidatePattern(positiveLexemes(rows[0].query));
    if (!pattern) return [];
    const words = candidateWords(
      rows.map((r) => r.text),
      pattern,
    );
    const stems = await this.queries.stems(language, [...words]);
    const wanted = positiveLexemes(rows[0].query);
    const matching = new Set(stems.filter((s) => s.lexemes.some((l) => wanted.has(l))).map((s) => s.word));
    return rows.flatMap((row) => {
      const hits = findHits(row.text, pattern, (word) => matching.has(word));
      return hits.length === 0 ? [] : [{ documentId: row.id, title: row.title, attributes: row.attributes, hits }];
    });
  }

  /** Texts open in a collab room may be ahead of `documents.text` by a moment: store them now. */
  private async saveLiveTexts(projectId: string): Promise<void> {
    for (const id of await this.documents.idsOf(projectId)) {
      await this.live.storeText(id);
    }
  }
}

function searchQuery(value: unknown): string {
  if (typeof value !== 'string' || !value.trim())
    throw invalid('invalid_filter', 'q must be the words to search for', { field: 'q' });
  if (value.length > MAX_QUERY_CHARS)
    throw invalid('invalid_filter', `q must be at most ${MAX_QUERY_CHARS} characters`, {
      field: 'q',
      max: MAX_QUERY_CHARS,
    });
  return value.trim();
}
