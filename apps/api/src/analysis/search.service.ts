import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  CodeAllHitsResult,
  Coding,
  SearchDocumentResult,
  SearchLanguage,
  SearchResult,
  UndoCodeAllResult,
} from '@tolk/contracts';
import { DataSource } from 'typeorm';
import { CodebookService } from '../codebook/codebook.service.js';
import { CodingsService, seesOnlyOwnCodings } from '../codings/codings.service.js';
import { type Placement, SegmentAnchors } from '../documents/segment-anchors.service.js';
import { LiveDocuments } from '../realtime/collab/live-documents.service.js';
import type { Actor } from '../platform/actor.js';
import { forbidden, invalid, notFound } from '../platform/domain-error.js';
import { DomainEvents } from '../platform/domain-events.js';
import { isUuid } from '../platform/parse-id.pipe.js';
import { ProjectAccessService } from '../projects/project-access.service.js';
import { CodingBatchEntity } from './coding-batch.entity.js';
import { candidatePattern, candidateWords, findHits, positiveLexemes } from './search-hits.js';
import { searchLanguageOf } from './search-language.js';

const MAX_QUERY_CHARS = 500;
/** "Code all hits" codes at most this many passages at once. */
export const MAX_CODE_ALL_HITS = 2000;

/** The tsvector column of `document_search` per configuration (never from input). */
const INDEX_COLUMN: Record<SearchLanguage, string> = { norwegian: 's.norwegian', english: 's.english' };

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
    @InjectDataSource() private readonly dataSource: DataSource,
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
    if (!isUuid(body.codeId)) throw invalid('codeId must be the id of a code');
    const codeId = body.codeId.toLowerCase();
    const { project } = await this.access.require(actor, projectId, 'code');
    const found = await this.find(project.id, searchLanguageOf(project.settings), q);
    const total = found.reduce((n, d) => n + d.hits.length, 0);
    if (total > MAX_CODE_ALL_HITS) {
      throw invalid(`${total} hits are more than ${MAX_CODE_ALL_HITS} coded at once: narrow the search`);
    }
    const { batchId, created, skipped } = await this.dataSource.transaction(async (manager) => {
      const access = await this.access.require(actor, project.id, 'code', manager);
      const code = await this.codebook.activeCodeIn(manager, project.id, codeId, 'codeId');
      // Passages this code already covers exactly are not coded twice (among the codings the caller can see).
      const existing: { document_id: string; start: number; end: number }[] = await manager.query(
        `SELECT document_id, start, "end" FROM codings
          WHERE project_id = $1 AND code_id = $2 AND deleted_at IS NULL ${seesOnlyOwnCodings(access) ? 'AND created_by = $3' : ''}`,
        seesOnlyOwnCodings(access) ? [project.id, code.id, actor.userId] : [project.id, code.id],
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
          if (placement.quote === fresh[i]!.text) segments.push({ ...placement, documentId: document.documentId });
          else skipped += 1;
        });
      }
      const created = await this.codings.createInBulk(manager, actor, project.id, code.id, segments);
      const batch = await manager.save(
        manager.create(CodingBatchEntity, {
          projectId: project.id,
          codeId: code.id,
          query: q,
          codingIds: created.map((c) => c.id),
          createdBy: actor.userId,
        }),
      );
      return { batchId: batch.id, created, skipped };
    });
    this.announce('coding.created', project.id, created);
    return { batchId, created: created.length, skipped };
  }

  /** Deletes what a batch created (as deletion events); only who made it, or an owner, may. */
  async undo(actor: Actor, projectId: string, batchId: string): Promise<UndoCodeAllResult> {
    const { projectId: id, deleted } = await this.dataSource.transaction(async (manager) => {
      const access = await this.access.require(actor, projectId, 'code', manager);
      const batch = await manager.findOne(CodingBatchEntity, {
        where: { id: batchId, projectId: access.project.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!batch) throw notFound('Batch');
      // Batch ids are random and only ever shown to their maker, so this tells no one of others' codings.
      if (batch.createdBy !== actor.userId && access.role !== 'owner')
        throw forbidden('Only who coded the hits, or an owner, may undo them');
      const deleted = await this.codings.deleteInBulk(manager, actor, batch.codingIds);
      batch.undoneAt = new Date();
      await manager.save(batch);
      return { projectId: access.project.id, deleted };
    });
    this.announce('coding.deleted', id, deleted);
    return { batchId, deleted: deleted.length };
  }

  private announce(name: 'coding.created' | 'coding.deleted', projectId: string, codings: Coding[]): void {
    for (const coding of codings) this.events.emit(name, { projectId, coding });
  }

  private async find(projectId: string, language: SearchLanguage, q: string): Promise<SearchDocumentResult[]> {
    await this.saveLiveTexts(projectId);
    // Which documents match is PostgreSQL's answer (GIN index; phrases, "or" and "-word" included).
    const rows: { id: string; title: string; attributes: Record<string, string>; text: string; query: string }[] =
      await this.dataSource.query(
        `SELECT d.id, d.title, d.attributes, d.text, query::text AS query
         FROM documents d JOIN document_search s ON s.document_id = d.id,
              websearch_to_tsquery($2::regconfig, $3) AS query
        WHERE d.project_id = $1 AND ${INDEX_COLUMN[language]} @@ query
        ORDER BY d.title, d.created_at`,
        [projectId, language, q],
      );
    if (rows.length === 0) return [];
    // Where in them: every word whose stem is one the query looks for. Only words
    // that may have such a stem are stemmed, each once, by the same configuration
    // (ts_headline would parse every matching transcript again: several times slower).
    const pattern = candidatePattern(positiveLexemes(rows[0]!.query));
    if (!pattern) return [];
    const words = candidateWords(
      rows.map((r) => r.text),
      pattern,
    );
    const stems: { word: string; lexemes: string[] }[] = await this.dataSource.query(
      `SELECT word, tsvector_to_array(to_tsvector($1::regconfig, word)) AS lexemes FROM unnest($2::text[]) AS word`,
      [language, [...words]],
    );
    const wanted = positiveLexemes(rows[0]!.query);
    const matching = new Set(stems.filter((s) => s.lexemes.some((l) => wanted.has(l))).map((s) => s.word));
    return rows.flatMap((row) => {
      const hits = findHits(row.text, pattern, (word) => matching.has(word));
      return hits.length === 0 ? [] : [{ documentId: row.id, title: row.title, attributes: row.attributes, hits }];
    });
  }

  /** Texts open in a collab room may be ahead of `documents.text` by a moment: store them now. */
  private async saveLiveTexts(projectId: string): Promise<void> {
    const documents: { id: string }[] = await this.dataSource.query('SELECT id FROM documents WHERE project_id = $1', [
      projectId,
    ]);
    for (const { id } of documents) {
      await this.live.storeText(id);
    }
  }
}

function searchQuery(value: unknown): string {
  if (typeof value !== 'string' || !value.trim()) throw invalid('q must be the words to search for');
  if (value.length > MAX_QUERY_CHARS) throw invalid(`q must be at most ${MAX_QUERY_CHARS} characters`);
  return value.trim();
}
