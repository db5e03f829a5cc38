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

/** The codes in the order of their labels (a pick list). */
export function sortedByLabel(codes: readonly Code[], labels: ReadonlyMap<string, string>): Code[] {
  return [...codes].sort((a, b) => (labels.get(a.id) ?? '').localeCompare(labels.get(b.id) ?? ''));
}

/** Every "name=value" of the transcripts' attributes, sorted (a pick list of restrictions). */
export function attributePairs(documents: readonly { attributes: Record<string, string> }[]): string[] {
  const pairs = new Set<string>();
  for (const d of documents) for (const [name, value] of Object.entries(d.attributes)) pairs.add(`${name}=${value}`);
  return [...pairs].sort();
}
