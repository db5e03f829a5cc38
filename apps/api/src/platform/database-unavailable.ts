import { type ArgumentsHost, Catch, HttpStatus, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { ApiError } from '@tolk/contracts';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';

/** Socket-level failures of the connection to PostgreSQL. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** SQLSTATE classes and codes of a database that is going away or not there. */
const UNAVAILABLE_STATES = ['08', '57P01', '57P02', '57P03', '53300'];
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i;

/** True when the error says PostgreSQL cannot be reached now (as opposed to a query that is wrong). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const cause = error instanceof QueryFailedError ? error.driverError : error;
  const { code, message } = (cause ?? {}) as { code?: unknown; message?: unknown };
  if (
    typeof code === 'string' &&
    (NETWORK_CODES.has(code) || UNAVAILABLE_STATES.some((state) => code.startsWith(state)))
  )
    return true;
  return typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message);
}

/**
 * While PostgreSQL is unreachable a request cannot be served: answer 503
 * with a clear message (and Retry-After) instead of a bare 500. Everything
 * else goes on to Nest's default handling.
 */
@Catch()
export class DatabaseUnavailableFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('Database');

  override catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http' || !isDatabaseUnavailable(error)) {
      super.catch(error, host);
      return;
    }
    this.logger.warn(`Request refused, the database is unreachable: ${String((error as Error).message ?? error)}`);
    const body: ApiError = {
      statusCode: HttpStatus.SERVICE_UNAVAILABLE,
      error: 'Service Unavailable',
      message: 'The database is unreachable; try again in a moment',
    };
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(HttpStatus.SERVICE_UNAVAILABLE)
      .setHeader('Retry-After', '5')
      .json(body);
  }
}
