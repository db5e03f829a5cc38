import type { CookieOptions, Request, Response } from 'express';
import { readCookie } from '../platform/cookies.js';
import { REFRESH_TOKEN_SECONDS } from './tokens.service.js';

export const REFRESH_COOKIE = 'tolk_refresh';
const NAME = REFRESH_COOKIE;
/** Readable by the page: says only that a session may exist (so it need not ask and get a 401). */
const HINT = 'tolk_session';

/**
 * The refresh token lives in an httpOnly cookie that page scripts never see,
 * sent only to `/api/auth` (to renew the access token) and `/collab` (the
 * live-text WebSocket, which checks the Origin when a cookie is used).
 * SameSite=Strict keeps other sites from using it.
 */
const PATHS = ['/api/auth', '/collab'];

function options(request: Request, path: string): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure: request.secure, path };
}

export function setRefreshCookie(request: Request, response: Response, token: string): void {
  const maxAge = REFRESH_TOKEN_SECONDS * 1000;
  for (const path of PATHS) response.cookie(NAME, token, { ...options(request, path), maxAge });
  response.cookie(HINT, '1', { ...options(request, '/'), httpOnly: false, maxAge });
}

export function clearRefreshCookie(request: Request, response: Response): void {
  for (const path of PATHS) response.clearCookie(NAME, options(request, path));
  response.clearCookie(HINT, { ...options(request, '/'), httpOnly: false });
}

export function readRefreshCookie(request: Request): string | undefined {
  return readCookie(request.headers.cookie, NAME);
}
