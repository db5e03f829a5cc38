import type { Cooccurrence } from '@tolk/contracts';

/** A coding as co-occurrence needs it. */
export interface CodedRange {
  documentId: string;
  codeId: string;
  start: number;
  end: number;
}

/**
 * Counts pairs of codings in one document whose ranges overlap (share at
 * least one character; touching ends do not overlap), per pair of codes, in
 * one sweep over the codings sorted by document and start: each coding is
 * compared only with those still open where it starts, not with every
 * other coding of its document. Codings of codes not in `codeIds` and empty
 * ranges are left out.
 *
 * @param codings sorted by `documentId`, then `start`.
 */
export function countCooccurrences(codeIds: readonly string[], codings: Iterable<CodedRange>): Cooccurrence {
  const index = new Map(codeIds.map((id, i) => [id, i]));
  const matrix = codeIds.map(() => codeIds.map(() => 0));
  let document: string | undefined;
  let open: { end: number; code: number }[] = [];
  let lastStart = -1;
  for (const coding of codings) {
    const code = index.get(coding.codeId);
    if (code === undefined || coding.end <= coding.start) continue;
    if (coding.documentId !== document) {
      document = coding.documentId;
      open = [];
      lastStart = -1;
    }
    if (coding.start < lastStart) throw new Error('codings must be sorted by document and start');
    lastStart = coding.start;
    open = open.filter((o) => o.end > coding.start);
    for (const other of open) {
      matrix[code][other.code] += 1;
      if (other.code !== code) matrix[other.code][code] += 1;
    }
    open.push({ end: coding.end, code });
  }
  return { codeIds: [...codeIds], matrix };
}
