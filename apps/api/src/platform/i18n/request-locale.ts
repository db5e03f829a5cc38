import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type Locale, pickLocale } from '@tolk/contracts';
import type { Request } from 'express';
import { invalid } from '../domain-error.js';

/**
 * The language to write in for this request (docs/api.md, «Exports and REFI-QDA exchange»):
 * `?locale=en|nb`, else the first of en/nb in Accept-Language, else en. Any
 * other `locale` is a 400 `invalid_locale`.
 */
export function localeOf(request: Pick<Request, 'query' | 'headers'>): Locale {
  const explicit = request.query.locale;
  const locale = pickLocale(explicit, request.headers['accept-language']);
  if (!locale) throw invalid('invalid_locale', 'locale must be en or nb');
  return locale;
}

/** `@RequestLocale() locale: Locale` in a controller method. */
export const RequestLocale = createParamDecorator((_: unknown, context: ExecutionContext): Locale =>
  localeOf(context.switchToHttp().getRequest<Request>()),
);
