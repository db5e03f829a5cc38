import type { Code } from '@tolk/contracts';

/** A code in the codebook tree, with where it sits. */
export interface CodeNode {
  code: Code;
  depth: number;
  /** Names from the top-level code down to this one. */
  path: readonly string[];
  children: CodeNode[];
}

/**
 * The codebook as a tree, siblings in name order ("Tema 2" before
 * "Tema 10"). A code whose parent is not in the list (retired a moment ago,
 * or not yet announced) shows at the top level rather than vanishing.
 */
export function codeTree(codes: readonly Code[], locale: string): CodeNode[] {
  const ids = new Set(codes.map((c) => c.id));
  const byParent = new Map<string | null, Code[]>();
  for (const code of codes) {
    const parent = code.parentId && ids.has(code.parentId) && code.parentId !== code.id ? code.parentId : null;
    const siblings = byParent.get(parent) ?? [];
    siblings.push(code);
    byParent.set(parent, siblings);
  }
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  const seen = new Set<string>();
  const build = (parent: string | null, depth: number, path: readonly string[]): CodeNode[] =>
    (byParent.get(parent) ?? [])
      .sort((a, b) => collator.compare(a.name, b.name))
      // A cycle cannot come from the api (it refuses them); guard anyway.
      .filter((code) => !seen.has(code.id) && seen.add(code.id))
      .map((code) => {
        const own = [...path, code.name];
        return { code, depth, path: own, children: build(code.id, depth + 1, own) };
      });
  return build(null, 0, []);
}

/** Depth first, as the tree reads from top to bottom. */
export function flattenTree(nodes: readonly CodeNode[]): CodeNode[] {
  const out: CodeNode[] = [];
  const walk = (list: readonly CodeNode[]): void => {
    for (const node of list) {
      out.push(node);
      walk(node.children);
    }
  };
  walk(nodes);
  return out;
}

/** The code and everything below it: where it may not be moved or merged into. */
export function subtreeIds(codes: readonly Code[], id: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const code of codes) {
    if (!code.parentId) continue;
    const list = children.get(code.parentId) ?? [];
    list.push(code.id);
    children.set(code.parentId, list);
  }
  const out = new Set<string>();
  const stack = [id];
  while (stack.length) {
    const next = stack.pop()!;
    if (out.has(next)) continue;
    out.add(next);
    stack.push(...(children.get(next) ?? []));
  }
  return out;
}

/** "Relasjoner › Tillit", for pickers where the tree is not visible. */
export function pathLabel(path: readonly string[]): string {
  return path.join(' › ');
}

/** Case- and accent-insensitive "contains", for filtering codes as you type. */
export function matchesQuery(text: string, query: string): boolean {
  const q = fold(query.trim());
  return q === '' || fold(text).includes(q);
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}
