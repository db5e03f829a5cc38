import { invalid } from '../platform/domain-error.js';
import { isUuid } from '../platform/parse-id.pipe.js';

/** More would be a request to compare everyone; groups are a few people, selections a project's documents. */
const MAX_IDS = 200;

/**
 * A query parameter holding one id or a comma-separated list of ids
 * (`coderA=ID,ID`), lower-cased and without repeats. Absent → `undefined`
 * unless required; anything that is not a list of UUIDs is a 400 naming the
 * parameter.
 */
export function idList(value: unknown, name: string, required: true): string[];
export function idList(value: unknown, name: string, required?: false): string[] | undefined;
export function idList(value: unknown, name: string, required = false): string[] | undefined {
  if (value === undefined || value === '') {
    if (required)
      throw invalid('invalid_id_list', `${name} is required: a user id, or several separated by commas`, {
        field: name,
      });
    return undefined;
  }
  // Express gives an array when the parameter is repeated (?coderA=x&coderA=y): treat it as one list.
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]));
  const ids = parts.map((p) => (typeof p === 'string' ? p.trim() : p));
  if (ids.length > MAX_IDS)
    throw invalid('invalid_id_list', `${name} lists more than ${MAX_IDS} ids`, { field: name, max: MAX_IDS });
  for (const id of ids)
    if (!isUuid(id))
      throw invalid('invalid_id_list', `${name} must be an id or a comma-separated list of ids`, { field: name });
  return [...new Set((ids as string[]).map((id) => id.toLowerCase()))];
}

/** The two sides of a comparison: each one coder or a group; nobody on both. */
export function coderSides(query: { coderA?: unknown; coderB?: unknown }): { a: string[]; b: string[] } {
  const a = idList(query.coderA, 'coderA', true);
  const b = idList(query.coderB, 'coderB', true);
  if (a.some((id) => b.includes(id))) throw invalid('same_coders', 'coderA and coderB must name different people');
  return { a, b };
}
