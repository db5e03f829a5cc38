import type { Code } from '@tolk/contracts';

/** "Parent / Child" for each code id, for labels where the tree is not shown. */
export function codeLabels(codes: readonly Code[]): Map<string, string> {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const label = (code: Code, depth = 0): string => {
    const parent = code.parentId ? byId.get(code.parentId) : undefined;
    return parent && depth < 10 ? `${label(parent, depth + 1)} / ${code.name}` : code.name;
  };
  return new Map(codes.map((c) => [c.id, label(c)]));
}
