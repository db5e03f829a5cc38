import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { invalid } from '../platform/domain-error.js';
import { isUuid } from '../platform/parse-id.pipe.js';

/**
 * Whose codings an analysis or export counts (docs/api.md, «Analysis per
 * coder»): `coders` empty means everyone the caller may see; `merge` counts
 * the union per code (`merge=union`), so a passage coded by several people
 * counts once and names them all.
 */
export interface CoderSelection {
  coders: string[];
  merge: boolean;
}

export const MAX_CODERS = 50;

/** Everyone, each coding on its own: what a route without `coder` or `merge` counts. */
export const EVERYONE: CoderSelection = { coders: [], merge: false };

/**
 * Reads `coder` (repeatable, or a comma list) and `merge` from query values.
 * Anything else than user ids, or a `merge` other than `union`, is a 400
 * naming the parameter: a misspelt filter never silently counts everyone.
 */
export function parseCoderSelection(coder: unknown, merge: unknown): CoderSelection {
  const values = coder === undefined ? [] : Array.isArray(coder) ? (coder as unknown[]) : [coder];
  const coders: string[] = [];
  for (const value of values) {
    if (typeof value !== 'string') throw invalid('invalid_filter', 'coder must be a user id', { field: 'coder' });
    for (const part of value.split(',')) {
      const id = part.trim().toLowerCase();
      if (!isUuid(id)) throw invalid('invalid_filter', 'coder must be a user id', { field: 'coder' });
      if (!coders.includes(id)) coders.push(id);
    }
  }
  if (coders.length > MAX_CODERS)
    throw invalid('invalid_filter', `coder may name at most ${MAX_CODERS} people`, { field: 'coder', max: MAX_CODERS });
  if (merge !== undefined && merge !== 'union' && merge !== '')
    throw invalid('invalid_filter', 'merge must be union', { field: 'merge' });
  return { coders, merge: merge === 'union' };
}

/** Whether a coding by `createdBy` is among the selected coders' (everyone's when none are selected). */
export function isSelected(selection: CoderSelection, createdBy: string | null): boolean {
  return selection.coders.length === 0 || (createdBy !== null && selection.coders.includes(createdBy));
}

/** The `coder` and `merge` query parameters in the OpenAPI document, for every route that takes them. */
export function CoderQueries(): MethodDecorator {
  return applyDecorators(
    ApiQuery({
      name: 'coder',
      required: false,
      isArray: true,
      type: String,
      description:
        "only these people's codings (user ids; repeatable); with blind coding on, a coder gets only their own",
    }),
    ApiQuery({
      name: 'merge',
      required: false,
      enum: ['union'],
      description: 'union: overlapping or touching codings of one code count once, as one passage naming every coder',
    }),
  );
}
