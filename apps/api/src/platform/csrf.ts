import type { ApiError } from '@tolk/contracts';
import type { NextFunction, Request, Response } from 'express';
import { REFRESH_COOKIE } from '../auth/refresh-cookie.js';
import { readCookie } from './cookies.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF: the refresh cookie is the one credential a browser sends by itself
 * (to `/api/auth`), so a state-changing request that carries it must come
 * from this site's own pages. SameSite=Strict already keeps it off other
 * sites' requests; this is the second lock, for older browsers and for a
 * sibling subdomain (same-site but not same-origin): `Sec-Fetch-Site` must
 * not say cross-site or same-site, and an `Origin` must be this host.
 * Requests without the cookie authenticate with a bearer token a page must
 * add itself, which no other site can do.
 */
export function refuseCrossSiteCookies(request: Request, response: Response, next: NextFunction): void {
  if (SAFE.has(request.method) || readCookie(request.headers.cookie, REFRESH_COOKIE) === undefined) return next();
  if (isCrossSite(request)) {
    response.status(403).json({
      statusCode: 403,
      error: 'Forbidden',
      message: 'Cross-site request refused (CSRF): send it from Tolk’s own pages',
      reason: 'cross_site_request',
      details: { reason: 'cross_site_request' },
    } satisfies ApiError);
    return;
  }
  next();
}

export function isCrossSite(request: { headers: Request['headers'] }): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return true;
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    // `Origin: null` (sandboxed frames, some redirects) is never ours.
    return true;
  }
}
