import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { MetricsService } from '../metrics/metrics.service.js';

/** A request id from a trusted proxy is kept when it looks like one; anything else is replaced. */
const GIVEN_ID = /^[\w.:-]{1,64}$/;

export interface RequestWithId extends Request {
  id?: string;
}

const current = new AsyncLocalStorage<RequestWithId>();

/**
 * The HTTP request being handled, wherever in its async call chain this is
 * asked (a domain-event listener, say), or undefined outside one.
 */
export function currentRequest(): RequestWithId | undefined {
  return current.getStore();
}

/**
 * Gives every HTTP request an id (`X-Request-Id`, sent back): kept only
 * when the request came straight from a trusted proxy (`TOLK_TRUST_PROXY`),
 * since it goes into the audit log; otherwise made here. It counts responses for `/metrics`, and with JSON logs
 * writes one access line per request. The path is logged without its query
 * string, which may carry a token.
 */
export function requestContext(metrics: MetricsService, accessLog: boolean) {
  const logger = new Logger('HTTP');
  return (request: RequestWithId, response: Response, next: NextFunction): void => {
    const given = fromTrustedProxy(request) ? request.headers['x-request-id'] : undefined;
    const id = typeof given === 'string' && GIVEN_ID.test(given) ? given : randomUUID();
    request.id = id;
    response.setHeader('X-Request-Id', id);
    const started = performance.now();
    response.on('finish', () => {
      const status = response.statusCode;
      metrics.httpResponses.inc({ method: request.method, status: `${Math.floor(status / 100)}xx` });
      if (status >= 500) metrics.errors.inc({ kind: 'http_5xx' });
      if (accessLog) {
        logger.log({
          requestId: id,
          method: request.method,
          path: request.path,
          status,
          ms: Math.round((performance.now() - started) * 10) / 10,
        });
      }
    });
    current.run(request, next);
  };
}

/** Whether the peer that sent this request is a proxy Express trusts (`trust proxy`; none by default). */
function fromTrustedProxy(request: Request): boolean {
  const trust = request.app.get('trust proxy fn') as ((address: string, hop: number) => boolean) | undefined;
  const peer = request.socket.remoteAddress;
  return trust !== undefined && peer !== undefined && trust(peer, 0);
}
