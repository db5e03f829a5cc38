import type { Cell, Code, Locale, ProjectState } from '@tolk/contracts';
import { translate } from '../../platform/i18n/translate.js';
import { mergePassages } from '../passages.js';

/** One row per coding, as the segment exports (CSV, XLSX) write it. */
export interface SegmentTable {
  header: string[];
  rows: Cell[][];
}

/** "Parent / Child" for every code, from the codebook tree. */
export function codePaths(codes: readonly Pick<Code, 'id' | 'name' | 'parentId'>[]): Map<string, string> {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const paths = new Map<string, string>();
  const pathOf = (code: Pick<Code, 'id' | 'name' | 'parentId'>, seen: Set<string>): string => {
    const known = paths.get(code.id);
    if (known !== undefined) return known;
    const parent = code.parentId ? byId.get(code.parentId) : undefined;
    // A cycle cannot be made through the api; stop rather than loop if data says otherwise.
    const path = parent && !seen.has(parent.id) ? `${pathOf(parent, seen.add(code.id))} / ${code.name}` : code.name;
    paths.set(code.id, path);
    return path;
  };
  for (const code of codes) pathOf(code, new Set());
  return paths;
}

/**
 * The codings of a project state as a table: document, one column per
 * document attribute (sorted by name), code path, start, end, quote and
 * coder's name; rows in document order, then by position. Headers in `locale`.
 * With `merge`, one row per passage of the union per code (`mergePassages`),
 * naming every coder of it, so no passage is listed twice.
 */
export function segmentTable(state: ProjectState, locale: Locale = 'en', merge = false): SegmentTable {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  const attributeNames = [...new Set(state.documents.flatMap((d) => Object.keys(d.attributes)))].sort((a, b) =>
    a.localeCompare(b),
  );
  const documentOrder = new Map(state.documents.map((d, i) => [d.id, i]));
  const documents = new Map(state.documents.map((d) => [d.id, d]));
  const paths = codePaths(state.codes);
  const names = new Map(state.users.map((u) => [u.id, u.name]));
  const kept = state.codings.filter((c) => documents.has(c.documentId) && paths.has(c.codeId));
  const rows = merge
    ? mergePassages(kept).map((p) => ({ ...p, createdAt: p.codings[0].createdAt, coders: p.coderIds }))
    : kept.map((c) => ({ ...c, coders: [c.createdBy] }));
  const codings = rows.sort(
    (a, b) =>
      documentOrder.get(a.documentId)! - documentOrder.get(b.documentId)! ||
      a.start - b.start ||
      a.end - b.end ||
      a.createdAt.localeCompare(b.createdAt),
  );
  return {
    header: [
      t('segments.document'),
      ...attributeNames,
      t('segments.code'),
      t('segments.start'),
      t('segments.end'),
      t('segments.quote'),
      t('segments.coder'),
    ],
    rows: codings.map((c) => {
      const document = documents.get(c.documentId)!;
      return [
        document.title,
        ...attributeNames.map((name) => document.attributes[name] ?? ''),
        paths.get(c.codeId)!,
        c.start,
        c.end,
        c.quote,
        c.coders
          .map((id) => (id && names.get(id)) ?? '')
          .filter(Boolean)
          .join(', '),
      ];
    }),
  };
}
