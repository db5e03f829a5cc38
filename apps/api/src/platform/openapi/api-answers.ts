import { ApiResponse, type OpenAPIObject } from '@nestjs/swagger';
import { ANALYSIS_SCHEMAS } from './schemas-analysis.js';
import { CORE_SCHEMAS } from './schemas-core.js';
import { RECORDING_SCHEMAS } from './schemas-recordings.js';
import { TOGETHER_SCHEMAS } from './schemas-together.js';
import { list, ref, type Schema } from './wire-schema.js';

/** Every wire type the OpenAPI document names, by its name in `libs/contracts`. */
export const WIRE_SCHEMAS = { ...CORE_SCHEMAS, ...ANALYSIS_SCHEMAS, ...TOGETHER_SCHEMAS, ...RECORDING_SCHEMAS };
export type WireName = keyof typeof WIRE_SCHEMAS;

/** One wire type, or `[name]` for a list of them. */
type Body = WireName | [WireName];
const schemaOf = (body: Body): Schema => (Array.isArray(body) ? list(ref(body[0])) : ref(body));
const binary = { type: 'string', format: 'binary' } as const;

/**
 * The success answer of a route, one line per route:
 * `@ApiAnswer.ok('Coding', 'the coding as it is now')`, `@ApiAnswer.created(['Code'], …)`,
 * `@ApiAnswer.noContent('deleted')`, `@ApiAnswer.file('text/csv', …)`.
 * Error answers need nothing here: `withWireSchemas` gives every operation the
 * one error shape (`ApiError`).
 */
export const ApiAnswer = {
  ok: (body: Body, description: string) => ApiResponse({ status: 200, description, schema: schemaOf(body) }),
  created: (body: Body, description: string) => ApiResponse({ status: 201, description, schema: schemaOf(body) }),
  noContent: (description: string) => ApiResponse({ status: 204, description }),
  /** Taken in, with nothing to say (an invitation: whether the address has an account stays unsaid). */
  accepted: (description: string) => ApiResponse({ status: 202, description }),
  file: (mediaType: string, description: string) =>
    ApiResponse({ status: 200, description, content: { [mediaType]: { schema: binary } } }),
  redirect: (description: string) => ApiResponse({ status: 302, description }),
  /** For routes that exist only to refuse (snapshots are immutable). */
  refused: (description: string) =>
    ApiResponse({ status: 405, description, content: { 'application/json': { schema: ref('ApiError') } } }),
};

const ERROR_ANSWER = {
  description:
    'An error, in one shape for every status: 400 invalid input, 401 not signed in, 403 role, 404 missing or not a member, ' +
    '409 conflict, 413 too large, 415 unsupported file, 429 rate limited (Retry-After), 503 database unreachable (Retry-After). ' +
    'See docs/api.md, "Errors".',
  content: { 'application/json': { schema: ref('ApiError') } },
};

/**
 * Adds the wire types to the document's components and the error answer to
 * every operation, so no controller can forget either.
 */
export function withWireSchemas(document: OpenAPIObject): OpenAPIObject {
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...WIRE_SCHEMAS },
  };
  for (const operations of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = operations[method];
      if (operation) operation.responses = { ...operation.responses, default: ERROR_ANSWER };
    }
  }
  return document;
}
