/**
 * What went wrong, in the domain's words. Services throw these; one filter
 * (`DomainErrorFilter`) maps the code to an HTTP status, and the socket
 * layers will map them to their own error and close codes.
 */
export type DomainErrorCode =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'unsupported_media_type'
  | 'rate_limited';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Seconds until a rate-limited caller may try again. */
    readonly retryAfterSeconds?: number,
    /** Machine-readable facts for clients (`reason` plus figures), sent as `details`. */
    readonly details?: { reason: string } & Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const unauthenticated = (message: string) => new DomainError('unauthenticated', message);
export const notFound = (what: string) => new DomainError('not_found', `${what} not found`);
export const forbidden = (message: string) => new DomainError('forbidden', message);
export const conflict = (message: string, details?: DomainError['details']) =>
  new DomainError('conflict', message, undefined, details);
export const invalid = (message: string) => new DomainError('invalid', message);
