import {
  type CodingQueryRequest,
  MAX_QUERY_DEPTH,
  MAX_QUERY_DISTANCE,
  MAX_QUERY_LEAVES,
  QUERY_CONTEXTS,
  type QueryContext,
} from '@tolk/contracts';
import { invalid } from '../platform/domain-error.js';
import { isUuid } from '../platform/parse-id.pipe.js';
import { parseCoderSelection } from './coder-selection.js';
import type { QueryNode } from './query-ranges.js';

/** A coding query's body after validation. */
export interface ParsedCodingQuery {
  expression: QueryNode;
  coders: string[];
  documentId?: string;
  attributes: Record<string, string>;
  context: QueryContext;
}

const OPERATORS = ['codeId', 'code', 'and', 'or', 'not', 'near', 'followedBy'] as const;
const BODY_FIELDS = new Set(['expression', 'coder', 'documentId', 'attributes', 'context']);
/** A body key `attr.NAME` restricts to documents whose attribute NAME has that value. */
const ATTR = 'attr.';

function refuse(path: string, why: string): never {
  throw invalid('invalid_query', `${path}: ${why}`, { path });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a coding query's body (docs/api.md, «Coding queries»). Anything the
 * grammar does not allow is a 400 `invalid_query` whose `path` points at the
 * offending node (`expression.and[1].near`); a bad restriction is a 400
 * `invalid_filter` naming the field, as on the other analysis routes.
 * `subCodes` gives, for a code id, that code and its sub-codes, or
 * undefined when the project has no such active code (400 `code_not_in_project`).
 */
export function parseCodingQuery(body: unknown, subCodes: (codeId: string) => string[] | undefined): ParsedCodingQuery {
  if (!isObject(body)) refuse('body', 'must be an object with an expression');
  for (const key of Object.keys(body)) {
    if (!BODY_FIELDS.has(key) && !key.startsWith(ATTR))
      throw invalid(
        'invalid_filter',
        `unknown field ${key}: use expression, coder, documentId, attributes, attr.NAME or context`,
        {
          field: key,
        },
      );
  }
  let leaves = 0;
  const node = (value: unknown, path: string, depth: number, insideAnd: boolean): QueryNode | { not: QueryNode } => {
    if (depth > MAX_QUERY_DEPTH) refuse(path, `nested deeper than ${MAX_QUERY_DEPTH}`);
    if (!isObject(value)) refuse(path, 'must be an object with one operator');
    const keys = Object.keys(value);
    const operators = keys.filter((k) => (OPERATORS as readonly string[]).includes(k));
    if (operators.length !== 1) refuse(path, `must have exactly one of ${OPERATORS.join(', ')}`);
    const op = operators[0] as (typeof OPERATORS)[number];
    const allowed = op === 'near' || op === 'followedBy' ? [op, 'within'] : [op];
    const extra = keys.find((k) => !allowed.includes(k));
    if (extra !== undefined) refuse(`${path}.${extra}`, `is not allowed beside ${op}`);
    const here = `${path}.${op}`;
    const operand = value[op];
    switch (op) {
      case 'codeId':
      case 'code': {
        leaves += 1;
        if (leaves > MAX_QUERY_LEAVES) refuse(here, `a query may name at most ${MAX_QUERY_LEAVES} codes`);
        if (!isUuid(operand)) refuse(here, 'must be the id of a code');
        const codeIds = subCodes(operand.toLowerCase());
        if (!codeIds)
          throw invalid('code_not_in_project', `${here} does not name an active code of this project`, {
            field: here,
          });
        return { op: 'codes', codeIds };
      }
      case 'and':
      case 'or': {
        if (!Array.isArray(operand) || operand.length === 0) refuse(here, 'must be a non-empty list');
        const parts = operand.map((o, i) => node(o, `${here}[${i}]`, depth + 1, op === 'and'));
        const include = parts.filter((p): p is QueryNode => !('not' in p));
        if (op === 'or') return { op, operands: include };
        if (include.length === 0) refuse(here, 'needs at least one operand that is not a not');
        const exclude = parts.flatMap((p) => ('not' in p ? [p.not] : []));
        return { op, include, exclude };
      }
      case 'not': {
        if (!insideAnd) refuse(here, 'is allowed only directly inside and');
        return { not: positive(node(operand, here, depth + 1, false), here) };
      }
      case 'near':
      case 'followedBy': {
        if (!Array.isArray(operand) || operand.length !== 2) refuse(here, 'must be a list of two operands');
        const within = distance(value.within, `${path}.within`, op === 'followedBy');
        return {
          op,
          a: positive(node(operand[0], `${here}[0]`, depth + 1, false), here),
          b: positive(node(operand[1], `${here}[1]`, depth + 1, false), here),
          within,
        };
      }
    }
  };
  const expression = positive(node(body.expression, 'expression', 1, false), 'expression');
  const parsed: ParsedCodingQuery = {
    expression,
    coders: parseCoderSelection(body.coder, undefined).coders,
    attributes: attributes(body),
    context: queryContext(body.context),
  };
  if (body.documentId !== undefined) {
    if (!isUuid(body.documentId)) throw invalid('invalid_filter', 'documentId must be an id', { field: 'documentId' });
    parsed.documentId = body.documentId.toLowerCase();
  }
  return parsed;
}

function positive(node: QueryNode | { not: QueryNode }, path: string): QueryNode {
  if ('not' in node) refuse(path, 'not is allowed only directly inside and');
  return node;
}

function distance(value: unknown, path: string, optional: boolean): number | 'turn' {
  if (value === undefined && optional) return 'turn';
  if (value === 'turn') return value;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_QUERY_DISTANCE) return value;
  return refuse(path, `must be "turn" or a whole number of characters from 0 to ${MAX_QUERY_DISTANCE}`);
}

/** `attributes: {NAME: VALUE}` and `attr.NAME: VALUE` keys (the segments route's spelling), together. */
function attributes(body: Record<string, unknown>): Record<string, string> {
  const value = body.attributes;
  if (value !== undefined && (!isObject(value) || Object.values(value).some((v) => typeof v !== 'string')))
    throw invalid('invalid_filter', 'attributes must map attribute names to values', { field: 'attributes' });
  const out: Record<string, string> = { ...(value as Record<string, string> | undefined) };
  for (const [key, v] of Object.entries(body)) {
    if (!key.startsWith(ATTR)) continue;
    const name = key.slice(ATTR.length);
    if (!name || typeof v !== 'string' || (name in out && out[name] !== v))
      throw invalid('invalid_filter', `${key} must be one value for a named attribute`, { field: key });
    out[name] = v;
  }
  return out;
}

/**
 * The body as it is stored for a saved query: the fields given, with
 * `attr.NAME` keys folded into `attributes`. Call after `parseCodingQuery`
 * accepted the body.
 */
export function codingQueryRequest(body: Record<string, unknown>, parsed: ParsedCodingQuery): CodingQueryRequest {
  const request: CodingQueryRequest = { expression: body.expression as CodingQueryRequest['expression'] };
  if (parsed.coders.length > 0) request.coder = parsed.coders;
  if (parsed.documentId !== undefined) request.documentId = parsed.documentId;
  if (Object.keys(parsed.attributes).length > 0) request.attributes = parsed.attributes;
  if (body.context !== undefined) request.context = parsed.context;
  return request;
}

function queryContext(value: unknown): QueryContext {
  if (value === undefined) return 'sentence';
  if (typeof value === 'string' && (QUERY_CONTEXTS as readonly string[]).includes(value)) return value as QueryContext;
  throw invalid('invalid_filter', 'context must be sentence or turn', { field: 'context' });
}

/** For each active code, the code and every code below it (the codebook is a forest). */
export function subCodeTable(codes: readonly { id: string; parentId: string | null }[]): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const code of codes) {
    if (code.parentId === null) continue;
    const list = children.get(code.parentId);
    if (list) list.push(code.id);
    else children.set(code.parentId, [code.id]);
  }
  const table = new Map<string, string[]>();
  for (const code of codes) {
    const all: string[] = [];
    const stack = [code.id];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (all.includes(id)) continue;
      all.push(id);
      stack.push(...(children.get(id) ?? []));
    }
    table.set(code.id, all);
  }
  return table;
}
