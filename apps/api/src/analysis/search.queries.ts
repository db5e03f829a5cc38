import { Injectable } from '@nestjs/common';
import type { SearchLanguage } from '@tolk/contracts';
import { Repo, type Tx } from '../database/transactions.js';

/** The tsvector column of `document_search` per configuration (never from input). */
const INDEX_COLUMN: Record<SearchLanguage, string> = { norwegian: 's.norwegian', english: 's.english' };

/** A transcript that matches a search, with its text and the query as PostgreSQL parsed it. */
export interface MatchingDocument {
  id: string;
  title: string;
  attributes: Record<string, string>;
  text: string;
  /** The parsed tsquery as text (its lexemes are what to look for). */
  query: string;
}

/**
 * The SQL of full-text search: `documents` through the GIN-indexed
 * tsvectors of `document_search`, and PostgreSQL's own stemming of words.
 */
@Injectable()
export class SearchQueries extends Repo {
  /** A project's documents that match `q` in `language` (phrases, "or" and "-word" included), in title order. */
  matchingDocuments(projectId: string, language: SearchLanguage, q: string): Promise<MatchingDocument[]> {
    return this.dataSource.query(
      `SELECT d.id, d.title, d.attributes, d.text, query::text AS query
         FROM documents d JOIN document_search s ON s.document_id = d.id,
              websearch_to_tsquery($2::regconfig, $3) AS query
        WHERE d.project_id = $1 AND ${INDEX_COLUMN[language]} @@ query
        ORDER BY d.title, d.created_at`,
      [projectId, language, q],
    );
  }

  /** Each word with the lexemes `language` stems it to. */
  stems(language: SearchLanguage, words: readonly string[]): Promise<{ word: string; lexemes: string[] }[]> {
    return this.dataSource.query(
      `SELECT word, tsvector_to_array(to_tsvector($1::regconfig, word)) AS lexemes FROM unnest($2::text[]) AS word`,
      [language, words],
    );
  }

  /** Where a code is already applied in a project (by `createdBy` only, when given), inside the caller's transaction. */
  existingCodings(
    projectId: string,
    codeId: string,
    createdBy: string | undefined,
    tx: Tx,
  ): Promise<{ document_id: string; start: number; end: number }[]> {
    return tx.query(
      `SELECT document_id, start, "end" FROM codings
        WHERE project_id = $1 AND code_id = $2 AND deleted_at IS NULL ${createdBy ? 'AND created_by = $3' : ''}`,
      createdBy ? [projectId, codeId, createdBy] : [projectId, codeId],
    );
  }
}
