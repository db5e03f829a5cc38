import { invalid } from '../platform/domain-error.js';
import { isUuid } from '../platform/parse-id.pipe.js';

/** The filters of the project's comment list (`GET /api/projects/:projectId/comments`). */
export interface ThreadFilter {
  status?: 'open' | 'resolved';
  mentionsMe: boolean;
  author?: string;
  documentId?: string;
}

const KEYS = ['status', 'mentions', 'author', 'documentId'];

/** 400 `invalid_filter` naming the parameter that is unknown, repeated or wrong. */
export function parseThreadFilter(query: Record<string, unknown>): ThreadFilter {
  const one = (key: string): string | undefined => {
    const value = query[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw invalid('invalid_filter', `${key} may be given once`, { field: key });
    return value;
  };
  for (const key of Object.keys(query))
    if (!KEYS.includes(key)) throw invalid('invalid_filter', `unknown filter ${key}`, { field: key });
  const status = one('status');
  if (status !== undefined && status !== 'open' && status !== 'resolved')
    throw invalid('invalid_filter', 'status must be open or resolved', { field: 'status' });
  const mentions = one('mentions');
  if (mentions !== undefined && mentions !== 'me')
    throw invalid('invalid_filter', 'mentions can only be me', { field: 'mentions' });
  const author = one('author');
  if (author !== undefined && !isUuid(author))
    throw invalid('invalid_filter', 'author must be a user id', { field: 'author' });
  const documentId = one('documentId');
  if (documentId !== undefined && !isUuid(documentId))
    throw invalid('invalid_filter', 'documentId must be an id', { field: 'documentId' });
  return {
    status,
    mentionsMe: mentions === 'me',
    author: author?.toLowerCase(),
    documentId: documentId?.toLowerCase(),
  };
}
