import { HttpErrorResponse } from '@angular/common/http';
import type { ApiError } from '@tolk/contracts';

/** HTTP status of a failed call; 0 when the server could not be reached. */
export function errorStatus(err: unknown): number {
  return err instanceof HttpErrorResponse ? err.status : 0;
}

/**
 * The server's own explanation, one entry per line. NestJS sends a string for
 * most errors and a list (one per failing field) for validation errors.
 */
export function serverMessages(err: unknown): string[] {
  if (!(err instanceof HttpErrorResponse)) return [];
  const body = err.error as Partial<ApiError> | null;
  if (!body || typeof body !== 'object') return [];
  const message = body.message;
  if (Array.isArray(message)) return message.filter((m): m is string => typeof m === 'string');
  return typeof message === 'string' && message ? [message] : [];
}
