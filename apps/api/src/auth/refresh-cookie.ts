import type { CookieOptions, Request, Response } from 'express';
import { REFRESH_TOKEN_SECONDS } from './tokens.service.js';

const NAME = 'tolk_refresh';

/**
 * The refresh token lives in an httpOnly cookie scoped to `/api/auth`, so
 * page scripts never see it and no other route receives it. SameSite=Strict
 * keeps other sites from using it; it only ever yields a token in a response
 * body, which a cross-origin page cannot read.
 */
function options(request: Request): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure: request.secure, path: '/api/auth' };
}

export function setRefreshCookie(request: Request, response: Response, token: string): void {
  response.cookie(NAME, token, { ...options(request), maxAge: REFRESH_TOKEN_SECONDS * 1000 });
}

export function clearRefreshCookie(request: Request, response: Response): void {
  response.clearCookie(NAME, options(request));
}

export function readRefreshCookie(request: Request): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === NAME) return decodeURIComponent(value.join('='));
  }
  return undefined;
}
