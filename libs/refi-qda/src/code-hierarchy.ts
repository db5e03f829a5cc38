import type { RefiCode } from './model.js';

/**
 * The separator a tool uses to flatten a code tree into names: ATLAS.ti 8
 * writes `Parent::Child`, Taguette `a\b`. Undefined when the codes are
 * nested already or no name carries the tool's separator.
 */
export function flatteningSeparator(codes: readonly RefiCode[], origin: string | undefined): string | undefined {
  if (codes.some((c) => c.children.length > 0)) return undefined;
  const candidates = /taguette/iu.test(origin ?? '') ? ['\\', '::'] : ['::'];
  return candidates.find((separator) => codes.some((c) => c.name.includes(separator)));
}

/**
 * Rebuilds a tree from flattened names. `Coke::diet Coke` becomes `diet
 * Coke` under the code named `Coke`; a parent that is not a code of its own
 * is added as a folder (`isCodable="false"`, with a new `guid` from
 * `folderGuid`). The order of first appearance is kept.
 */
export function rebuildHierarchy(
  codes: readonly RefiCode[],
  separator: string,
  folderGuid: (path: string) => string,
): RefiCode[] {
  const roots: RefiCode[] = [];
  const byPath = new Map<string, RefiCode>();
  const split = (name: string) =>
    name
      .split(separator)
      .map((part) => part.trim())
      .filter((part) => part.length > 0);

  const nodeAt = (parts: string[], template?: RefiCode): RefiCode => {
    const path = parts.join(separator);
    const existing = byPath.get(path);
    if (existing) {
      // A folder made for an earlier child turns into the real code when that code comes.
      if (template) Object.assign(existing, { ...template, name: parts.at(-1)!, children: existing.children });
      return existing;
    }
    const node: RefiCode = template
      ? { ...template, name: parts.at(-1)!, children: [] }
      : { guid: folderGuid(path), name: parts.at(-1)!, isCodable: false, noteRefs: [], children: [] };
    byPath.set(path, node);
    if (parts.length === 1) roots.push(node);
    else nodeAt(parts.slice(0, -1)).children.push(node);
    return node;
  };

  for (const code of codes) {
    const parts = split(code.name);
    nodeAt(parts.length > 0 ? parts : [code.name], code);
  }
  return roots;
}
