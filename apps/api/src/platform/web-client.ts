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

/** Headers for every response, api included. */
export function baseSecurityHeaders(_request: Request, response: Response, next: NextFunction): void {
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('X-Frame-Options', 'DENY');
  next();
}
