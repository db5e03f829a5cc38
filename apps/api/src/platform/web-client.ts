import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Paths the api owns; everything else is the web client's. */
const SERVER_PATHS = /^\/(api|socket\.io|collab|metrics)(\/|$)/;

/**
 * Serves the built Angular client at `/` from the same port, with client-side
 * routes (`/projects/…`) answered by `index.html`. Returns false when the
 * client has not been built.
 */
export function serveWebClient(app: Express, webRoot: string): boolean {
  const index = join(webRoot, 'index.html');
  if (!existsSync(index)) return false;
  app.use(securityHeaders);
  // Hashed bundles are immutable; index.html must always be fresh.
  app.use(express.static(webRoot, { index: false, maxAge: '1y', immutable: true }));
  app.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || SERVER_PATHS.test(request.path)) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
  return true;
}

function securityHeaders(request: Request, response: Response, next: NextFunction): void {
  if (!SERVER_PATHS.test(request.path)) {
    response.setHeader(
      'Content-Security-Policy',
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
    );
  }
  next();
}

/** The api's JSON answers: nothing in them may load or run anything, or be kept by a cache. */
const API_DATA = /^\/api\/(?!docs(\/|-json|$))/;
/** The OpenAPI page (Swagger UI) and its assets. */
const API_DOCS = /^\/api\/docs(\/|$)/;

/** Headers for every response, api included (what helmet would set, and what it would not for an api). */
export function baseSecurityHeaders(request: Request, response: Response, next: NextFunction): void {
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  response.setHeader('Origin-Agent-Cluster', '?1');
  response.setHeader('X-DNS-Prefetch-Control', 'off');
  response.setHeader('X-Permitted-Cross-Domain-Policies', 'none');
  response.setHeader(
    'Permissions-Policy',
    'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  );
  // Only meaningful over HTTPS (behind a proxy: with TOLK_TRUST_PROXY set).
  if (request.secure) response.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  if (API_DOCS.test(request.path)) {
    // Swagger UI: its own scripts and styles only, talking to this server only.
    response.setHeader(
      'Content-Security-Policy',
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
  }
  if (API_DATA.test(request.path)) {
    response.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    // Transcripts and audit entries are personal data: no shared or browser cache keeps them.
    response.setHeader('Cache-Control', 'no-store');
  }
  next();
}
