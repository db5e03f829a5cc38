import { Injectable } from '@nestjs/common';
import type { WordFrequency } from '@tolk/contracts';
import { CodesRepository } from '../codebook/codes.repository.js';
import { DocumentsRepository } from '../documents/documents.repository.js';
import { DocumentsService } from '../documents/documents.service.js';
import type { Actor } from '../platform/actor.js';
import { invalid } from '../platform/domain-error.js';
import { isUuid } from '../platform/parse-id.pipe.js';
import { AnalysisQueries } from './analysis.queries.js';
import { AnalysisService } from './analysis.service.js';
import { parseCoderSelection } from './coder-selection.js';
import { subCodeTable } from './coding-query.js';
import { normalise, type Range } from './query-ranges.js';
import { searchLanguageOf } from './search-language.js';
import { SearchQueries } from './search.queries.js';
import { countForms, groupByLemma, wordsOf } from './word-frequency.js';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/**
 * Word frequencies (docs/api.md, «Word frequencies»): over whole transcripts,
 * or over the text the counted codings cover when `codeId` or `coder` is
 * given (with blind coding on, a non-owner's own codings only). Words are
 * grouped by the stem PostgreSQL's search configuration of the project gives
 * them; a word either the Norwegian or the English configuration treats as a
 * stop word is left out.
 */
@Injectable()
export class WordFrequencyService {
  constructor(
    private readonly analysis: AnalysisService,
    private readonly queries: AnalysisQueries,
    private readonly search: SearchQueries,
    private readonly codes: CodesRepository,
    private readonly documents: DocumentsRepository,
    private readonly texts: DocumentsService,
  ) {}

  async words(
    actor: Actor,
    projectId: string,
    raw: { limit?: unknown; coder?: unknown; codeId?: unknown },
  ): Promise<WordFrequency[]> {
    const limit = parseLimit(raw.limit);
    const { coders } = parseCoderSelection(raw.coder, undefined);
    if (raw.codeId !== undefined && !isUuid(raw.codeId))
      throw invalid('invalid_filter', 'codeId must be an id', { field: 'codeId' });
    const codeId = raw.codeId?.toLowerCase();
    const { access, scope } = await this.analysis.prepare(actor, projectId, { coders, merge: false });
    const id = access.project.id;
    let documents: { documentId: string; words: string[] }[];
    if (codeId !== undefined || coders.length > 0) {
      const table = subCodeTable(await this.codes.active(id));
      const codeIds = codeId === undefined ? [...table.keys()] : table.get(codeId);
      if (!codeIds)
        throw invalid('code_not_in_project', 'codeId is not an active code of this project', { field: 'codeId' });
      const rows = await this.queries.rangesOfCodes(scope, codeIds, { attributes: {} });
      const ranges = new Map<string, Range[]>();
      for (const row of rows) ranges.set(row.documentId, [...(ranges.get(row.documentId) ?? []), row]);
      const texts = await this.texts.textsOf([...ranges.keys()]);
      documents = [...texts].map(([documentId, text]) => ({
        documentId,
        words: wordsOf(text, normalise(ranges.get(documentId) ?? [])),
      }));
    } else {
      const texts = await this.texts.textsOf(await this.documents.idsOf(id));
      documents = [...texts].map(([documentId, text]) => ({ documentId, words: wordsOf(text) }));
    }
    const forms = countForms(documents);
    const list = [...forms.keys()];
    const language = searchLanguageOf(access.project.settings);
    const [norwegian, english] = await Promise.all([
      this.search.stems('norwegian', list),
      this.search.stems('english', list),
    ]);
    const stems = language === 'norwegian' ? norwegian : english;
    const stop = new Set([...norwegian, ...english].filter((s) => s.lexemes.length === 0).map((s) => s.word));
    const lemmas = new Map(stems.filter((s) => !stop.has(s.word)).map((s) => [s.word, s.lexemes[0]]));
    return groupByLemma(forms, (form) => lemmas.get(form), limit);
  }
}

function parseLimit(value: unknown): number {
  if (value === undefined) return DEFAULT_LIMIT;
  if (typeof value !== 'string' || !/^\d+$/u.test(value) || Number(value) < 1 || Number(value) > MAX_LIMIT)
    throw invalid('invalid_filter', `limit must be a whole number from 1 to ${MAX_LIMIT}`, {
      field: 'limit',
      max: MAX_LIMIT,
    });
  return Number(value);
}
