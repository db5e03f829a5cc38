import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { invalid } from '../../platform/domain-error.js';
import { isUuid } from '../../platform/parse-id.pipe.js';

export const REPORT_ORDERS = ['codebook', 'chosen', 'name', 'quotes'] as const;

/** What the quote report includes and in which order (docs/api.md, «Quote report»). */
export interface ReportOptions {
  /** The themes: these codes, each with its sub-codes; undefined: the whole codebook. */
  codeIds?: string[];
  /** Themes (and sub-codes among siblings) in codebook order, the order asked for, by name, or most quoted first. */
  order: (typeof REPORT_ORDERS)[number];
  /** Each code's definition under its heading (default on). */
  definitions: boolean;
  /** Each code's memos under its heading (default off). */
  memos: boolean;
}

export const MAX_REPORT_CODES = 500;

/** Reads the report's query parameters; anything unexpected is a 400 naming the parameter. */
export function parseReportOptions(raw: {
  codeId?: unknown;
  order?: unknown;
  definitions?: unknown;
  memos?: unknown;
}): ReportOptions {
  const values = raw.codeId === undefined ? [] : Array.isArray(raw.codeId) ? (raw.codeId as unknown[]) : [raw.codeId];
  const codeIds: string[] = [];
  for (const value of values) {
    if (typeof value !== 'string') throw invalid('invalid_filter', 'codeId must be a code id', { field: 'codeId' });
    for (const part of value.split(',')) {
      const id = part.trim().toLowerCase();
      if (!isUuid(id)) throw invalid('invalid_filter', 'codeId must be a code id', { field: 'codeId' });
      if (!codeIds.includes(id)) codeIds.push(id);
    }
  }
  if (codeIds.length > MAX_REPORT_CODES)
    throw invalid('invalid_filter', `codeId may name at most ${MAX_REPORT_CODES} codes`, {
      field: 'codeId',
      max: MAX_REPORT_CODES,
    });
  const order = raw.order ?? 'codebook';
  if (typeof order !== 'string' || !(REPORT_ORDERS as readonly string[]).includes(order))
    throw invalid('invalid_filter', `order must be one of ${REPORT_ORDERS.join(', ')}`, { field: 'order' });
  return {
    codeIds: values.length > 0 ? codeIds : undefined,
    order: order as ReportOptions['order'],
    definitions: flag(raw.definitions, 'definitions', true),
    memos: flag(raw.memos, 'memos', false),
  };
}

function flag(value: unknown, field: string, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw invalid('invalid_filter', `${field} must be true or false`, { field });
}

/** The report's own query parameters in the OpenAPI document. */
export function ReportQueries(): MethodDecorator {
  return applyDecorators(
    ApiQuery({
      name: 'coder',
      required: false,
      isArray: true,
      type: String,
      description: "only these people's codings (the report always quotes their union: no passage twice)",
    }),
    ApiQuery({
      name: 'codeId',
      required: false,
      isArray: true,
      type: String,
      description: 'the themes: these codes, each with its sub-codes (repeatable; default: the whole codebook)',
    }),
    ApiQuery({
      name: 'order',
      required: false,
      enum: [...REPORT_ORDERS],
      description: 'codebook order (default), the order of `codeId`, by name, or most quoted first',
    }),
    ApiQuery({
      name: 'definitions',
      required: false,
      enum: ['true', 'false'],
      description: "each code's definition (default true)",
    }),
    ApiQuery({
      name: 'memos',
      required: false,
      enum: ['true', 'false'],
      description: "each code's memos (default false)",
    }),
  );
}
