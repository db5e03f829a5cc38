import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { ERROR_REASONS, isErrorReason } from '@tolk/contracts';

/**
 * Watches every answer an api server sends and notes each 4xx (and 503) whose
 * body lacks a `reason` from the catalogue in `libs/contracts/src/errors.ts`,
 * or carries one catalogued for another status. `startTestApp` fails the spec
 * file on close when any was sent, so every integration test checks this for
 * the errors it provokes.
 */
export function watchErrorReasons(server: Server): () => string[] {
  const problems: string[] = [];
  server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
    const path = request.url ?? '';
    if (!path.startsWith('/api/') && !path.startsWith('/metrics')) return;
    // The health check answers its own document, `{status, db}`, also as a 503 (the contract's
    // Operations section); load balancers read the status. It is not an error answer.
    if (path === '/api/health') return;
    // A HEAD answer has no body by HTTP (a tus upload's HEAD): its status is all there is.
    if (request.method === 'HEAD') return;
    const chunks: Buffer[] = [];
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (!needsReason(response.statusCode) || chunk === undefined || chunk === null || typeof chunk === 'function')
        return;
      chunks.push(
        typeof chunk === 'string'
          ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
          : Buffer.from(chunk as Uint8Array),
      );
    };
    const write = response.write.bind(response) as (...args: unknown[]) => boolean;
    const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
    response.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as ServerResponse['write'];
    response.end = ((chunk?: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      if (needsReason(response.statusCode)) {
        const problem = check(response.statusCode, Buffer.concat(chunks).toString('utf8'));
        if (problem) problems.push(`${request.method} ${path} → ${response.statusCode}: ${problem}`);
      }
      return end(chunk, ...rest);
    }) as ServerResponse['end'];
  });
  return () => problems;
}

const needsReason = (status: number) => (status >= 400 && status < 500) || status === 503;

function check(status: number, text: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `not JSON: ${text.slice(0, 120)}`;
  }
  const { reason, details } = (body ?? {}) as { reason?: unknown; details?: { reason?: unknown } };
  if (!isErrorReason(reason)) return `no catalogued reason in ${text.slice(0, 200)}`;
  if (ERROR_REASONS[reason] !== status) return `reason ${reason} is catalogued for ${ERROR_REASONS[reason]}`;
  if (details?.reason !== reason) return `details.reason differs from reason in ${text.slice(0, 200)}`;
  return undefined;
}
