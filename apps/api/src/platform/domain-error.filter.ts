import { type ArgumentsHost, Catch, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { ApiError, ErrorReason } from '@tolk/contracts';
import type { Response } from 'express';
import { isDatabaseUnavailable } from './database-unavailable.js';
import { DomainError, InvalidInput } from './domain-error.js';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

/**
 * The reason of an error Nest or a library raises without one: a route that
 * does not exist (404), a multer upload over its size limit (413), a part
 * count over its limit (400). Our own code throws `DomainError`s instead.
 */
const REASON_OF_STATUS: Partial<Record<number, ErrorReason>> = {
  400: 'invalid_input',
  401: 'unauthenticated',
  404: 'not_found',
  413: 'file_too_large',
  415: 'unsupported_media_type',
};

/** What body-parser raises (http-errors objects; `type` says which; SyntaxError for bad JSON). */
const BODY_PARSER_REASONS: Record<string, ErrorReason> = {
  'entity.parse.failed': 'invalid_json',
  'entity.too.large': 'body_too_large',
  'charset.unsupported': 'unsupported_media_type',
  'encoding.unsupported': 'unsupported_media_type',
};

/**
 * Every HTTP error answer leaves through here, in the NestJS shape
 * `{statusCode, error, message}` plus `reason` (and `params`, repeated in
 * `details` for older clients): a `DomainError` with its own reason, an
 * unreachable database as 503 `database_unavailable`, Nest's and the body
 * parser's errors with the reason of their status. Anything else is a 500,
 * logged by Nest's own handling.
 */
@Catch()
export class DomainErrorFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('Database');

  override catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') {
      super.catch(error, host);
      return;
    }
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof DomainError) {
      const params = error.params as Record<string, unknown> | undefined;
      const seconds = params?.seconds;
      if ((error.status === 429 || error.status === 503) && typeof seconds === 'number')
        response.setHeader('Retry-After', String(seconds));
      const message = error instanceof InvalidInput ? error.messages : error.message;
      send(response, error.status, message, error.reason, params);
    } else if (isDatabaseUnavailable(error)) {
      this.logger.warn(`Request refused, the database is unreachable: ${String((error as Error).message ?? error)}`);
      response.setHeader('Retry-After', '5');
      send(response, 503, 'The database is unreachable; try again in a moment', 'database_unavailable', {
        seconds: 5,
      });
    } else if (error instanceof HttpException && bodyParserReason(error.cause)) {
      // Nest wraps the body parser's errors (bad JSON, too large) in an HttpException with the original as cause.
      send(response, error.getStatus(), error.message, bodyParserReason(error.cause)!);
    } else if (error instanceof HttpException && REASON_OF_STATUS[error.getStatus()]) {
      const status = error.getStatus();
      const body = error.getResponse();
      const message = typeof body === 'object' && body !== null && 'message' in body ? body.message : body;
      const reason = REASON_OF_STATUS[status]!;
      send(
        response,
        status,
        message as string | string[],
        reason,
        reason === 'invalid_input' ? { fields: [] } : undefined,
      );
    } else {
      super.catch(error, host);
    }
  }
}

function bodyParserReason(error: unknown): ErrorReason | undefined {
  const { type } = (error ?? {}) as { type?: unknown };
  return typeof type === 'string' ? BODY_PARSER_REASONS[type] : undefined;
}

function send(
  response: Response,
  statusCode: number,
  message: string | string[],
  reason: ErrorReason,
  params?: Record<string, unknown>,
): void {
  const body: ApiError = {
    statusCode,
    error: STATUS_TEXT[statusCode] ?? HttpStatus[statusCode] ?? 'Error',
    message,
    reason,
    ...(params ? { params } : {}),
    details: { reason, ...params },
  };
  response.status(statusCode).json(body);
}
