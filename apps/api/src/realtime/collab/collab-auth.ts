import type { IncomingMessage } from 'node:http';
import { REFRESH_COOKIE } from '../../auth/refresh-cookie.js';
import { readCookie } from '../../platform/cookies.js';
import { memoKey } from '../../documents/live-key.js';
import { isUuid } from '../../platform/parse-id.pipe.js';

/** Where a `/collab` upgrade request points and what credential it carries. */
export interface CollabRequest {
  /** A transcript's id, or `memo:<memo id>` (live-key.ts). */
  documentId: string | undefined;
  token: { value: string; kind: 'access' | 'refresh' } | undefined;
  /** False when a cookie credential came from another site's page. */
  sameOrigin: boolean;
}

const PATH = /^\/collab\/([^/?#]+)\/?$/;

export function isCollabPath(url: string | undefined): boolean {
  return (url ?? '').startsWith('/collab/');
}

/**
 * Reads the document id and the credential: the `token` query parameter
 * (an access token; what the stock client sends through `params`), or else
 * the refresh cookie the browser holds. Browsers send cookies on cross-site
 * WebSocket requests too, so a cookie counts only when the `Origin` is this
 * server's own (cross-site WebSocket hijacking).
 */
export function parseCollabRequest(request: IncomingMessage): CollabRequest {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const match = PATH.exec(url.pathname);
  const rawId = match ? decodeURIComponent(match[1]) : undefined;
  const rawMemoId = rawId?.startsWith('memo:') ? rawId.slice('memo:'.length) : undefined;
  const documentId = isUuid(rawId)
    ? rawId.toLowerCase()
    : isUuid(rawMemoId)
      ? memoKey(rawMemoId.toLowerCase())
      : undefined;

  const queryToken = url.searchParams.get('token');
  if (queryToken) return { documentId, token: { value: queryToken, kind: 'access' }, sameOrigin: true };

  const cookie = readCookie(request.headers.cookie, REFRESH_COOKIE);
  if (!cookie) return { documentId, token: undefined, sameOrigin: true };
  return { documentId, token: { value: cookie, kind: 'refresh' }, sameOrigin: isSameOrigin(request) };
}

function isSameOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  const host = request.headers.host;
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
