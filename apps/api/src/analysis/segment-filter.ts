import { invalid } from '../platform/domain-error.js';
import { isUuid } from '../platform/parse-id.pipe.js';
import { parseCoderSelection } from './coder-selection.js';

/** What retrieval is narrowed to; every part optional, all parts must hold. */
export interface SegmentFilter {
  /** This code and every code below it in the codebook tree. */
  codeId?: string;
  documentId?: string;
  /** Document attributes that must have these values, e.g. `{ utdanning: 'vernepleier' }`. */
  attributes: Record<string, string>;
  /** Only codings made by these users (everyone's the caller may see when empty). */
  coders: string[];
  /** One segment per passage of the union of codings of one code (`merge=union`), naming every coder. */
  merge: boolean;
  /** Full-text search in the coded passages (the project's search language). */
  q?: string;
  limit?: number;
  offset: number;
}

const MAX_LIMIT = 10_000;
const MAX_QUERY_CHARS = 500;

/**
 * Reads a segment filter from query parameters: `codeId`, `documentId`,
 * `coder` (repeatable), `merge`, `q`, `limit`, `offset` and any number of `attr.NAME=VALUE`.
 * Bad values are a 400 that names the parameter; unknown parameters are
 * refused too, so a misspelt filter never silently returns everything.
 */
export function parseSegmentFilter(query: Record<string, unknown>): SegmentFilter {
  const { coder, merge, ...rest } = query;
  const filter: SegmentFilter = { attributes: {}, offset: 0, ...parseCoderSelection(coder, merge) };
  for (const [key, raw] of Object.entries(rest)) {
    if (Array.isArray(raw)) throw invalid('invalid_filter', `${key} may be given once`, { field: key });
    if (typeof raw !== 'string') throw invalid('invalid_filter', `${key} must be a single value`, { field: key });
    if (key.startsWith('attr.')) {
      const name = key.slice('attr.'.length);
      if (!name) throw invalid('invalid_filter', 'attr.NAME needs an attribute name', { field: key });
      filter.attributes[name] = raw;
      continue;
    }
    switch (key) {
      case 'codeId':
      case 'documentId':
        if (!isUuid(raw)) throw invalid('invalid_filter', `${key} must be an id`, { field: key });
        filter[key] = raw.toLowerCase();
        break;
      case 'q':
        if (raw.length > MAX_QUERY_CHARS)
          throw invalid('invalid_filter', `q must be at most ${MAX_QUERY_CHARS} characters`, {
            field: 'q',
            max: MAX_QUERY_CHARS,
          });
        if (raw.trim()) filter.q = raw.trim();
        break;
      case 'limit':
      case 'offset': {
        const n = Number(raw);
        if (
          !/^\d+$/u.test(raw) ||
          n > (key === 'limit' ? MAX_LIMIT : Number.MAX_SAFE_INTEGER) ||
          (key === 'limit' && n < 1)
        ) {
          throw invalid(
            'invalid_filter',
            key === 'limit' ? `limit must be a whole number from 1 to ${MAX_LIMIT}` : 'offset must be a whole number',
            { field: key, ...(key === 'limit' ? { max: MAX_LIMIT } : {}) },
          );
        }
        filter[key] = n;
        break;
      }
      default:
        throw invalid(
          'invalid_filter',
          `unknown filter ${key}: use codeId, documentId, coder, merge, q, attr.NAME, limit or offset`,
          {
            field: key,
          },
        );
    }
  }
  return filter;
}
